"""The supervisor's figures: aggregate SQL over the public case index, never a loop over the
tenant schemas. Every figure is for the complaints filed (sanction processes opened) in a period
of whole months; fines count by the date they were decided."""

import csv
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as django_cache
from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Extract, TruncMonth
from django.utils import timezone
from rest_framework.exceptions import NotFound

from shared.accounts.roles import StaffRole
from shared.billing.lifecycle import SubscriptionStatus
from shared.caseindex.models import CaseIndexEntry
from shared.companies.models import Company
from shared.geo.models import Municipality
from shared.procons.lifecycle import ProconKind
from shared.procons.models import Procon
from shared.supervision.models import SpikeAlert

COMPLAINT = CaseIndexEntry.Kind.COMPLAINT
SANCTION = CaseIndexEntry.Kind.SANCTION
# The closing classifications the resolution rate reports (tenants.complaints.lifecycle values).
RESOLUTION_KINDS = ("resolved_at_cip", "agreement", "founded_met", "founded_not_met")
# Resolved for the consumer: the rate's numerator.
RESOLVED = ("resolved_at_cip", "agreement", "founded_met")
POPULATION_FILE = Path(__file__).resolve().parents[1] / "geo" / "data" / "populacao_sp_2021.csv"
RANKING_SIZE = 20


@dataclass(frozen=True)
class Period:
    """Whole months, first to last inclusive."""

    first: date  # the first day of the first month
    last: date  # the first day of the last month

    @property
    def start(self) -> datetime:
        return datetime(
            self.first.year, self.first.month, 1, tzinfo=timezone.get_current_timezone()
        )

    @property
    def end(self) -> datetime:
        """Exclusive: the first instant after the last month."""
        year, month = (
            (self.last.year + 1, 1)
            if self.last.month == 12
            else (
                self.last.year,
                self.last.month + 1,
            )
        )
        return datetime(year, month, 1, tzinfo=timezone.get_current_timezone())

    def months(self) -> list[date]:
        months, current = [], self.first
        while current <= self.last:
            months.append(current)
            current = (
                date(current.year + 1, 1, 1)
                if current.month == 12
                else date(current.year, current.month + 1, 1)
            )
        return months

    def key(self) -> str:
        return f"{self.first:%Y-%m}:{self.last:%Y-%m}"


def default_period(today: date | None = None) -> Period:
    """The last twelve months, this one included."""
    today = today or timezone.localdate()
    year, month = (today.year - 1, today.month + 1) if today.month < 12 else (today.year, 1)
    return Period(first=date(year, month, 1), last=date(today.year, today.month, 1))


class Percentile(Func):
    """PostgreSQL's ordered-set aggregate percentile_cont(q) WITHIN GROUP (ORDER BY expr)."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    contains_aggregate = True
    output_field = FloatField()

    def __init__(self, expression: object, fraction: float) -> None:
        super().__init__(expression, fraction=float(fraction))


def _answer_days() -> ExpressionWrapper:
    """Days from filing to the company's answer, as a float."""
    return ExpressionWrapper(
        Extract(
            ExpressionWrapper(F("answered_at") - F("opened_at"), output_field=DurationField()),
            "epoch",
        )
        / 86400.0,
        output_field=FloatField(),
    )


def _complaints(period: Period, *, procon_id: int | None = None, company_id: int | None = None):
    qs = CaseIndexEntry.objects.filter(
        kind=COMPLAINT, opened_at__gte=period.start, opened_at__lt=period.end
    )
    if procon_id is not None:
        qs = qs.filter(procon_id=procon_id)
    if company_id is not None:
        qs = qs.filter(company_id=company_id)
    return qs


def _counts() -> dict[str, object]:
    """The aggregates one row of figures carries (per scope, per Procon, per company)."""
    return {
        "filed": Count("id"),
        "closed": Count("id", filter=Q(status="closed")),
        **{kind: Count("id", filter=Q(classification=kind)) for kind in RESOLUTION_KINDS},
        "answered": Count("id", filter=Q(answered_at__isnull=False)),
        "on_time": Count("id", filter=Q(answer_timely=True)),
        "hearings_held": Sum("hearings_held", default=0),
        "agreements_reached": Count("id", filter=Q(agreement_reached=True)),
        "overdue": Count("id", filter=_overdue()),
    }


def _overdue() -> Q:
    """The company's deadline passed with no answer."""
    return Q(status="cip_lapsed") | Q(status="cip_sent", cip_due_on__lt=timezone.localdate())


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _shape(row: dict[str, object]) -> dict[str, object]:
    """One aggregate row as the figures' JSON shape (rates as fractions, None when undefined)."""
    closed = int(row["closed"] or 0)
    answered = int(row["answered"] or 0)
    resolution: dict[str, object] = {kind: int(row[kind] or 0) for kind in RESOLUTION_KINDS}
    resolution["rate"] = _rate(sum(int(row[kind] or 0) for kind in RESOLVED), closed)
    answers = {
        "answered": answered,
        "on_time": int(row["on_time"] or 0),
        "on_time_rate": _rate(int(row["on_time"] or 0), answered),
        "mean_days": _round(row.get("mean_days")),
        "p90_days": _round(row.get("p90_days")),
    }
    return {
        "filed": int(row["filed"] or 0),
        "closed": closed,
        "resolution": resolution,
        "answers": answers,
        "hearings_held": int(row["hearings_held"] or 0),
        "agreements_reached": int(row["agreements_reached"] or 0),
        "overdue": int(row["overdue"] or 0),
    }


