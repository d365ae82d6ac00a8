"""IBGE federative units and municipalities (public schema, reference data)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FederativeUnit(models.Model):
    ibge_code = models.PositiveSmallIntegerField(_("IBGE code"), primary_key=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=40)
    region = models.CharField(_("region"), max_length=20)

    class Meta:
        ordering = ["name"]
        verbose_name = _("federative unit")
        verbose_name_plural = _("federative units")

    def __str__(self) -> str:
        return self.abbreviation


class Municipality(models.Model):
    ibge_code = models.PositiveIntegerField(_("IBGE code"), primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    uf = models.ForeignKey(
        FederativeUnit,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("UF"),
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=4)
    longitude = models.DecimalField(max_digits=8, decimal_places=4)
    is_capital = models.BooleanField(default=False)
    area_code = models.PositiveSmallIntegerField(_("phone area code (DDD)"))
    timezone = models.CharField(max_length=40)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        indexes = [models.Index(fields=["uf", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ibge_code__gte=1000000, ibge_code__lte=9999999),
                name="municipality_ibge_code_has_seven_digits",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}/{self.uf_id and self.uf.abbreviation}"
