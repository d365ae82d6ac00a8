"""Each Procon's rules tables for sanctions: the legal provisions an auto cites, the dated UFIR
values that set the fine's floor and cap, and the circumstances that raise or lower a fine."""

from decimal import Decimal, localcontext

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from tenants.penalties.dosimetry import AGGRAVATING, GROUPS, MITIGATING, PRECISION, Circumstance


class Law(models.TextChoices):
    CDC = "cdc", _("Consumer Defence Code (Lei 8.078/1990)")
    DECREE_2181 = "decreto_2181", _("Decreto 2.181/1997")


class InfractionGroup(models.TextChoices):
    # The four groups of Procon-SP's fine rules, from the least to the most serious.
    I = "I", _("Group I")  # noqa: E741
    II = "II", _("Group II")
    III = "III", _("Group III")
    IV = "IV", _("Group IV")


assert tuple(InfractionGroup.values) == GROUPS


class CircumstanceKind(models.TextChoices):
    MITIGATING = MITIGATING, _("Mitigating")
    AGGRAVATING = AGGRAVATING, _("Aggravating")


class LegalProvision(models.Model):
    """An article an auto de infração cites: breached, or the one that sets the sanction."""

    code = models.CharField(_("code"), max_length=60, help_text=_("For example “CDC art. 31”."))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    law = models.CharField(_("law"), max_length=20, choices=Law.choices)
    default_group = models.CharField(
        _("default infraction group"),
        max_length=3,
        choices=InfractionGroup.choices,
        blank=True,
        help_text=_("The group an auto proposes when this provision is breached."),
    )
    sets_sanction = models.BooleanField(_("sets the sanction"), default=False)
    active = models.BooleanField(_("offered on new autos"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("legal provision")
        verbose_name_plural = _("legal provisions")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(Lower("code"), name="penalties_provision_code_unique")
        ]

    def __str__(self) -> str:
        return self.code


class UfirValue(models.Model):
    """The UFIR in reais from a date on (frozen at R$ 1.0641 in 2000, updated by IPCA-E)."""

    valid_from = models.DateField(_("valid from"), unique=True)
    value = models.DecimalField(_("value (R$)"), max_digits=12, decimal_places=4)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("UFIR value")
        verbose_name_plural = _("UFIR values")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gt=0), name="penalties_ufir_value_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.valid_from}: {self.value}"


class CircumstanceRule(models.Model):
    """A mitigating or aggravating circumstance and the fraction it moves the fine by."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=CircumstanceKind.choices)
    label = models.CharField(_("label"), max_length=200)
    numerator = models.PositiveSmallIntegerField(_("fraction numerator"), default=1)
    denominator = models.PositiveSmallIntegerField(_("fraction denominator"), default=6)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    verified = models.BooleanField(
        _("fraction verified against the law"),
        default=False,
        help_text=_("Unverified fractions are the default of 1/6 until the Procon confirms them."),
    )
    active = models.BooleanField(_("offered in decisions"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("circumstance")
        verbose_name_plural = _("circumstances")
        ordering = ["kind", "position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(denominator__gt=0)
                & models.Q(numerator__lte=models.F("denominator")),
                name="penalties_circumstance_fraction_at_most_one",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def fraction(self) -> Decimal:
        with localcontext(prec=PRECISION):
            return Decimal(self.numerator) / Decimal(self.denominator)

    @property
    def fraction_display(self) -> str:
        return f"{self.numerator}/{self.denominator}"

    def to_circumstance(self) -> Circumstance:
        return Circumstance(self.code, self.kind, self.fraction, self.label)
