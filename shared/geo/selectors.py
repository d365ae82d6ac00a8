"""Reads over the municipalities."""

import re
import unicodedata
from dataclasses import dataclass

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


def _plain(text: str) -> str:
    """`text` without accents, case or repeated spaces: how a typed city name is compared."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def names_match(text: str, municipality: Municipality) -> bool:
    """Whether `text` names `municipality` (accents and case ignored, "/SP" or " - SP" allowed)."""
    plain = _plain(text)
    name = _plain(municipality.name)
    return plain == name or re.sub(r"\s*[/-]\s*[a-z]{2}$", "", plain) == name


@dataclass(frozen=True)
class Resolution:
    """What a typed city resolves to: one municipality of the state, or the candidates its text
    matches there; `elsewhere` when it names only a municipality of another state."""

    municipality: Municipality | None = None
    candidates: tuple[Municipality, ...] = ()
    elsewhere: bool = False


def resolve_municipality(
    *, text: str, code: str = "", uf_code: int | None = None, candidates: int = 5
) -> Resolution:
    """The state's municipality a picker sent: its IBGE `code` when the text still names it, else
    the text as an IBGE code or an exact name (accents and case ignored); otherwise up to
    `candidates` municipalities of the state whose names contain the text."""
    uf_code = settings.PLATFORM_UF_CODE if uf_code is None else uf_code
    text = " ".join(text.split())
    if code.isdigit() and len(code) == 7:
        picked = get_municipality(ibge_code=int(code))
        if picked is not None and names_match(text, picked):
            return Resolution(picked) if picked.uf_id == uf_code else Resolution(elsewhere=True)
    if re.fullmatch(r"\d{7}", text):
        found = get_municipality(ibge_code=int(text))
        if found is None:
            return Resolution()
        return Resolution(found) if found.uf_id == uf_code else Resolution(elsewhere=True)
    bare = re.sub(r"\s*[/-]\s*[A-Za-z]{2}$", "", text)
    exact = Q()
    for name in dict.fromkeys(name for name in (text, bare) if name):
        exact |= Q(name__unaccent__iexact=name)
    if not exact:
        return Resolution()
    found = (
        Municipality.objects.filter(exact, uf_id=uf_code)
        .select_related("uf")
        .order_by("ibge_code")
        .first()
    )
    if found is not None:
        return Resolution(found)
    near = tuple(municipality_list(query=bare, uf_code=uf_code, limit=candidates))
    if near:
        return Resolution(candidates=near)
    return Resolution(elsewhere=Municipality.objects.filter(exact).exists())
