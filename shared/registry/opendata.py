"""Complaint-level open data in the consumidor.gov.br layout, without personal data.

Nothing that names or reaches a person is read: the case index holds no consumer data, and only
catalogue labels, dates, the company's public name and the consumer's rating are written. Cells
that could single a consumer out are generalised: a city with fewer complaints in the file than
`OPEN_DATA_MIN_CITY_COUNT` is written as "Outros" (the state stays); sex and age band are
those the consumer chose to give (the band, never the birth date), "Não informado" /
"Não informada" otherwise; "Canal de Origem" is how the consumer came. Only complaints that passed triage
are published (a filing nobody has read yet may be abuse), and a company under its registered
name once verified (`shared.registry.names`). The last three columns carry a complaint's
narrative only if its consumer consented and staff approved the scrubbed text
(`shared.narratives.models.PublishedNarrative`), with the company's public response; a withdrawal
deletes that row and rewrites the files. docs/open-data.md lists every column's source.
"""

import csv
import functools
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db.models import Case, Count, F, IntegerField, QuerySet, When
from django.utils import timezone, translation

from shared.caseindex.demographics import AGE_BAND_LABELS
from shared.caseindex.models import CaseIndexEntry
from shared.csvfiles import csv_writer
from shared.geo.models import FederativeUnit, Municipality
from shared.narratives.responses import ResponseKind
from shared.procons.models import Procon
from shared.registry.names import open_data_company_name

OPEN_DATA_COLUMNS = [
    "Gestor",
    "Canal de Origem",
    "Região",
    "UF",
    "Cidade",
    "Sexo",
    "Faixa Etária",
    "Ano Abertura",
    "Mês Abertura",
    "Data Abertura",
    "Data Resposta",
    "Data Análise",
    "Data Recusa",
    "Data Finalização",
    "Prazo Resposta",
    "Prazo Analise Gestor",
    "Tempo Resposta",
    "Nome Fantasia",
    "Segmento de Mercado",
    "Área",
    "Assunto",
    "Grupo Problema",
    "Problema",
    "Como Comprou Contratou",
    "Procurou Empresa",
    "Respondida",
    "Situação",
    "Avaliação Reclamação",
    "Nota do Consumidor",
    "Análise da Recusa",
    # The consented, scrubbed and moderated narrative, and the company's public response to it.
    "Relato do Consumidor",
    "Resposta Pública da Empresa",
    "Texto da Resposta da Empresa",
]
# Filed but not triaged yet: never published; nor a complaint refused at triage (closed as not
# competent) or withdrawn before its CIP went out.
UNTRIAGED_STATUSES = ("registered", "awaiting_consumer")
REJECTED = "not_competent"
WITHDRAWN = "withdrawn"
SEGMENT_AREA_CSV = (
    Path(__file__).resolve().parent / "data" / "consumidorgov_2014-2015_segmento_area.csv"
)
# consumidor.gov.br's "Situação" values (its files hold the finalised ones); a complaint still
# under way here reads "Em andamento", a withdrawn one "Cancelada".
FINALISED_RATED = "Finalizada avaliada"
FINALISED_NOT_RATED = "Finalizada não avaliada"
CANCELLED = "Cancelada"
OTHER_CITIES = "Outros"
NOT_INFORMED_SEX = "Não informado"
NOT_INFORMED_AGE = "Não informada"
NOT_INFORMED_CITY = "Não informada"
# "Canal de Origem": how the consumer came (the Channel values of tenants/complaints).
CHANNEL_LABELS = {
    "web": "Internet",
    "counter": "Presencial",
    "phone": "Telefone",
    "email": "E-mail",
    "letter": "Carta",
}
ORIGIN = "Internet"  # a complaint indexed before the channel was recorded: filed on the web
SEX_LABELS = {"F": "F", "M": "M"}
# The published file is in Portuguese whatever the page's language: it is data, not interface.
IN_PROGRESS = "Em andamento"


def min_city_count() -> int:
    return int(getattr(settings, "OPEN_DATA_MIN_CITY_COUNT", 10))


def export_cases(*, procon: Procon | None) -> QuerySet[CaseIndexEntry]:
    """The complaints of one Procon, or of every Procon, with the city they count under: the
    index's city, else the municipal Procon's own city (the consumer's city chose that Procon)."""
    cases = (
        CaseIndexEntry.objects.filter(kind=CaseIndexEntry.Kind.COMPLAINT)
        .exclude(status__in=UNTRIAGED_STATUSES)
        .exclude(classification=REJECTED)
        .exclude(classification=WITHDRAWN, cip_sent_at__isnull=True)
    )
    if procon is not None:
        cases = cases.filter(procon=procon)
    return cases.annotate(
        city_id=Case(
            When(municipality__isnull=False, then=F("municipality_id")),
            When(procon__kind="municipal", then=F("procon__municipality_id")),
            default=None,
            output_field=IntegerField(),
        )
    )


