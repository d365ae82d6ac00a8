"""Reads over Procons (public schema)."""

import re

from django.conf import settings
from django.db.models import Case, IntegerField, QuerySet, Value, When

from shared.geo.models import Municipality
from shared.geo.selectors import get_municipality, is_in_platform_uf
from shared.procons.lifecycle import SERVED_STATUSES, ProconKind, ProconStatus
from shared.procons.models import Procon, ProconStatusChange


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


def procon_serving(municipality: Municipality) -> Procon:
    """Where a consumer of `municipality` files a new complaint: the city's own active Procon,
    else the state Procon (a suspended or pending municipal Procon takes no new complaints)."""
    own = Procon.objects.filter(
        municipality=municipality, kind=ProconKind.MUNICIPAL, status=ProconStatus.ACTIVE
    ).first()
    if own is not None:
        return own
    state = state_procon()
    if state is None:
        raise Procon.DoesNotExist("the platform has no state Procon")
    return state


def find_municipality(text: str) -> Municipality | None:
    """The platform state's municipality named by `text`: an IBGE code, or a name with accents
    and case ignored (a trailing "/SP" or " - SP" is allowed)."""
    text = " ".join((text or "").split())
    if re.fullmatch(r"\d{7}", text):
        municipality = get_municipality(ibge_code=int(text))
        return municipality if municipality and is_in_platform_uf(municipality) else None
    for name in dict.fromkeys([text, re.sub(r"\s*[/-]\s*[A-Za-z]{2}$", "", text)]):
        if not name:
            continue
        municipality = (
            Municipality.objects.filter(
                uf_id=settings.PLATFORM_UF_CODE, name__unaccent__iexact=name
            )
            .select_related("uf")
            .order_by("ibge_code")
            .first()
        )
        if municipality is not None:
            return municipality
    return None


def municipal_procon_list() -> QuerySet[Procon]:
    """Every municipal Procon, whatever its status, by name (for the supervisor)."""
    return (
        Procon.objects.filter(kind=ProconKind.MUNICIPAL)
        .select_related("municipality")
        .order_by("name")
    )


def status_change_list(procon: Procon) -> QuerySet[ProconStatusChange]:
    return ProconStatusChange.objects.filter(procon=procon).select_related("actor")
