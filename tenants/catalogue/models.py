"""Each Procon's catalogue of complaint subjects, problems and purchase channels, seeded from
consumidor.gov.br's open data and then the Procon's own to curate."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class SubjectArea(models.Model):
    """A market area (Alimentos, Telecomunicações...) that groups subjects."""

    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("subject area")
        verbose_name_plural = _("subject areas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="catalogue_subject_area_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Subject(models.Model):
    """What the complaint is about (assunto): a product or service within an area."""

    area = models.ForeignKey(
        SubjectArea, on_delete=models.PROTECT, related_name="subjects", verbose_name=_("area")
    )
    name = models.CharField(_("name"), max_length=250)
    active = models.BooleanField(_("offered to consumers"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    # SINDEC's CodigoAssunto of the closest SINDEC subject and SINDEC's group of that subject
    # (tenants/catalogue/sindec.py); empty for a subject the Procon added itself.
    sindec_code = models.CharField(_("SINDEC subject code"), max_length=8, blank=True)
    sindec_group = models.CharField(_("SINDEC group"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["area__name", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                "area", Lower("name"), name="catalogue_subject_name_unique_in_area"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ProblemGroup(models.Model):
    """A kind of problem (Cobrança / Contestação, Vício de Qualidade...) that groups problems."""

    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("problem group")
        verbose_name_plural = _("problem groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="catalogue_problem_group_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Problem(models.Model):
    """What went wrong (problema) within a group."""

    group = models.ForeignKey(
        ProblemGroup, on_delete=models.PROTECT, related_name="problems", verbose_name=_("group")
    )
    name = models.CharField(_("name"), max_length=250)
    active = models.BooleanField(_("offered to consumers"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    # SINDEC gives a problem one code per subject: {SINDEC subject code: CodigoProblema}.
    sindec_codes = models.JSONField(_("SINDEC problem codes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["group__name", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                "group", Lower("name"), name="catalogue_problem_name_unique_in_group"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def sindec_code_under(self, subject: Subject) -> str:
        return self.sindec_codes.get(subject.sindec_code, "") if subject.sindec_code else ""


class PurchaseChannel(models.Model):
    """How the consumer bought or contracted (como comprou / contratou)."""

    name = models.CharField(_("name"), max_length=120)
    active = models.BooleanField(_("offered to consumers"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("purchase channel")
        verbose_name_plural = _("purchase channels")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="catalogue_purchase_channel_name_unique")
        ]

    def __str__(self) -> str:
        return self.name
