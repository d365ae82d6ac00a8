"""Reads of the current schema's rules tables."""

from datetime import date

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound

from tenants.penalties.models import CircumstanceRule, LegalProvision, UfirValue


def ufir_value_on(day: date) -> UfirValue | None:
    """The UFIR value in force on `day`: the latest entered from that day or before."""
    return UfirValue.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


def ufir_value_list() -> QuerySet[UfirValue]:
    return UfirValue.objects.order_by("-valid_from")


def active_circumstances() -> QuerySet[CircumstanceRule]:
    return CircumstanceRule.objects.filter(active=True).order_by("kind", "position", "code")


def circumstance_rule_list() -> QuerySet[CircumstanceRule]:
    return CircumstanceRule.objects.order_by("kind", "position", "code")


def provisions(
    *, active_only: bool = True, sets_sanction: bool | None = None
) -> QuerySet[LegalProvision]:
    rows = LegalProvision.objects.order_by("position", "code")
    if active_only:
        rows = rows.filter(active=True)
    if sets_sanction is not None:
        rows = rows.filter(sets_sanction=sets_sanction)
    return rows


def access_provision(*, provision_id: int) -> LegalProvision:
    try:
        return LegalProvision.objects.get(pk=provision_id)
    except LegalProvision.DoesNotExist:
        raise NotFound() from None


def access_ufir_value(*, ufir_value_id: int) -> UfirValue:
    try:
        return UfirValue.objects.get(pk=ufir_value_id)
    except UfirValue.DoesNotExist:
        raise NotFound() from None


def access_circumstance_rule(*, rule_id: int) -> CircumstanceRule:
    try:
        return CircumstanceRule.objects.get(pk=rule_id)
    except CircumstanceRule.DoesNotExist:
        raise NotFound() from None
