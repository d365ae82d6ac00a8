"""A company's public indicators, as consumidor.gov.br publishes them, computed from the public
case index (never a loop over the Procons' schemas): complaints filed in a period of whole months,
the share of those that reached the company (CIP sent) that it answered, the share answered on
time, the average days to answer, the resolution index (resolved among the complaints the consumer
rated), the average 1-5 satisfaction, founded complaints (the registry's), hearings and
agreements. A company's figures are its group's: every CNPJ sharing the root of the one asked for,
as the inbox and the registry group them (docs/reputation.md says why)."""

from dataclasses import dataclass
from statistics import median

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone

from kernel.periods import Period
from shared.caseindex.models import CaseIndexEntry
from shared.companies.models import Company, DocumentKind
from shared.procons.models import Procon

FOUNDED = ("founded_met", "founded_not_met")
# The indicators a ranking orders by and peers' medians are taken of (higher is better, except
# the days to answer).
COMPARED = ("answered_share", "on_time_share", "mean_days", "resolution_index", "satisfaction")


def min_volume() -> int:
    """The fewest complaints in the period (and segment) a company needs to be ranked or to count
    as a peer: below it one consumer's case moves a share by whole tens of points."""
    return settings.REPUTATION_MIN_VOLUME


@dataclass(frozen=True)
class Scope:
    """Which complaints the indicators read: a period, optionally one Procon and one subject."""

    period: Period
    procon_id: int | None = None
    subject: str = ""

    def entries(self) -> QuerySet[CaseIndexEntry]:
        qs = CaseIndexEntry.objects.filter(
            kind=CaseIndexEntry.Kind.COMPLAINT,
            opened_at__gte=self.period.start,
            opened_at__lt=self.period.end,
        )
        if self.procon_id is not None:
            qs = qs.filter(procon_id=self.procon_id)
        if self.subject:
            qs = qs.filter(subject=self.subject)
        return qs


def _aggregates() -> dict[str, object]:
    return {
        "filed": Count("id"),
        "reached": Count("id", filter=Q(cip_sent_at__isnull=False)),
        "answered": Count("id", filter=Q(answered_at__isnull=False, cip_sent_at__isnull=False)),
        "on_time": Count("id", filter=Q(answer_timely=True)),
        "answer_time": Sum(
            ExpressionWrapper(F("answered_at") - F("cip_sent_at"), output_field=DurationField()),
            filter=Q(answered_at__isnull=False, cip_sent_at__isnull=False),
        ),
        "rated": Count("id", filter=Q(resolved__isnull=False)),
        "resolved_n": Count("id", filter=Q(resolved=True)),
        "satisfaction_avg": Avg("satisfaction"),
        "satisfaction_n": Count("satisfaction"),
        "founded": Count("id", filter=Q(classification__in=FOUNDED)),
        "founded_met": Count("id", filter=Q(classification="founded_met")),
        "hearings": Sum("hearings_held"),
        "agreements": Count("id", filter=Q(agreement_reached=True)),
    }


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _shape(row: dict[str, object]) -> dict[str, object]:
    """The indicators of one aggregate row (shares as fractions; None where undefined)."""
    answered = int(row["answered"] or 0)
    answer_time = row["answer_time"]
    return {
        "filed": int(row["filed"] or 0),
        "reached_company": int(row["reached"] or 0),
        "answered": answered,
        "answered_share": _share(answered, int(row["reached"] or 0)),
        "on_time": int(row["on_time"] or 0),
        "on_time_share": _share(int(row["on_time"] or 0), answered),
        "mean_days": (
            round(answer_time.total_seconds() / 86400 / answered, 1)
            if answered and answer_time is not None
            else None
        ),
        "rated": int(row["rated"] or 0),
        "resolved": int(row["resolved_n"] or 0),
        "resolution_index": _share(int(row["resolved_n"] or 0), int(row["rated"] or 0)),
        "satisfaction": (
            round(float(row["satisfaction_avg"]), 2)
            if row["satisfaction_avg"] is not None
            else None
        ),
        "satisfaction_count": int(row["satisfaction_n"] or 0),
        "founded": int(row["founded"] or 0),
        "founded_met": int(row["founded_met"] or 0),
        "hearings_held": int(row["hearings"] or 0),
        "agreements": int(row["agreements"] or 0),
    }


def _of_group(company: Company) -> Q:
    return company.group_q("company__")


def company_indicators(company: Company, scope: Scope) -> dict[str, object]:
    """The company group's indicators in the scope."""
    return _shape(scope.entries().filter(_of_group(company)).aggregate(**_aggregates()))


def company_trend(company: Company, scope: Scope) -> list[dict[str, object]]:
    """Per month of the period: complaints filed, the resolution index and the on-time share."""
    rows = {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row
        for row in scope.entries()
        .filter(_of_group(company))
        .annotate(month=TruncMonth("opened_at", tzinfo=timezone.get_current_timezone()))
        .values("month")
        .annotate(**_aggregates())
        .order_by()
    }
    empty = dict.fromkeys(_aggregates(), None)
    return [{"month": month, **_shape(rows.get(month, empty))} for month in scope.period.months()]


