"""Reads of the registry of founded complaints: the live figures over the public case index (no
loop over schemas), the frozen publications and the open-data exports."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Min, Q, QuerySet, Sum
from django.utils import timezone

from kernel.selectors import first_or_not_found
from shared.caseindex.models import CaseIndexEntry
from shared.companies.models import Company, DocumentKind
from shared.procons.models import Procon
from shared.registry.models import (
    AtendimentoExport,
    OpenDataExport,
    RegistryFigure,
    RegistryPublication,
    RegistryPublicationRow,
    RegistryRollupState,
    SindecExport,
)
from shared.registry.names import PERSONAL_NAME_SQL_REGEX, looks_personal

FOUNDED_MET = "founded_met"
FOUNDED_NOT_MET = "founded_not_met"
FOUNDED = (FOUNDED_MET, FOUNDED_NOT_MET)

# Sort keys offered to people and the API.
SORTS = ("total", "not_met", "met", "name", "cnpj")
DEFAULT_SORT = "total"


@dataclass(frozen=True)
class RegistryRow:
    company_id: int
    cnpj: str
    legal_name: str
    trade_name: str
    founded_met: int
    founded_not_met: int

    @property
    def total(self) -> int:
        return self.founded_met + self.founded_not_met


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """A calendar year in the platform's time zone (a case closed on 31 December at 23:30 in
    São Paulo belongs to that year)."""
    tz = timezone.get_default_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def founded_cases(*, procon: Procon | None, year: int) -> QuerySet[CaseIndexEntry]:
    """Complaints closed as founded (met or not) in `year`, of one Procon or state-wide."""
    start, end = year_bounds(year)
    cases = CaseIndexEntry.objects.filter(
        kind=CaseIndexEntry.Kind.COMPLAINT,
        classification__in=FOUNDED,
        closed_at__gte=start,
        closed_at__lt=end,
    )
    if procon is not None:
        cases = cases.filter(procon=procon)
    return cases


def _matches(q: str) -> Callable[[RegistryRow], bool]:
    """Name (case-insensitive, anywhere) or, with 8 or more letters/digits, the CNPJ's start."""
    needle = q.strip().casefold()
    digits = "".join(ch for ch in q if ch.isalnum()).upper()
    by_cnpj = len(digits) >= 8 and any(ch.isdigit() for ch in digits)

    def match(row: RegistryRow) -> bool:
        if not row.cnpj:
            return False  # a supplier identified by CPF: never found by the person's name
        for name in (row.legal_name, row.trade_name):
            # a sole trader's name is its owner's: never searchable
            if needle in name.casefold() and not looks_personal(name):
                return True
        return by_cnpj and row.cnpj.startswith(digits)

    return match


_SORT_KEYS: dict[str, Callable[[RegistryRow], tuple]] = {
    "total": lambda r: (-r.total, r.legal_name, r.company_id),
    "not_met": lambda r: (-r.founded_not_met, -r.total, r.legal_name, r.company_id),
    "met": lambda r: (-r.founded_met, -r.total, r.legal_name, r.company_id),
    "name": lambda r: (r.legal_name, r.company_id),
    "cnpj": lambda r: (r.cnpj, r.company_id),
}


def _all_rows(*, procon: Procon | None, year: int) -> list[RegistryRow]:
    """Two queries: the counts per company (an index-only scan of the partial founded index: no
    column outside it is read), then the companies' names."""
    counts = (
        founded_cases(procon=procon, year=year)
        .values("company_id")
        .annotate(
            met=Count("company_id", filter=Q(classification=FOUNDED_MET)),
            total=Count("company_id"),
        )
        .order_by()
    )
    figures = {row["company_id"]: (row["met"], row["total"] - row["met"]) for row in counts}
    names = Company.objects.filter(pk__in=list(figures)).values_list(
        "pk", "cnpj", "legal_name", "trade_name"
    )
    return [
        RegistryRow(
            company_id=pk,
            cnpj=cnpj,
            legal_name=legal_name,
            trade_name=trade_name,
            founded_met=figures[pk][0],
            founded_not_met=figures[pk][1],
        )
        for pk, cnpj, legal_name, trade_name in names
    ]


def _select(rows: list[RegistryRow], *, q: str, sort: str) -> list[RegistryRow]:
    """Search and sort run over at most one row per company."""
    if q.strip():
        match = _matches(q)
        rows = [row for row in rows if match(row)]
    return sorted(rows, key=_SORT_KEYS.get(sort, _SORT_KEYS[DEFAULT_SORT]))


def registry_rows(
    *, procon: Procon | None, year: int, q: str = "", sort: str = DEFAULT_SORT
) -> list[RegistryRow]:
    """Per company: founded-met and founded-not-met complaints closed in `year`, exact (what a
    publication freezes)."""
    return _select(_all_rows(procon=procon, year=year), q=q, sort=sort)


