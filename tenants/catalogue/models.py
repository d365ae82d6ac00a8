"""Each Procon's catalogue of complaint subjects, problems and purchase channels, seeded from
consumidor.gov.br's open data and then the Procon's own to curate."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


def unique_name(constraint: str, *within: str) -> models.UniqueConstraint:
    """Names are unique whatever their case (within their area or group, when named)."""
    return models.UniqueConstraint(*within, Lower("name"), name=constraint)


class Named(models.Model):
    """A catalogue row, known by its name."""

    name = models.CharField(_("name"), max_length=120)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Offered(Named):
    """An entry consumers choose from, in the Procon's order, unless the Procon deactivated it."""

    active = models.BooleanField(_("offered to consumers"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta(Named.Meta):
        abstract = True


class Grouped(Offered):
    """A subject within its area, or a problem within its group: a longer name."""

    name = models.CharField(_("name"), max_length=250)

    class Meta(Offered.Meta):
        abstract = True


class SubjectArea(Named):
    """A market area (Alimentos, Telecomunicações...) that groups subjects."""

    class Meta(Named.Meta):
        verbose_name, verbose_name_plural = _("subject area"), _("subject areas")
        constraints = [unique_name("catalogue_subject_area_name_unique")]


class Subject(Grouped):
    """What the complaint is about (assunto): a product or service within an area."""

    area = models.ForeignKey(
        SubjectArea, on_delete=models.PROTECT, related_name="subjects", verbose_name=_("area")
    )
    # SINDEC's CodigoAssunto of the closest SINDEC subject and SINDEC's group of that subject
    # (tenants/catalogue/sindec.py); empty for a subject the Procon added itself.
    sindec_code = models.CharField(_("SINDEC subject code"), max_length=8, blank=True)
    sindec_group = models.CharField(_("SINDEC group"), max_length=40, blank=True)
    # The problems that occur under this subject (area → subject → problem): the filing form
    # offers only these; a subject with none offers every problem (tenants/catalogue/hierarchy.py).
    problems = models.ManyToManyField(
        "Problem", blank=True, related_name="subjects", verbose_name=_("problems")
    )

    class Meta(Grouped.Meta):
        verbose_name, verbose_name_plural = _("subject"), _("subjects")
        ordering = ["area__name", "position", "name"]
        constraints = [unique_name("catalogue_subject_name_unique_in_area", "area")]


class ProblemGroup(Named):
    """A kind of problem (Cobrança / Contestação, Vício de Qualidade...) that groups problems."""

    class Meta(Named.Meta):
        verbose_name, verbose_name_plural = _("problem group"), _("problem groups")
        constraints = [unique_name("catalogue_problem_group_name_unique")]


class Problem(Grouped):
    """What went wrong (problema) within a group."""

    group = models.ForeignKey(
        ProblemGroup, on_delete=models.PROTECT, related_name="problems", verbose_name=_("group")
    )
    # SINDEC gives a problem one code per subject: {SINDEC subject code: CodigoProblema}.
    sindec_codes = models.JSONField(_("SINDEC problem codes"), default=dict, blank=True)

    class Meta(Grouped.Meta):
        verbose_name, verbose_name_plural = _("problem"), _("problems")
        ordering = ["group__name", "position", "name"]
        constraints = [unique_name("catalogue_problem_name_unique_in_group", "group")]

    def sindec_code_under(self, subject: Subject) -> str:
        return self.sindec_codes.get(subject.sindec_code, "") if subject.sindec_code else ""


class PurchaseChannel(Offered):
    """How the consumer bought or contracted (como comprou / contratou)."""

    class Meta(Offered.Meta):
        verbose_name, verbose_name_plural = _("purchase channel"), _("purchase channels")
        ordering = ["position", "name"]
        constraints = [unique_name("catalogue_purchase_channel_name_unique")]