def published_cities(*, procon: Procon | None) -> dict[int, str]:
    """The cities with at least the minimum count of complaints in the file, by IBGE code."""
    counts = (
        export_cases(procon=procon)
        .filter(city_id__isnull=False)
        .values("city_id")
        .annotate(n=Count("id"))
        .filter(n__gte=min_city_count())
        .values_list("city_id", flat=True)
    )
    return dict(Municipality.objects.filter(pk__in=list(counts)).values_list("pk", "name"))


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _date(value: datetime | None) -> str:
    return _day(timezone.localtime(value).date()) if value else ""


@functools.cache
def segments_by_area() -> dict[str, str]:
    """Each area's market segment: the segment holding most of the area's complaints in
    consumidor.gov.br's data (an area spans several segments there)."""
    best: dict[str, tuple[int, str]] = {}
    with SEGMENT_AREA_CSV.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        for segment, area, count in reader:
            key = area.strip().casefold()
            if int(count) > best.get(key, (-1, ""))[0]:
                best[key] = (int(count), segment.strip())
    return {area: segment for area, (_n, segment) in best.items()}


def segment_of_area(area: str) -> str:
    return segments_by_area().get((area or "").strip().casefold(), "")


def situation(*, classification: str, rated: bool) -> str:
    if not classification:
        return IN_PROGRESS
    if classification == WITHDRAWN:
        return CANCELLED
    return FINALISED_RATED if rated else FINALISED_NOT_RATED


def response_kind_labels() -> dict[str, str]:
    """The public responses' labels as the file writes them: in Portuguese, whatever the
    language of the request or task that builds it."""
    with translation.override("pt-br"):
        return {kind.value: str(kind.label) for kind in ResponseKind}


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("S" if value else "N")


def open_data_rows(*, procon: Procon | None) -> Iterator[list[object]]:
    uf = FederativeUnit.objects.filter(ibge_code=settings.PLATFORM_UF_CODE).first()
    region = uf.region if uf else ""
    uf_code = uf.abbreviation if uf else ""
    cities = published_cities(procon=procon)
    fields = [
        "city_id",
        "procon__name",
        "company__trade_name",
        "company__legal_name",
        "company__cnpj",
        "company__kind",
        "company__verified_at",
        "subject_area",
        "subject",
        "problem_group",
        "problem",
        "purchase_channel",
        "contacted_company_first",
        "status",
        "classification",
        "opened_at",
        "cip_sent_at",
        "cip_due_on",
        "answered_at",
        "rated_at",
        "closed_at",
        "resolved",
        "satisfaction",
        "channel",
        "consumer_sex",
        "age_band",
        # One LEFT JOIN on the reverse one-to-one: no query per row.
        "published_narrative__text",
        "published_narrative__response_kind",
        "published_narrative__response_text",
    ]
    kinds = response_kind_labels()
    cases = export_cases(procon=procon).order_by("opened_at", "id").values(*fields)
    for case in cases.iterator(chunk_size=5000):
        opened = timezone.localtime(case["opened_at"])
        city_id = case["city_id"]
        city = NOT_INFORMED_CITY if city_id is None else cities.get(city_id, OTHER_CITIES)
        classification = case["classification"]
        response_days = ""
        if case["answered_at"] and case["cip_sent_at"]:
            response_days = max((case["answered_at"] - case["cip_sent_at"]).days, 0)
        if case["resolved"] is None:
            rating = "Não Avaliada"
        else:
            rating = "Resolvida" if case["resolved"] else "Não Resolvida"
        yield [
            case["procon__name"],
            CHANNEL_LABELS.get(case["channel"], ORIGIN),
            region,
            uf_code,
            city,
            SEX_LABELS.get(case["consumer_sex"], NOT_INFORMED_SEX),
            AGE_BAND_LABELS.get(case["age_band"], NOT_INFORMED_AGE),
            opened.year,
            opened.month,
            _day(opened.date()),
            _date(case["answered_at"]),
            _date(case["rated_at"]),
            _date(case["closed_at"]) if classification == "not_competent" else "",
            _date(case["closed_at"]),
            _day(case["cip_due_on"]) if case["cip_due_on"] else "",
            "",
            response_days,
            open_data_company_name(
                cnpj=case["company__cnpj"],
                legal_name=case["company__legal_name"],
                trade_name=case["company__trade_name"],
                verified=case["company__verified_at"] is not None,
                kind=case["company__kind"],
            ),
            segment_of_area(case["subject_area"]),
            case["subject_area"],
            case["subject"],
            case["problem_group"],
            case["problem"],
            case["purchase_channel"],
            _yes_no(case["contacted_company_first"]),
            "S" if case["answered_at"] else "N",
            situation(classification=classification, rated=case["rated_at"] is not None),
            rating,
            case["satisfaction"] if case["satisfaction"] is not None else "",
            "",
            case["published_narrative__text"] or "",
            kinds.get(case["published_narrative__response_kind"] or "", ""),
            case["published_narrative__response_text"] or "",
        ]


def write_open_data(out: IO[str], *, procon: Procon | None) -> int:
    """Write the file to `out`; returns the number of complaints written."""
    writer = csv_writer(out)
    writer.writerow(OPEN_DATA_COLUMNS)
    count = 0
    for row in open_data_rows(procon=procon):
        writer.writerow(row)
        count += 1
    return count
