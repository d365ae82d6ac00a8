"""The municipality of a CEP, offline, from the Correios' CEP ranges of each locality.

`data/faixas_cep_municipios.csv` holds, for every one of the 5,570 municipalities, the ranges
of CEPs the Correios give the locality (São Paulo's capital has two); `data/faixas_cep_uf.csv`
the ranges of each state (see data/SOURCE.md). A CEP outside the platform's state is refused
with a field error; a CEP of the state that falls in no municipality's range (a district or a
large user's own CEP the ranges leave out) derives no city, and the city the consumer chose is
kept (`consumer_city`). No lookup service is called: a filing never waits on the network."""

import bisect
import csv
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from shared.documents import format_cep, normalize_cep, validate_cep
from shared.geo.loading import DATA_DIR
from shared.geo.models import Municipality


@dataclass(frozen=True)
class CepRange:
    first: str  # eight digits
    last: str
    code: int  # IBGE code: of the municipality, or (state ranges) of the state


def _ranges(filename: str, code_column: str) -> list[CepRange]:
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        rows = [
            CepRange(first=row["cep_inicial"], last=row["cep_final"], code=int(row[code_column]))
            for row in csv.DictReader(handle)
        ]
    return sorted(rows, key=lambda r: r.first)


@cache
def _municipality_ranges() -> tuple[list[str], list[CepRange]]:
    ranges = _ranges("faixas_cep_municipios.csv", "codigo_ibge")
    return [r.first for r in ranges], ranges


@cache
def state_ranges(uf_code: int) -> list[CepRange]:
    """The CEP ranges of a state (SP: 01000-000 to 19999-999)."""
    return [r for r in _ranges("faixas_cep_uf.csv", "codigo_uf") if r.code == uf_code]


def municipality_code(cep: str) -> int | None:
    """The IBGE code of the municipality whose range holds `cep` (digits), or None."""
    firsts, ranges = _municipality_ranges()
    at = bisect.bisect_right(firsts, cep) - 1
    if at >= 0 and ranges[at].first <= cep <= ranges[at].last:
        return ranges[at].code
    return None


def in_state(cep: str, uf_code: int | None = None) -> bool:
    uf_code = settings.PLATFORM_UF_CODE if uf_code is None else uf_code
    return any(r.first <= cep <= r.last for r in state_ranges(uf_code))


def validate_platform_cep(value: str) -> str:
    """The digits of a CEP of the platform's state; a ValidationError naming the state's range
    otherwise (eight digits first)."""
    validate_cep(value)
    cep = normalize_cep(value)
    if not in_state(cep):
        ranges = state_ranges(settings.PLATFORM_UF_CODE)
        state = _state_abbreviation()
        raise ValidationError(
            _("This CEP is not of %(state)s: the CEPs of %(state)s go from %(first)s to %(last)s.")
            % {
                "state": state,
                "first": format_cep(ranges[0].first) if ranges else "",
                "last": format_cep(ranges[-1].last) if ranges else "",
            },
            code="cep_outside_state",
        )
    return cep


@cache
def _abbreviations() -> dict[int, str]:
    with (DATA_DIR / "faixas_cep_uf.csv").open(encoding="utf-8", newline="") as handle:
        return {int(row["codigo_uf"]): row["uf"] for row in csv.DictReader(handle)}


def _state_abbreviation() -> str:
    """The platform state's abbreviation (SP), from the shipped file: no query."""
    code = settings.PLATFORM_UF_CODE
    return _abbreviations().get(code, str(code))


def platform_municipality_code(cep: str) -> int | None:
    """The IBGE code of the platform state's municipality of a CEP's digits, or None; no query
    (the code is the municipality's primary key)."""
    code = municipality_code(normalize_cep(cep))
    if code is None or code // 100_000 != settings.PLATFORM_UF_CODE:
        return None
    return code


def municipality_of_cep(cep: str) -> Municipality | None:
    """The municipality (of the platform's state) of a CEP's digits, or None."""
    code = municipality_code(normalize_cep(cep))
    if code is None:
        return None
    return (
        Municipality.objects.select_related("uf")
        .filter(ibge_code=code, uf_id=settings.PLATFORM_UF_CODE)
        .first()
    )


def consumer_city(cep: str, chosen: Municipality | None) -> Municipality | None:
    """The consumer's city: the one the CEP derives when a CEP is given and falls in a
    municipality's range; else the one the consumer chose."""
    if cep:
        derived = municipality_of_cep(cep)
        if derived is not None:
            return derived
    return chosen