def company_by_procon(company: Company, scope: Scope) -> list[dict[str, object]]:
    """The indicators per Procon where the group had complaints, busiest first."""
    rows = list(
        scope.entries()
        .filter(_of_group(company))
        .values("procon_id")
        .annotate(**_aggregates())
        .order_by()
    )
    names = dict(
        Procon.objects.filter(pk__in=[row["procon_id"] for row in rows]).values_list("pk", "name")
    )
    shaped = [{"procon": names.get(row["procon_id"], ""), **_shape(row)} for row in rows]
    return sorted(shaped, key=lambda row: (-row["filed"], row["procon"]))


def company_by_subject(company: Company, scope: Scope, *, limit: int = 10) -> list[dict]:
    """The indicators of the group's most frequent subjects."""
    rows = list(
        scope.entries()
        .filter(_of_group(company))
        .values("subject")
        .annotate(**_aggregates())
        .order_by("-filed", "subject")[:limit]
    )
    return [{"subject": row["subject"], **_shape(row)} for row in rows]


def company_segment(company: Company, scope: Scope) -> str:
    """The group's segment: the market area (subject area) of most of its complaints in the scope."""
    row = (
        scope.entries()
        .filter(_of_group(company))
        .exclude(subject_area="")
        .values("subject_area")
        .annotate(n=Count("id"))
        .order_by("-n", "subject_area")
        .first()
    )
    return row["subject_area"] if row else ""


def segments(scope: Scope) -> list[str]:
    """The market areas with complaints in the scope, by name."""
    return list(
        scope.entries()
        .exclude(subject_area="")
        .values_list("subject_area", flat=True)
        .distinct()
        .order_by("subject_area")
    )


def _segment_rows(segment: str, scope: Scope) -> list[dict[str, object]]:
    """Every company group (CNPJ root) with at least the minimum volume in the segment, with its
    indicators. Suppliers known by a CPF are people: they are never ranked."""
    rows = (
        scope.entries()
        .filter(subject_area=segment, company__kind=DocumentKind.CNPJ)
        .annotate(root=Substr("company__cnpj", 1, 8))
        .values("root")
        .annotate(**_aggregates())
        .filter(filed__gte=min_volume())
        .order_by()
    )
    return [{"root": row["root"], **_shape(row)} for row in rows]


def _group_names(roots: list[str]) -> dict[str, Company]:
    """The company each group is shown as: its head office, else its first establishment."""
    if not roots:
        return {}
    of_roots = Q()
    for root in roots:
        of_roots |= Q(cnpj__startswith=root)
    shown: dict[str, Company] = {}
    for company in Company.objects.filter(of_roots, kind=DocumentKind.CNPJ).order_by("cnpj"):
        shown.setdefault(company.cnpj_root, company)
    return shown


def _rank_key(row: dict[str, object]) -> tuple:
    """Resolution index first, then satisfaction, then the on-time share (undefined last), then
    volume."""

    def desc(value: object) -> float:
        return -float(value) if value is not None else float("inf")

    return (
        desc(row["resolution_index"]),
        desc(row["satisfaction"]),
        desc(row["on_time_share"]),
        -int(row["filed"]),
        row["root"],
    )


def segment_ranking(segment: str, scope: Scope) -> dict[str, object]:
    """The segment's ranking: company groups (CNPJ roots, shown by their head office) with at
    least `min_volume()` complaints in the segment and scope, best first; how many groups were
    left out for too few complaints."""
    ranked = sorted(_segment_rows(segment, scope), key=_rank_key)
    companies = _group_names([row["root"] for row in ranked])
    total = (
        scope.entries()
        .filter(subject_area=segment, company__kind=DocumentKind.CNPJ)
        .annotate(root=Substr("company__cnpj", 1, 8))
        .values("root")
        .distinct()
        .count()
    )
    return {
        "segment": segment,
        "min_volume": min_volume(),
        "left_out": total - len(ranked),
        "rows": [
            {"rank": position, "company": companies[row["root"]], **row}
            for position, row in enumerate(ranked, start=1)
            if row["root"] in companies
        ],
    }


def peer_medians(company: Company, scope: Scope) -> dict[str, object]:
    """The medians of the company's peers (the other companies of its segment with at least the
    minimum volume) for each compared indicator, and how many peers there are."""
    segment = company_segment(company, scope)
    if not segment:
        return {"segment": "", "peers": 0, **dict.fromkeys(COMPARED)}
    peers = [row for row in _segment_rows(segment, scope) if row["root"] != company.cnpj_root]
    medians: dict[str, object] = {}
    for name in COMPARED:
        values = [row[name] for row in peers if row[name] is not None]
        medians[name] = round(median(values), 4) if values else None
    return {"segment": segment, "peers": len(peers), **medians}
