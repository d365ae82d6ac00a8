"""Companies (fornecedores): public schema, one row per CNPJ, shared by every Procon."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from shared.documents import format_cnpj, validate_cnpj


class Company(models.Model):
    cnpj = models.CharField(_("CNPJ"), max_length=14, unique=True, validators=[validate_cnpj])
    legal_name = models.CharField(_("legal name (razão social)"), max_length=200)
    trade_name = models.CharField(_("trade name"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["trade_name", "legal_name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cnpj__regex=r"^[0-9A-Z]{12}[0-9]{2}$"),
                name="company_cnpj_normalized",
            )
        ]
        indexes = [
            models.Index(
                fields=["cnpj"], name="company_cnpj_root_idx", opclasses=["varchar_pattern_ops"]
            )
        ]

    def __str__(self) -> str:
        return self.trade_name or self.legal_name

    @property
    def cnpj_root(self) -> str:
        """The first eight characters: the same for every branch of one company."""
        return self.cnpj[:8]

    @property
    def cnpj_display(self) -> str:
        return format_cnpj(self.cnpj)
