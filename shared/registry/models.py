"""The registry of founded complaints (CDC art. 44) as published, and the open-data exports.

A publication's rows are stored, never recomputed: a case reclassified after the publication
changes the live registry, not what was published. A publication without a Procon is the
state-wide registry (published by the state supervisor).
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def scope(*, on_delete: Callable[..., None] = models.PROTECT, **options: Any) -> models.ForeignKey:
    """The Procon a row is about, or none for the state-wide one (no reverse accessor)."""
    return models.ForeignKey(
        "procons.Procon", on_delete=on_delete, null=True, blank=True, related_name="+", **options
    )


class RegistryPublication(models.Model):
    procon = scope(verbose_name=_("Procon"))
    year = models.PositiveSmallIntegerField(_("year"))
    # 1 for a year's first publication; a republication of the same year gets the next number.
    version = models.PositiveSmallIntegerField(_("version"))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    companies = models.PositiveIntegerField(_("companies"))
    founded_met = models.PositiveIntegerField(_("founded, met"))
    founded_not_met = models.PositiveIntegerField(_("founded, not met"))
    # The CSV as published, rendered once at publication: served as stored.
    csv_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-year", "-version"]
        verbose_name = _("registry publication")
        verbose_name_plural = _("registry publications")
        constraints = [
            models.UniqueConstraint(
                fields=["procon", "year", "version"],
                nulls_distinct=False,
                name="registry_publication_version_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procon_id or 'state'} {self.year} v{self.version}"


class RegistryPublicationRow(models.Model):
    """One company of a publication, with its names as they were when published."""

    publication = models.ForeignKey(
        RegistryPublication, on_delete=models.CASCADE, related_name="rows"
    )
    company = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="+")
    cnpj = models.CharField(max_length=14)
    legal_name = models.CharField(max_length=200)
    trade_name = models.CharField(max_length=200, blank=True)
    founded_met = models.PositiveIntegerField()
    founded_not_met = models.PositiveIntegerField()

    class Meta:
        ordering = ["publication", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "company"], name="registry_row_company_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publication_id}:{self.cnpj}"

    @property
    def total(self) -> int:
        return self.founded_met + self.founded_not_met


class PublishedFile(models.Model):
    """A file in storage, rebuilt by a beat task and served as stored: where it is, and how many
    complaints and bytes it holds."""

    path = models.CharField(max_length=300)
    rows = models.PositiveIntegerField()
    size = models.PositiveBigIntegerField()
    generated_at = models.DateTimeField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.path


class OpenDataExport(PublishedFile):
    """The latest complaint-level open-data file of a scope (one Procon, or state-wide when
    `procon` is empty)."""

    procon = scope()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["procon"], nulls_distinct=False, name="open_data_one_per_scope"
            ),
        ]


class AtendimentoExport(PublishedFile):
    """The latest open-data file of atendimentos counted by month, kind and channel
    (shared/registry/atendimentos.py) of a scope; `rows` is the number of atendimentos counted."""

    procon = scope()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["procon"], nulls_distinct=False, name="atendimento_export_one_per_scope"
            ),
        ]


class RegistryFigure(models.Model):
    """The live registry pre-aggregated: founded complaints closed in `year` per company, of one
    Procon, or state-wide when `procon` is empty. Rebuilt by `do_refresh_registry_rollup` only."""

    procon = scope(on_delete=models.CASCADE)
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    founded_met = models.PositiveIntegerField()
    founded_not_met = models.PositiveIntegerField()
    total = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["procon", "year", "company"],
                nulls_distinct=False,
                name="registry_figure_unique",
            ),
        ]
        indexes = [models.Index(fields=["company"], name="registry_figure_company_idx")]

    def __str__(self) -> str:
        return f"{self.procon_id or 'state'}:{self.company_id}:{self.year}"


class RegistryRollupState(models.Model):
    """One row: when the registry's rollup last read the index's change log. `refreshed_at`
    (= `watermark`) is the database's clock just before the log was read: every index change
    committed before it is in the figures. `as_of` is the day of the last full rebuild."""

    refreshed_at = models.DateTimeField()
    watermark = models.DateTimeField(null=True)
    as_of = models.DateField()

    def __str__(self) -> str:
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"


class SindecExport(PublishedFile):
    """The latest state-wide file of a year's founded complaints in the SINDEC layout (one line
    per complaint)."""

    year = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year"], name="sindec_export_one_per_year"),
        ]