def _round(value: object) -> float | None:
    return None if value is None else round(float(value), 1)


# Set while the beat task recomputes the default period: every figure is computed and stored.
_refreshing: ContextVar[bool] = ContextVar("supervision_refreshing", default=False)


def _cached(key: str, compute):  # type: ignore[no-untyped-def]
    """Figures are read far more often than they change: kept per scope and period for
    SUPERVISION_CACHE_SECONDS (0 turns it off); the default period is recomputed by beat."""
    seconds = getattr(settings, "SUPERVISION_CACHE_SECONDS", 600)
    if not seconds:
        return compute()
    key = f"supervision:{timezone.localdate():%Y%m%d}:{key}"
    value = None if _refreshing.get() else django_cache.get(key)
    if value is None:
        value = compute()
        django_cache.set(key, value, seconds)
    return value


def refresh_default_period() -> Period:
    """Recompute what the pages of the default period read (dashboard, ranking, map), so that
    supervisors never wait for the million-row aggregates of the period they open first."""
    period = default_period()
    token = _refreshing.set(True)
    try:
        figures(period)
        per_procon(period)
        company_ranking(period, limit=10)
        company_ranking(period)
        per_municipality(period)
        last_complaints()
    finally:
        _refreshing.reset(token)
    return period


def figures(
    period: Period, *, procon_id: int | None = None, company_id: int | None = None
) -> dict[str, object]:
    """Complaint and sanction figures of one scope: state-wide, one Procon or one company."""
    return _cached(
        f"figures:{period.key()}:{procon_id}:{company_id}",
        lambda: _figures(period, procon_id=procon_id, company_id=company_id),
    )


