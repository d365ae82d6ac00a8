"""The registry's files: its own CSV and JSON, and the SINDEC national layout (23 columns).

CSV files are UTF-8, `;`-separated, as the national open-data files are, and written through
`shared.csvfiles` (no cell a spreadsheet would evaluate). Companies appear under their public
names (`shared.registry.names`: no CPF, no sole trader's own name).
"""

from collections.abc import Iterable, Iterator
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shared.caseindex.demographics import AGE_BAND_LABELS
from shared.caseindex.models import CaseIndexEntry
from shared.csvfiles import csv_lines
from shared.geo.models import FederativeUnit
from shared.registry.models import RegistryPublication, RegistryPublicationRow
from shared.registry.names import PublicCompany, public_company
from shared.registry.selectors import FOUNDED_MET, RegistryRow
from shared.registry.sindec_codes import problem_code, subject_code

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
    "CodigoAssunto": _(
        "empty only for a subject the Procon added to its catalogue itself (the seeded subjects"
        " carry the closest SINDEC subject's code)"
    ),
    "CodigoProblema": _(
        "empty only for a problem the Procon added to its catalogue itself, or one SINDEC never"
        " recorded in the subject's group"
    ),
}
# Filled from what the consumer chose to give (shared/caseindex/demographics.py), empty (NULL)
# when not given: the sex as SINDEC writes it (F, M), SINDEC's age band on the opening date,
# and the CEP's first five digits only (the full CEP can name a street; docs/open-data.md).


# The official SINDEC file (CNRF): no header line, a byte-order mark, dates with the time,
# the region's code on two digits. `?layout=sindec-oficial` gives it; the platform's own SINDEC
# file keeps a header and plain dates so that it reads well in a spreadsheet.
BOM = "\ufeff"
OFFICIAL_DATETIME = "%Y-%m-%d %H:%M:%S.000"
OFFICIAL_NULL = "NULL"
# SINDEC's Tipo: 1 a company (CNPJ), 0 a supplier identified by CPF. SINDEC's own Tipo 0 rows
# carry the CPF in NumeroCNPJ/RadicalCNPJ; here those cells stay empty (NULL): never a CPF.
SINDEC_COMPANY = 1
SINDEC_PERSON = 0


def _public(row: RegistryRow | RegistryPublicationRow) -> PublicCompany:
    return public_company(cnpj=row.cnpj, legal_name=row.legal_name, trade_name=row.trade_name)


def public_registry_row(row: RegistryRow | RegistryPublicationRow) -> RegistryRow:
    """The row as the public sees it (the registry page): the company's public names."""
    public = _public(row)
    return RegistryRow(
        company_id=row.company_id,
        cnpj=public.cnpj,
        legal_name=public.legal_name,
        trade_name=public.trade_name,
        founded_met=row.founded_met,
        founded_not_met=row.founded_not_met,
    )


def _date(value: datetime | None) -> str:
    return timezone.localtime(value).date().isoformat() if value else ""


def registry_csv(
    *, year: int, rows: Iterable[RegistryRow | RegistryPublicationRow]
) -> Iterator[str]:
    def lines() -> Iterator[list[object]]:
        for row in rows:
            public = _public(row)
            yield [
                year,
                public.cnpj,
                public.legal_name,
                public.trade_name,
                row.founded_met,
                row.founded_not_met,
                row.total,
            ]

    return csv_lines(REGISTRY_COLUMNS, lines())


def registry_row_json(row: RegistryRow | RegistryPublicationRow) -> dict[str, object]:
    public = _public(row)
    return {
        "cnpj": public.cnpj,
        "legal_name": public.legal_name,
        "trade_name": public.trade_name,
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


def _official_datetime(value: datetime | None) -> str:
    return timezone.localtime(value).strftime(OFFICIAL_DATETIME) if value else ""


def sindec_csv(
    *, year: int, cases: Iterable[CaseIndexEntry], official: bool = False
) -> Iterator[str]:
    """One line per founded case; Tipo 1 is a company (CNPJ), 0 a person (CPF), as in SINDEC's
    files, a person's CPF and name never written.
    `official`: byte for byte the national file's layout (see OFFICIAL_DATETIME)."""
    uf = _state()
    region_code = str(uf.ibge_code)[0] if uf else ""
    if official and region_code:
        region_code = region_code.zfill(2)
    region = uf.region if uf else ""
    uf_code = uf.abbreviation if uf else ""
    when = _official_datetime if official else _date

    def rows() -> Iterator[list[object]]:
        for row in coded_rows():
            # The official file writes NULL where it knows nothing.
            yield [OFFICIAL_NULL if official and value == "" else value for value in row]

    def coded_rows() -> Iterator[list[object]]:
        for case in cases:
            company = case.company
            public = public_company(
                cnpj=company.cnpj, legal_name=company.legal_name, trade_name=company.trade_name
            )
            yield [
                year,
                when(case.closed_at),
                when(case.opened_at),
                region_code,
                region,
                uf_code,
                public.legal_name,
                # The name the company is known by: its trade name, else its legal name.
                public.trade_name or public.legal_name,
                SINDEC_PERSON if company.is_person else SINDEC_COMPANY,
                "" if company.is_person else public.cnpj,
                "" if company.is_person else public.cnpj[:8],
                "",
                "",
                "",
                "",
                "S" if case.classification == FOUNDED_MET else "N",
                # The catalogue's codes as filed; a subject written as SINDEC writes it otherwise.
                case.subject_code or subject_code(case.subject),
                case.subject,
                case.problem_code or problem_code(subject=case.subject, problem=case.problem),
                case.problem,
                case.consumer_sex,
                AGE_BAND_LABELS.get(case.age_band, ""),
                case.cep,
            ]

    if not official:
        return csv_lines(SINDEC_COLUMNS, rows())

    def official_lines() -> Iterator[str]:
        lines = csv_lines(SINDEC_COLUMNS, rows())
        next(lines)  # no header line
        first = next(lines, None)
        if first is None:
            yield BOM
            return
        yield BOM + first
        yield from lines

    return official_lines()
