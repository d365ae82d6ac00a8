"""Open data: atendimentos counted by month, Procon, city, kind, channel, sex and age band.

Every atendimento is counted (shared/caseindex AtendimentoEntry: each one the counter registers
and each complaint filed on the web), once. The file holds counts, never a row per person; the
city follows the complaints file's rule (a city with fewer atendimentos in the file than the
minimum is written as "Outros"), and sex and age band are the consumer's choice to give."""

from collections.abc import Iterator
from typing import IO

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, QuerySet, When
from django.db.models.functions import ExtractMonth, ExtractYear

from shared.caseindex.demographics import AGE_BAND_LABELS
from shared.caseindex.models import AtendimentoEntry
from shared.csvfiles import csv_writer
from shared.geo.models import FederativeUnit, Municipality
from shared.procons.models import Procon
from shared.registry.opendata import (
    CHANNEL_LABELS,
    NOT_INFORMED_AGE,
    NOT_INFORMED_CITY,
    NOT_INFORMED_SEX,
    OTHER_CITIES,
    SEX_LABELS,
    min_city_count,
)

ATENDIMENTO_COLUMNS = [
    "Gestor",
    "UF",
    "Cidade",
    "Ano",
    "Mês",
    "Tipo de Atendimento",
    "Canal de Origem",
    "Sexo",
    "Faixa Etária",
    "Atendimentos",
]
KINDS = tuple(AtendimentoEntry.Kind.values)
CHANNELS = tuple(CHANNEL_LABELS)
# The registry page's and API's yearly counts are kept this long (a public page must not run
# a state-wide aggregate on every visit); REGISTRY_ATENDIMENTO_CACHE_SECONDS = 0 turns it off.
YEAR_FIGURES_SECONDS = 3600
# SINDEC's kinds of atendimento, as the file writes them.
KIND_LABELS = {
    "guidance": "Orientação / consulta",
    "preliminary": "Atendimento preliminar (CIP)",
    "direct_complaint": "Abertura direta de reclamação",
    "referral": "Encaminhamento",
}


def atendimentos(*, procon: Procon | None) -> QuerySet[AtendimentoEntry]:
    """The atendimentos of one Procon, or of every Procon, with the city they count under: the
    consumer's, else a municipal Procon's own."""
    rows = AtendimentoEntry.objects.all()
    if procon is not None:
        rows = rows.filter(procon=procon)
    return rows.annotate(
        city_id=Case(
            When(municipality__isnull=False, then=F("municipality_id")),
            When(procon__kind="municipal", then=F("procon__municipality_id")),
            default=None,
            output_field=IntegerField(),
        )
    )


def atendimento_rows(*, procon: Procon | None) -> Iterator[list[object]]:
    uf = FederativeUnit.objects.filter(ibge_code=settings.PLATFORM_UF_CODE).first()
    uf_code = uf.abbreviation if uf else ""
    rows = atendimentos(procon=procon)
    published = (
        rows.filter(city_id__isnull=False)
        .values("city_id")
        .annotate(n=Count("id"))
        .filter(n__gte=min_city_count())
        .values_list("city_id", flat=True)
    )
    cities = dict(Municipality.objects.filter(pk__in=list(published)).values_list("pk", "name"))
    counts: dict[tuple[object, ...], int] = {}
    grouped = (
        rows.annotate(year=ExtractYear("opened_at"), month=ExtractMonth("opened_at"))
        .values(
            "procon__name",
            "city_id",
            "year",
            "month",
            "kind",
            "channel",
            "consumer_sex",
            "age_band",
        )
        .annotate(n=Count("id"))
    )
    for row in grouped:
        city_id = row["city_id"]
        city = NOT_INFORMED_CITY if city_id is None else cities.get(city_id, OTHER_CITIES)
        key = (
            row["procon__name"],
            uf_code,
            city,
            row["year"],
            row["month"],
            KIND_LABELS.get(row["kind"], row["kind"]),
            CHANNEL_LABELS.get(row["channel"], row["channel"]),
            SEX_LABELS.get(row["consumer_sex"], NOT_INFORMED_SEX),
            AGE_BAND_LABELS.get(row["age_band"], NOT_INFORMED_AGE),
        )
        # Cities merged into "Outros" add up.
        counts[key] = counts.get(key, 0) + row["n"]
    for key in sorted(counts, key=lambda k: (k[3], k[4], k[0], k[2], k[5], k[6], k[7], k[8])):
        yield [*key, counts[key]]


def write_atendimento_data(out: IO[str], *, procon: Procon | None) -> int:
    """Write the file to `out`; returns the number of atendimentos counted in it."""
    writer = csv_writer(out)
    writer.writerow(ATENDIMENTO_COLUMNS)
    total = 0
    for row in atendimento_rows(procon=procon):
        writer.writerow(row)
        total += row[-1]
    return total


def atendimento_year_figures(*, procon: Procon | None, year: int) -> dict[str, object]:
    """The atendimentos opened in `year` (local time) of one Procon, or of every Procon: the
    total, by kind, by channel, by kind and channel (every pair), and (state-wide) per Procon.
    Two grouped queries, kept YEAR_FIGURES_SECONDS."""
    seconds = getattr(settings, "REGISTRY_ATENDIMENTO_CACHE_SECONDS", YEAR_FIGURES_SECONDS)
    if not seconds:
        return _year_figures(procon=procon, year=year)
    key = f"registry:atendimentos:{procon.pk if procon is not None else 'state'}:{year}"
    figures = cache.get(key)
    if figures is None:
        figures = _year_figures(procon=procon, year=year)
        cache.set(key, figures, seconds)
    return figures


def _year_figures(*, procon: Procon | None, year: int) -> dict[str, object]:
    rows = AtendimentoEntry.objects.filter(opened_at__year=year)
    if procon is not None:
        rows = rows.filter(procon=procon)
    pairs = {(kind, channel): 0 for kind in KINDS for channel in CHANNELS}
    for kind, channel, n in (
        rows.values("kind", "channel")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("kind", "channel", "n")
    ):
        pairs[(kind, channel)] = pairs.get((kind, channel), 0) + n
    by_kind = {kind: sum(n for (k, _c), n in pairs.items() if k == kind) for kind in KINDS}
    by_channel = {
        channel: sum(n for (_k, c), n in pairs.items() if c == channel) for channel in CHANNELS
    }
    per_procon: list[dict[str, object]] = []
    if procon is None:
        counts: dict[tuple[str, str], dict[str, int]] = {}
        for slug, name, kind, n in (
            rows.values("procon__slug", "procon__name", "kind")
            .annotate(n=Count("id"))
            .order_by()
            .values_list("procon__slug", "procon__name", "kind", "n")
        ):
            counts.setdefault((slug, name), dict.fromkeys(KINDS, 0))[kind] = n
        per_procon = sorted(
            (
                {"slug": slug, "name": name, "total": sum(kinds.values()), "by_kind": kinds}
                for (slug, name), kinds in counts.items()
            ),
            key=lambda row: (-row["total"], row["name"]),
        )
    return {
        "scope": procon.slug if procon is not None else "state",
        "year": year,
        "total": sum(by_kind.values()),
        "by_kind": by_kind,
        "by_channel": by_channel,
        "by_kind_and_channel": [
            {"kind": kind, "channel": channel, "count": n} for (kind, channel), n in pairs.items()
        ],
        "procons": per_procon,
    }
