"""The registry's files: its own CSV and JSON, and the SINDEC national layout (23 columns).

CSV files are UTF-8, `;`-separated, as the national open-data files are.
"""

import csv
from collections.abc import Iterable, Iterator
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shared.caseindex.models import CaseIndexEntry
from shared.geo.models import FederativeUnit
from shared.registry.models import RegistryPublication, RegistryPublicationRow
from shared.registry.selectors import FOUNDED_MET, RegistryRow

REGISTRY_COLUMNS = [
    "AnoCalendario",
    "NumeroCNPJ",
    "RazaoSocial",
    "NomeFantasia",
    "FundamentadasAtendidas",
    "FundamentadasNaoAtendidas",
    "Total",
]

SINDEC_COLUMNS = [
    "AnoCalendario",
    "DataArquivamento",
    "DataAbertura",
    "CodigoRegiao",
    "Regiao",
    "UF",
    "strRazaoSocial",
    "strNomeFantasia",
    "Tipo",
    "NumeroCNPJ",
    "RadicalCNPJ",
    "RazaoSocialRFB",
    "NomeFantasiaRFB",
    "CNAEPrincipal",
    "DescCNAEPrincipal",
    "Atendida",
    "CodigoAssunto",
    "DescricaoAssunto",
    "CodigoProblema",
    "DescricaoProblema",
    "SexoConsumidor",
    "FaixaEtariaConsumidor",
    "CEPConsumidor",
]
# SINDEC columns left empty, and why (shown on the registry page next to the download).
SINDEC_EMPTY_COLUMNS = {
    "RazaoSocialRFB": _("the Federal Revenue's company register is not queried"),
    "NomeFantasiaRFB": _("the Federal Revenue's company register is not queried"),
    "CNAEPrincipal": _("companies are registered without their CNAE activity code"),
    "DescCNAEPrincipal": _("companies are registered without their CNAE activity code"),
    "CodigoAssunto": _("the subject catalogue (consumidor.gov.br lists) carries no SINDEC codes"),
    "CodigoProblema": _("the problem catalogue (consumidor.gov.br lists) carries no SINDEC codes"),
    "SexoConsumidor": _("consumers are not asked their sex"),
    "FaixaEtariaConsumidor": _("consumers are not asked their date of birth"),
    "CEPConsumidor": _("consumers are not asked their postcode, and it would single people out"),
}


class _Echo:
    """A file-like object whose write returns the line, for streaming CSV responses."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[list[object]]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(["" if value is None else value for value in row])


def _date(value: datetime | None) -> str:
    return timezone.localtime(value).date().isoformat() if value else ""


def registry_csv(
    *, year: int, rows: Iterable[RegistryRow | RegistryPublicationRow]
) -> Iterator[str]:
    return csv_lines(
        REGISTRY_COLUMNS,
        (
            [
                year,
                row.cnpj,
                row.legal_name,
                row.trade_name,
                row.founded_met,
                row.founded_not_met,
                row.total,
            ]
            for row in rows
        ),
    )


def registry_row_json(row: RegistryRow | RegistryPublicationRow) -> dict[str, object]:
    return {
        "cnpj": row.cnpj,
        "legal_name": row.legal_name,
        "trade_name": row.trade_name,
        "founded_met": row.founded_met,
        "founded_not_met": row.founded_not_met,
        "total": row.total,
    }


def publication_json(
    publication: RegistryPublication, rows: Iterable[RegistryPublicationRow]
) -> dict[str, object]:
    return {
        "scope": publication.procon.slug if publication.procon_id else "state",
        "year": publication.year,
        "version": publication.version,
        "published_at": publication.published_at.isoformat(),
        "frozen": True,
        "rows": [registry_row_json(row) for row in rows],
    }


def _state() -> FederativeUnit | None:
    return FederativeUnit.objects.filter(ibge_code=settings.PLATFORM_UF_CODE).first()


def sindec_csv(*, year: int, cases: Iterable[CaseIndexEntry]) -> Iterator[str]:
    """One line per founded case; Tipo 1 is a company (CNPJ), as in SINDEC's files."""
    uf = _state()
    region_code = str(uf.ibge_code)[0] if uf else ""
    region = uf.region if uf else ""
    uf_code = uf.abbreviation if uf else ""

    def rows() -> Iterator[list[object]]:
        for case in cases:
            company = case.company
            yield [
                year,
                _date(case.closed_at),
                _date(case.opened_at),
                region_code,
                region,
                uf_code,
                company.legal_name,
                company.trade_name,
                1,
                company.cnpj,
                company.cnpj[:8],
                "",
                "",
                "",
                "",
                "S" if case.classification == FOUNDED_MET else "N",
                "",
                case.subject,
                "",
                case.problem,
                "",
                "",
                "",
            ]

    return csv_lines(SINDEC_COLUMNS, rows())