def _figures(period: Period, *, procon_id: int | None, company_id: int | None) -> dict[str, object]:
    complaints = _complaints(period, procon_id=procon_id, company_id=company_id)
    days = _answer_days()
    row = complaints.aggregate(
        **_counts(),
        mean_days=Avg(days, filter=Q(answered_at__isnull=False)),
        p90_days=Percentile(days, 0.9),
    )
    by_status = dict(
        complaints.order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    per_month = dict(
        complaints.order_by()
        .annotate(month=TruncMonth("opened_at", tzinfo=timezone.get_current_timezone()))
        .values_list("month")
        .annotate(n=Count("id"))
        .values_list("month", "n")
    )
    shaped = _shape(row)
    shaped["by_status"] = dict(sorted(by_status.items()))
    shaped["per_month"] = [
        {"month": f"{month:%Y-%m}", "filed": _month_count(per_month, month)}
        for month in period.months()
    ]
    return {
        "period": {"first_month": f"{period.first:%Y-%m}", "last_month": f"{period.last:%Y-%m}"},
        "complaints": shaped,
        "sanctions": _sanctions(period, procon_id=procon_id, company_id=company_id),
    }


def _month_count(per_month: dict, month: date) -> int:
    for key, count in per_month.items():
        if key.year == month.year and key.month == month.month:
            return count
    return 0


def _sanctions(period: Period, *, procon_id: int | None, company_id: int | None) -> dict:
    """Sanction processes opened in the period by stage, and the fines decided in it."""
    scope = CaseIndexEntry.objects.filter(kind=SANCTION)
    if procon_id is not None:
        scope = scope.filter(procon_id=procon_id)
    if company_id is not None:
        scope = scope.filter(company_id=company_id)
    by_stage = dict(
        scope.filter(opened_at__gte=period.start, opened_at__lt=period.end)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    fines = scope.filter(
        decided_at__gte=period.start, decided_at__lt=period.end, fine_amount__isnull=False
    ).aggregate(decided=Count("id"), total=Sum("fine_amount", default=Decimal("0")))
    return {
        "opened": sum(by_stage.values()),
        "by_stage": dict(sorted(by_stage.items())),
        "fines_decided": fines["decided"],
        "fines_total": f"{fines['total']:.2f}",
    }


def per_procon(period: Period, *, company_id: int | None = None) -> list[dict[str, object]]:
    """One row of figures per Procon with complaints in the period (one grouped query), busiest
    first."""

    def compute() -> list[dict[str, object]]:
        rows = (
            _complaints(period, company_id=company_id)
            .order_by()
            .values("procon_id", "procon__slug", "procon__name")
            .annotate(**_counts())
            .order_by("-filed", "procon__name")
        )
        return [
            {"slug": row["procon__slug"], "name": row["procon__name"], **_shape(row)}
            for row in rows
        ]

    return _cached(f"per-procon:{period.key()}:{company_id}", compute)


def company_ranking(
    period: Period, *, procon_id: int | None = None, limit: int = RANKING_SIZE
) -> list[dict[str, object]]:
    """The companies with most complaints in the period, with their resolution and on-time
    rates."""

    def compute() -> list[dict[str, object]]:
        rows = (
            _complaints(period, procon_id=procon_id)
            .order_by()
            .values("company_id")
            .annotate(**_counts())
            .order_by("-filed", "company_id")[:limit]
        )
        rows = list(rows)
        names = {
            pk: trade or legal
            for pk, trade, legal in Company.objects.filter(
                pk__in=[r["company_id"] for r in rows]
            ).values_list("pk", "trade_name", "legal_name")
        }
        return [
            {
                "rank": position,
                "company_id": row["company_id"],
                "name": names.get(row["company_id"], ""),
                **_shape(row),
            }
            for position, row in enumerate(rows, start=1)
        ]

    return _cached(f"ranking:{period.key()}:{procon_id}:{limit}", compute)


@cache
def populations() -> dict[int, int]:
    """IBGE's 2021 estimate of every São Paulo municipality (shipped with the project)."""
    with POPULATION_FILE.open(encoding="utf-8") as source:
        return {
            int(row["codigo_ibge"]): int(row["populacao_estimada_2021"])
            for row in csv.DictReader(source)
        }


def per_municipality(period: Period, *, company_id: int | None = None) -> list[dict]:
    """Every municipality of the state with its coordinates, complaints from it in the period,
    complaints per 10,000 inhabitants and resolution rate."""

    def compute() -> list[dict[str, object]]:
        counts = {
            row["municipality_id"]: row
            for row in _complaints(period, company_id=company_id)
            .filter(municipality__isnull=False)
            .order_by()
            .values("municipality_id")
            .annotate(
                filed=Count("id"),
                closed=Count("id", filter=Q(status="closed")),
                resolved=Count("id", filter=Q(classification__in=RESOLVED)),
            )
        }
        people = populations()
        result = []
        for code, name, lat, lon in (
            Municipality.objects.filter(uf_id=settings.PLATFORM_UF_CODE)
            .order_by("ibge_code")
            .values_list("ibge_code", "name", "latitude", "longitude")
        ):
            row = counts.get(code, {})
            filed = int(row.get("filed", 0))
            population = people.get(code)
            result.append(
                {
                    "ibge_code": code,
                    "name": name,
                    "latitude": float(lat),
                    "longitude": float(lon),
                    "population": population,
                    "filed": filed,
                    "per_10k": round(filed * 10_000 / population, 2) if population else None,
                    "resolution_rate": _rate(
                        int(row.get("resolved", 0)), int(row.get("closed", 0))
                    ),
                }
            )
        return result

    return _cached(f"map:{period.key()}:{company_id}", compute)


def company_procons(period: Period, *, company_id: int) -> list[dict[str, object]]:
    """Where a company's complaints come from: per Procon, busiest first."""
    return per_procon(period, company_id=company_id)


def access_company(*, company_id: int) -> Company:
    company = Company.objects.filter(pk=company_id).first()
    if company is None:
        raise NotFound()
    return company


def access_procon(*, slug: str) -> Procon:
    procon = Procon.objects.filter(slug=slug).select_related("municipality").first()
    if procon is None:
        raise NotFound()
    return procon


def tenant_list() -> QuerySet[Procon]:
    """Every Procon with its subscription and active staff count (not supervisors)."""
    return (
        Procon.objects.select_related("municipality", "subscription")
        .annotate(
            staff_count=Count(
                "staff_memberships__user",
                filter=~Q(staff_memberships__role=StaffRole.SUPERVISOR)
                & Q(staff_memberships__user__is_active=True),
                distinct=True,
            ),
        )
        .order_by("kind", "name")
    )


def last_complaints() -> dict[int, datetime]:
    """When each Procon's latest complaint was filed (one index probe per Procon)."""

    def compute() -> dict[int, datetime]:
        latest = CaseIndexEntry.objects.filter(procon=OuterRef("pk"), kind=COMPLAINT).order_by(
            "-opened_at"
        )
        return {
            pk: at
            for pk, at in Procon.objects.annotate(
                at=Subquery(latest.values("opened_at")[:1])
            ).values_list("pk", "at")
            if at is not None
        }

    return _cached("last-complaints", compute)


def billing_status(procon: Procon) -> str:
    """The subscription status shown for a Procon: the state Procon is always free."""
    if procon.kind == ProconKind.STATE:
        return SubscriptionStatus.FREE
    subscription = getattr(procon, "subscription", None)
    return subscription.status if subscription is not None else SubscriptionStatus.NONE


def alert_list(*, limit: int = 50) -> QuerySet[SpikeAlert]:
    return SpikeAlert.objects.select_related("company")[:limit]


def access_alert(*, alert_id: int) -> SpikeAlert:
    alert = SpikeAlert.objects.select_related("company").filter(pk=alert_id).first()
    if alert is None:
        raise NotFound()
    return alert
