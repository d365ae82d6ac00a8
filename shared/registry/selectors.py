"""Reads of the registry of founded complaints: the live figures over the public case index (no
loop over schemas), the frozen publications and the open-data exports."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Min, Q, QuerySet
from django.utils import timezone
from rest_framework.exceptions import NotFound

from shared.caseindex.models import CaseIndexEntry
from shared.procons.models import Procon
from shared.registry.models import OpenDataExport, RegistryPublication, RegistryPublicationRow

FOUNDED_MET = "founded_met"
FOUNDED_NOT_MET = "founded_not_met"
FOUNDED = (FOUNDED_MET, FOUNDED_NOT_MET)

# Sort keys offered to people and the API, and their ORDER BY (ties broken by the company).
SORTS: dict[str, tuple[str, ...]] = {
    "total": ("-total", "legal_name", "company_id"),
    "not_met": ("-founded_not_met", "-total", "legal_name", "company_id"),
    "met": ("-founded_met", "-total", "legal_name", "company_id"),
    "name": ("legal_name", "company_id"),
    "cnpj": ("cnpj", "company_id"),
}
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


def _search(cases: QuerySet[CaseIndexEntry], q: str) -> QuerySet[CaseIndexEntry]:
    q = q.strip()
    if not q:
        return cases
    digits = "".join(ch for ch in q if ch.isalnum()).upper()
    match = Q(company__legal_name__icontains=q) | Q(company__trade_name__icontains=q)
    if len(digits) >= 8 and digits[:8].isalnum() and any(ch.isdigit() for ch in digits):
        match |= Q(company__cnpj__startswith=digits)
    return cases.filter(match)


def registry_rows(
    *, procon: Procon | None, year: int, q: str = "", sort: str = DEFAULT_SORT
) -> list[RegistryRow]:
    """Per company: founded-met and founded-not-met complaints closed in `year`."""
    order = SORTS.get(sort, SORTS[DEFAULT_SORT])
    rows = (
        _search(founded_cases(procon=procon, year=year), q)
        .values("company_id")
        .annotate(
            founded_met=Count("id", filter=Q(classification=FOUNDED_MET)),
            founded_not_met=Count("id", filter=Q(classification=FOUNDED_NOT_MET)),
            total=Count("id"),
        )
        .values(
            "company_id",
            "founded_met",
            "founded_not_met",
            "total",
            cnpj=F("company__cnpj"),
            legal_name=F("company__legal_name"),
            trade_name=F("company__trade_name"),
        )
        .order_by(*order)
    )
    return [
        RegistryRow(
            company_id=row["company_id"],
            cnpj=row["cnpj"],
            legal_name=row["legal_name"],
            trade_name=row["trade_name"],
            founded_met=row["founded_met"],
            founded_not_met=row["founded_not_met"],
        )
        for row in rows
    ]


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
    publication = publication_list(procon=procon).filter(pk=publication_id).first()
    if publication is None:
        raise NotFound()
    return publication


def publication_rows(publication: RegistryPublication) -> QuerySet[RegistryPublicationRow]:
    return publication.rows.order_by("-founded_not_met", "-founded_met", "legal_name", "id")


def open_data_export(*, procon: Procon | None) -> OpenDataExport | None:
    return OpenDataExport.objects.filter(procon=procon).first()
