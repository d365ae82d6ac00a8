"""The supervisor's figures: aggregate SQL over the public case index, never a loop over the
tenant schemas. Every figure is for the complaints filed (sanction processes opened) in a period
of whole months; fines count by the date they were decided."""

import csv
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as django_cache
from django.db.models import (
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from rest_framework.exceptions import NotFound

from kernel.periods import Period
from portals.supervision.models import (
    ROLLUP_CACHE_VERSION_KEY,
    FigureBreakdown,
    FigureRollup,
    RollupState,
    SpikeAlert,
)
from shared import geo
from shared.accounts.roles import StaffRole
from shared.billing.lifecycle import SubscriptionStatus
from shared.caseindex.models import CaseIndexEntry
from shared.companies.models import Company
from shared.geo.models import Municipality
from shared.procons.lifecycle import ProconKind
from shared.procons.models import Procon

COMPLAINT = CaseIndexEntry.Kind.COMPLAINT
SANCTION = CaseIndexEntry.Kind.SANCTION
# The closing classifications the resolution rate reports (tenants.complaints.lifecycle values).
RESOLUTION_KINDS = ("resolved_at_cip", "agreement", "founded_met", "founded_not_met")
# Resolved for the consumer: the rate's numerator.
RESOLVED = ("resolved_at_cip", "agreement", "founded_met")
# Kept with the municipalities in the geo app (shared/geo/data/SOURCE.md).
POPULATION_FILE = Path(geo.__file__).resolve().parent / "data" / "populacao_sp_2021.csv"
RANKING_SIZE = 20


ROLLUP_SUMS = (
    "filed",
    "closed",
    *RESOLUTION_KINDS,
    "answered",
    "on_time",
    "answer_seconds",
    "hearings_held",
    "agreements_reached",
    "overdue",
    "fines_decided",
    "fines_total",
)
Grain = FigureRollup.Grain


def _sums() -> dict[str, Sum]:
    return {name: Sum(name) for name in ROLLUP_SUMS}


def _rollup(
    period: Period, *, grain: str, kind: str = COMPLAINT, **scope: int | None
) -> QuerySet[FigureRollup]:
    """The rollup rows of one grain in the period, narrowed to the scope's ids that are given."""
    qs = FigureRollup.objects.filter(
        grain=grain, kind=kind, month__gte=period.first, month__lte=period.last
    )
    return qs.filter(**{name: value for name, value in scope.items() if value is not None})


def _grain(*, procon_id: int | None, company_id: int | None) -> str:
    if procon_id is not None and company_id is not None:
        return Grain.PROCON_COMPANY
    if procon_id is not None:
        return Grain.PROCON
    return Grain.COMPANY if company_id is not None else Grain.STATE


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
        "mean_days": _round(row["answer_seconds"] / 86400 / answered if answered else None),
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


def percentile_of_buckets(buckets: dict[int, int], fraction: float) -> float | None:
    """PostgreSQL's percentile_cont over values given as {value: how many}: exact when the
    values are whole days, as the rollup keeps them."""
    total = sum(buckets.values())
    if not total:
        return None
    position = fraction * (total - 1)
    low, high = int(position), min(int(position) + 1, total - 1)
    values: dict[int, float] = {}
    seen = 0
    for value, count in sorted(buckets.items()):
        for index in (low, high):
            if seen <= index < seen + count:
                values[index] = float(value)
        seen += count
    return values[low] + (position - low) * (values[high] - values[low])


def rollup_state() -> RollupState | None:
    """How fresh the figures are: when the rollup last read the case index."""
    return RollupState.objects.first()


def _cached(key: str, compute):  # type: ignore[no-untyped-def]
    """Figures are read far more often than they change: kept per scope and period for
    SUPERVISION_CACHE_SECONDS (0 turns it off), under the version of the last rollup refresh
    so that a refresh shows at once."""
    seconds = getattr(settings, "SUPERVISION_CACHE_SECONDS", 600)
    if not seconds:
        return compute()
    version = django_cache.get(ROLLUP_CACHE_VERSION_KEY, 0)
    key = f"supervision:{version}:{key}"
    value = django_cache.get(key)
    if value is None:
        value = compute()
        django_cache.set(key, value, seconds)
    return value


def figures(
    period: Period, *, procon_id: int | None = None, company_id: int | None = None
) -> dict[str, object]:
    """Complaint and sanction figures of one scope: state-wide, one Procon or one company (both
    given: the pair's counts, without the statuses and the p90, which are kept per Procon and per
    company only)."""
    return _cached(
        f"figures:{period.key()}:{procon_id}:{company_id}",
        lambda: _figures(period, procon_id=procon_id, company_id=company_id),
    )


def _figures(period: Period, *, procon_id: int | None, company_id: int | None) -> dict[str, object]:
    grain = _grain(procon_id=procon_id, company_id=company_id)
    scope = {
        name: value
        for name, value in (("procon_id", procon_id), ("company_id", company_id))
        if value is not None
    }
    totals = {kind: dict.fromkeys(ROLLUP_SUMS, 0) for kind in (COMPLAINT, SANCTION)}
    per_month: dict[date, int] = {}
    for row in (
        FigureRollup.objects.filter(
            grain=grain, month__gte=period.first, month__lte=period.last, **scope
        )
        .values("kind", "month")
        .annotate(**_sums())
        .order_by()
    ):
        for name in ROLLUP_SUMS:
            totals[row["kind"]][name] += row[name] or 0
        if row["kind"] == COMPLAINT:
            per_month[row["month"]] = row["filed"]
    by_status: dict[str, int] = {}
    by_stage: dict[str, int] = {}
    answer_days: dict[int, int] = {}
    for kind, field, value, count in (
        FigureBreakdown.objects.filter(
            grain=grain if grain != Grain.PROCON_COMPANY else Grain.STATE,
            month__gte=period.first,
            month__lte=period.last,
            **scope,
        )
        .values("kind", "field", "value")
        .annotate(n=Sum("count"))
        .order_by()
        .values_list("kind", "field", "value", "n")
    ):
        if field == FigureBreakdown.Field.ANSWER_DAYS:
            answer_days[int(value)] = count
        else:
            (by_status if kind == COMPLAINT else by_stage)[value] = count
    complaints = totals[COMPLAINT]
    complaints["p90_days"] = percentile_of_buckets(answer_days, 0.9)
    shaped = _shape(complaints)
    shaped["by_status"] = dict(sorted(by_status.items()))
    shaped["per_month"] = [
        {"month": f"{month:%Y-%m}", "filed": per_month.get(month, 0)} for month in period.months()
    ]
    sanctions = totals[SANCTION]
    state = rollup_state()
    return {
        "period": {"first_month": f"{period.first:%Y-%m}", "last_month": f"{period.last:%Y-%m}"},
        "as_of": state.refreshed_at if state is not None else None,
        "complaints": shaped,
        "sanctions": {
            "opened": int(sanctions["filed"]),
            "by_stage": dict(sorted(by_stage.items())),
            "fines_decided": int(sanctions["fines_decided"]),
            "fines_total": f"{Decimal(sanctions['fines_total']):.2f}",
        },
    }


def per_procon(period: Period, *, company_id: int | None = None) -> list[dict[str, object]]:
    """One row of figures per Procon with complaints in the period (one grouped query), busiest
    first."""

    def compute() -> list[dict[str, object]]:
        grain = Grain.PROCON if company_id is None else Grain.PROCON_COMPANY
        rows = list(
            _rollup(period, grain=grain, company_id=company_id)
            .values("procon_id")
            .annotate(**_sums())
            .filter(filed__gt=0)
            .order_by()
        )
        procons = {
            pk: (slug, name)
            for pk, slug, name in Procon.objects.filter(
                pk__in=[row["procon_id"] for row in rows]
            ).values_list("pk", "slug", "name")
        }
        rows = [row for row in rows if row["procon_id"] in procons]
        rows.sort(key=lambda row: (-row["filed"], procons[row["procon_id"]][1]))
        return [
            {
                "slug": procons[row["procon_id"]][0],
                "name": procons[row["procon_id"]][1],
                **_shape(row),
            }
            for row in rows
        ]

    return _cached(f"per-procon:{period.key()}:{company_id}", compute)


def company_ranking(
    period: Period, *, procon_id: int | None = None, limit: int = RANKING_SIZE
) -> list[dict[str, object]]:
    """The companies with most complaints in the period, with their resolution and on-time
    rates."""

    def compute() -> list[dict[str, object]]:
        grain = Grain.COMPANY if procon_id is None else Grain.PROCON_COMPANY
        # The leaders by complaints alone (an index-only scan), then their figures.
        leaders = list(
            _rollup(period, grain=grain, procon_id=procon_id)
            .values("company_id")
            .annotate(total=Sum("filed"))
            .filter(total__gt=0)
            .order_by("-total", "company_id")
            .values_list("company_id", flat=True)[:limit]
        )
        figures_of = {
            row["company_id"]: row
            for row in _rollup(period, grain=grain, procon_id=procon_id)
            .filter(company_id__in=leaders)
            .values("company_id")
            .annotate(**_sums())
            .order_by()
        }
        rows = [figures_of[company_id] for company_id in leaders]
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
        grain = Grain.MUNICIPALITY if company_id is None else Grain.COMPANY_MUNICIPALITY
        counts = {
            row["municipality_id"]: row
            for row in _rollup(period, grain=grain, company_id=company_id)
            .filter(municipality_id__isnull=False)
            .values("municipality_id")
            .annotate(
                filed=Sum("filed"),
                closed=Sum("closed"),
                resolved=Sum(F("resolved_at_cip") + F("agreement") + F("founded_met")),
            )
            .order_by()
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
