"""Complaint-level open data in the consumidor.gov.br layout, without personal data.

Nothing that names or reaches a person is read: the case index holds no consumer data, and only
catalogue labels, dates, the company's trade name and the consumer's rating are written. Cells
that could single a consumer out are generalised: a city with fewer complaints in the file than
`OPEN_DATA_MIN_CITY_COUNT` is written as "Outros" (the state stays); sex and age band are not
collected, so they read "Não informado" / "Não informada".
"""

import csv
from collections.abc import Iterator
from datetime import datetime
from typing import IO

from django.conf import settings
from django.db.models import Case, Count, F, IntegerField, QuerySet, When
from django.utils import timezone

from shared.caseindex.models import CaseIndexEntry
from shared.geo.models import FederativeUnit, Municipality
from shared.procons.models import Procon

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
]
OTHER_CITIES = "Outros"
NOT_INFORMED_SEX = "Não informado"
NOT_INFORMED_AGE = "Não informada"
NOT_INFORMED_CITY = "Não informada"
ORIGIN = "Procon Digital"
# The published file is in Portuguese whatever the page's language: it is data, not interface.
CLASSIFICATION_LABELS = {
    "resolved_at_cip": "Resolvida na CIP",
    "agreement": "Acordo",
    "founded_met": "Fundamentada atendida",
    "founded_not_met": "Fundamentada não atendida",
    "not_founded": "Não fundamentada",
    "withdrawn": "Desistência",
    "not_competent": "Não competente",
}
IN_PROGRESS = "Em andamento"


def min_city_count() -> int:
    return int(getattr(settings, "OPEN_DATA_MIN_CITY_COUNT", 10))


def export_cases(*, procon: Procon | None) -> QuerySet[CaseIndexEntry]:
    """The complaints of one Procon, or of every Procon, with the city they count under: the
    index's city, else the municipal Procon's own city (the consumer's city chose that Procon)."""
    cases = CaseIndexEntry.objects.filter(kind=CaseIndexEntry.Kind.COMPLAINT)
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


def _date(value: datetime | None) -> str:
    return timezone.localtime(value).date().isoformat() if value else ""


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
    ]
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
            ORIGIN,
            region,
            uf_code,
            city,
            NOT_INFORMED_SEX,
            NOT_INFORMED_AGE,
            opened.year,
            opened.month,
            opened.date().isoformat(),
            _date(case["answered_at"]),
            _date(case["rated_at"]),
            _date(case["closed_at"]) if classification == "not_competent" else "",
            _date(case["closed_at"]),
            case["cip_due_on"].isoformat() if case["cip_due_on"] else "",
            "",
            response_days,
            case["company__trade_name"] or case["company__legal_name"],
            "",
            case["subject_area"],
            case["subject"],
            case["problem_group"],
            case["problem"],
            case["purchase_channel"],
            _yes_no(case["contacted_company_first"]),
            "S" if case["answered_at"] else "N",
            f"Encerrada - {CLASSIFICATION_LABELS.get(classification, classification)}"
            if classification
            else IN_PROGRESS,
            rating,
            case["satisfaction"] if case["satisfaction"] is not None else "",
        ]


def write_open_data(out: IO[str], *, procon: Procon | None) -> int:
    """Write the file to `out`; returns the number of complaints written."""
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(OPEN_DATA_COLUMNS)
    count = 0
    for row in open_data_rows(procon=procon):
        writer.writerow(row)
        count += 1
    return count
