"""Reads over Procons (public schema)."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from shared.procons.lifecycle import SERVED_STATUSES, ProconKind
from shared.procons.models import Procon


def procon_list(*, served_only: bool = True) -> QuerySet[Procon]:
    """Procons with the state Procon first, then the municipal ones by name."""
    qs = Procon.objects.select_related("municipality__uf")
    if served_only:
        qs = qs.filter(status__in=SERVED_STATUSES)
    state_first = Case(
        When(kind=ProconKind.STATE, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return qs.order_by(state_first, "name")


def state_procon() -> Procon | None:
    return Procon.objects.filter(kind=ProconKind.STATE).select_related("municipality").first()
