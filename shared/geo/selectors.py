"""Reads over the municipalities."""

from django.conf import settings
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.db.models.functions import Lower

from shared.geo.models import Municipality


def municipality_list(
    *, query: str = "", uf_code: int | None = None, limit: int = 20
) -> QuerySet[Municipality]:
    """Municipalities whose name contains `query` (accents and case ignored), best matches first."""
    uf_code = settings.PLATFORM_UF_CODE if uf_code is None else uf_code
    qs = Municipality.objects.filter(uf_id=uf_code).select_related("uf")
    query = query.strip()
    if not query:
        return qs.order_by(Lower("name"))[:limit]
    starts = Case(
        When(Q(name__unaccent__istartswith=query), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    return (
        qs.filter(name__unaccent__icontains=query)
        .annotate(starts_with_query=starts)
        .order_by("-starts_with_query", Lower("name"))[:limit]
    )


def get_municipality(*, ibge_code: int) -> Municipality | None:
    return Municipality.objects.select_related("uf").filter(ibge_code=ibge_code).first()


def is_in_platform_uf(municipality: Municipality) -> bool:
    return municipality.uf_id == settings.PLATFORM_UF_CODE
