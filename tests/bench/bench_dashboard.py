"""Benchmark of the supervisor's dashboard pages on the million-row case index.

    .venv/bin/python tests/bench/bench_dashboard.py [--rows 1000000] [--reps 20] [--reuse]

Reuses the company benchmark's database and generator (`bench_inbox.py`: `procon_bench`, 650
Procons, 5,000 companies, 1,000,000 index rows over two years), then times what each dashboard
page computes (every figures selector it calls, i.e. all of its SQL), for the default period
(the last twelve months, about half of the rows):

- cold: the figures cache off (SUPERVISION_CACHE_SECONDS=0), every query runs (on the monthly
  rollup that `do_refresh_figure_rollup` builds from the index);
- warm: the figures cache on, as pages are served after the first visit of a period.

Also times the rollup's full rebuild (the first refresh of a day) and an incremental refresh
after 2,000 rows of this month changed (beat's `refresh_dashboard_figures`, every 5 minutes).

Prints p50/p95 in milliseconds per page. Not collected by pytest (bench_*.py).
"""

import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_inbox  # the generator and database of the company benchmark
import harness


def pages():  # type: ignore[no-untyped-def]
    from kernel.periods import default_period
    from portals.supervision import selectors
    from shared.caseindex.models import CaseIndexEntry
    from shared.procons.models import Procon

    period = default_period()
    procon = Procon.objects.order_by("pk")[1]
    company_id = (
        CaseIndexEntry.objects.order_by("company_id").values_list("company_id", flat=True).first()
    )
    longest = selectors.Period(
        first=date(period.last.year - 2, period.last.month, 1), last=period.last
    )
    return [
        (
            "dashboard, 36 months",
            lambda: (
                selectors.figures(longest),
                selectors.per_procon(longest),
                selectors.company_ranking(longest, limit=10),
                selectors.per_municipality(longest),
            ),
        ),
        (
            "dashboard (state-wide)",
            lambda: (
                selectors.figures(period),
                selectors.per_procon(period),
                selectors.company_ranking(period, limit=10),
                selectors.per_municipality(period),
                list(selectors.alert_list(limit=5)),
            ),
        ),
        (
            "one Procon",
            lambda: (
                selectors.figures(period, procon_id=procon.pk),
                selectors.company_ranking(period, procon_id=procon.pk, limit=10),
            ),
        ),
        ("company ranking", lambda: selectors.company_ranking(period)),
        (
            "one company (100,000 cases)",
            lambda: (
                selectors.figures(period, company_id=company_id),
                selectors.company_procons(period, company_id=company_id),
                selectors.per_municipality(period, company_id=company_id),
            ),
        ),
        (
            "tenants list (650 Procons)",
            lambda: (list(selectors.tenant_list()), selectors.last_complaints()),
        ),
    ]


def refresh_times() -> tuple[float, float]:
    """Seconds of the rollup's full rebuild, then of a refresh after 2,000 rows of this month
    changed."""
    from django.utils import timezone

    from portals.supervision.actions import do_refresh_figure_rollup
    from shared.caseindex.models import CaseIndexEntry

    started = time.perf_counter()
    do_refresh_figure_rollup(full=True)
    rebuild = time.perf_counter() - started
    now = timezone.now()
    month = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    touched = CaseIndexEntry.objects.filter(opened_at__gte=month).values_list("pk", flat=True)
    CaseIndexEntry.objects.filter(pk__in=list(touched[:2000])).update(updated_at=now)
    started = time.perf_counter()
    do_refresh_figure_rollup()
    return rebuild, time.perf_counter() - started


def measure(reps: int) -> list[tuple[str, float, float, float, float]]:
    from django.conf import settings
    from django.core.cache import cache

    results = []
    for label, compute in pages():
        settings.SUPERVISION_CACHE_SECONDS = 0
        cold = harness.milliseconds(compute, reps)
        settings.SUPERVISION_CACHE_SECONDS = 300
        cache.clear()
        compute()
        warm = harness.milliseconds(compute, reps)
        results.append((label, *harness.p50_p95(cold), *harness.p50_p95(warm)))
    return results


def main() -> None:
    parser = harness.arguments(__doc__, reps=20, rows=1_000_000)
    args = parser.parse_args()
    reused = harness.open_database(bench_inbox.BENCH_DB, reuse=args.reuse)
    if not reused:
        bench_inbox.seed(args.rows)
    else:
        from django.core.management import call_command

        # a database seeded by an older run: the figures columns and the alerts table
        for app, target in (
            ("caseindex", "0003_figures_columns"),
            ("billing", None),
            ("supervision", None),
        ):
            names = [app, target] if target else [app]
            call_command("migrate_schemas", *names, shared=True, interactive=False, verbosity=0)
    rebuild, incremental = refresh_times()
    results = measure(args.reps)
    bench_inbox.report(
        f"{args.reps} repetitions each, milliseconds, default period (last 12 months)",
        ("page", 32),
        [("cold p50", 9, 1), ("cold p95", 9, 1), ("warm p50", 9, 2), ("warm p95", 9, 2)],
        results,
    )
    print(f"\nrollup: full rebuild {rebuild:.1f} s, incremental refresh {incremental:.1f} s")


if __name__ == "__main__":
    main()