_SQL_ORDER: dict[str, tuple[str, ...]] = {
    "total": ("-total", "legal_name", "company_id"),
    "not_met": ("-founded_not_met", "-total", "legal_name", "company_id"),
    "met": ("-founded_met", "-total", "legal_name", "company_id"),
    "name": ("legal_name", "company_id"),
    "cnpj": ("cnpj", "company_id"),
}


def registry_figures(
    *, procon: Procon | None, year: int, q: str = "", sort: str = DEFAULT_SORT
) -> QuerySet[RegistryFigure]:
    """As `registry_rows`, for the public pages, files and API, from the rollup that the beat
    task refreshes (`do_refresh_registry_rollup`): searched, sorted and paged by the database,
    each row with the company's current names."""
    figures = RegistryFigure.objects.filter(procon=procon, year=year).annotate(
        cnpj=F("company__cnpj"),
        legal_name=F("company__legal_name"),
        trade_name=F("company__trade_name"),
    )
    needle = q.strip()
    if needle:
        digits = "".join(ch for ch in needle if ch.isalnum()).upper()
        # A supplier identified by CPF is published as "Pessoa física": the name a consumer typed
        # (the person's) must not find its row.
        # A sole trader's name is its owner's: published by trade name or as "Pessoa física",
        # and never found by the name it hides.
        match = (
            (
                Q(company__legal_name__icontains=needle)
                & ~Q(company__legal_name__iregex=PERSONAL_NAME_SQL_REGEX)
            )
            | (
                Q(company__trade_name__icontains=needle)
                & ~Q(company__trade_name__iregex=PERSONAL_NAME_SQL_REGEX)
            )
        ) & Q(company__kind=DocumentKind.CNPJ)
        if len(digits) >= 8 and any(ch.isdigit() for ch in digits):
            match |= Q(company__cnpj__startswith=digits)
        figures = figures.filter(match)
    return figures.order_by(*_SQL_ORDER.get(sort, _SQL_ORDER[DEFAULT_SORT]))


def registry_figure_rows(figures: QuerySet[RegistryFigure]) -> list[RegistryRow]:
    """Every row of `registry_figures`, as plain rows (the files and the API: no model
    instances to build)."""
    return [
        RegistryRow(*values)
        for values in figures.values_list(
            "company_id", "cnpj", "legal_name", "trade_name", "founded_met", "founded_not_met"
        )
    ]


def registry_totals(figures: QuerySet[RegistryFigure]) -> dict[str, int]:
    totals = figures.order_by().aggregate(
        companies=Count("pk"),
        founded_met=Sum("founded_met"),
        founded_not_met=Sum("founded_not_met"),
    )
    return {key: value or 0 for key, value in totals.items()}


def registry_rollup_state() -> RegistryRollupState | None:
    """When the live figures were last computed (None: not yet)."""
    return RegistryRollupState.objects.first()


def registry_years(*, procon: Procon | None) -> list[int]:
    """The years the registry can show: from the first founded case to this year, newest first."""
    this_year = timezone.localdate().year
    cases = CaseIndexEntry.objects.filter(
        kind=CaseIndexEntry.Kind.COMPLAINT, classification__in=FOUNDED, closed_at__isnull=False
    )
    if procon is not None:
        cases = cases.filter(procon=procon)
    first = cases.aggregate(first=Min("closed_at"))["first"]
    first_year = timezone.localtime(first).year if first else this_year
    return list(range(this_year, min(first_year, this_year) - 1, -1))


def sindec_cases(*, procon: Procon | None, year: int) -> Iterator[CaseIndexEntry]:
    """The year's founded cases, one by one, with their company (the SINDEC layout is per case)."""
    return (
        founded_cases(procon=procon, year=year)
        .select_related("company")
        .order_by("closed_at", "id")
        .iterator(chunk_size=2000)
    )


def publication_list(*, procon: Procon | None) -> QuerySet[RegistryPublication]:
    """The publications of one Procon, or the state-wide ones when `procon` is None."""
    return RegistryPublication.objects.filter(procon=procon).order_by("-year", "-version")


def access_publication(*, procon: Procon | None, publication_id: int) -> RegistryPublication:
    """A publication of this scope; NotFound for another Procon's or another scope's."""
    return first_or_not_found(publication_list(procon=procon).filter(pk=publication_id))


def publication_rows(publication: RegistryPublication) -> QuerySet[RegistryPublicationRow]:
    return publication.rows.order_by("-founded_not_met", "-founded_met", "legal_name", "id")


def open_data_export(*, procon: Procon | None) -> OpenDataExport | None:
    return OpenDataExport.objects.filter(procon=procon).first()


def atendimento_export(*, procon: Procon | None) -> AtendimentoExport | None:
    return AtendimentoExport.objects.filter(procon=procon).first()


def sindec_export(*, year: int) -> SindecExport | None:
    """The stored state-wide SINDEC file of a year, if the beat task has built it."""
    return SindecExport.objects.filter(year=year).first()
