"""Benchmark of the registry of founded complaints on the million-row case index.

    .venv/bin/python tests/bench/bench_registry.py [--rows 1000000] [--reps 50] [--reuse]

Seeds its own database (`procon_bench_registry`, or BENCH_DATABASE_NAME) with the generator of
`bench_inbox.py` (650 Procons, 5,000 companies, 1,000,000 CaseIndexEntry rows over two years, a
third of them closed), then reclassifies a third of the founded cases as founded-not-met and a
ninth as not founded, so the registry counts both kinds. It times, through Django's test client
and every middleware (wall clock, p50/p95): the state-wide page, its search, its CSV and JSON,
the API, a frozen publication's CSV; and through the selectors: one Procon's registry and its
SINDEC file; the rollup's refreshes (full, and after one reclassified case) and the build of the
state-wide SINDEC file (one line per founded case of the year), then its download as stored. Not
collected by pytest (bench_*.py).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "tests" / "bench")]
os.environ.setdefault("BENCH_DATABASE_NAME", "procon_bench_registry")

import bench_inbox  # noqa: E402  (after the path and database name are set)
import harness  # noqa: E402


def prepare_schema() -> None:
    """Migrate, then give the columns the generator does not write a database default
    (Django keeps defaults in Python; COPY bypasses it). Only in this throwaway database."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    empty = {"character varying": "''", "text": "''", "smallint": "0", "integer": "0"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns"
            " WHERE table_name = 'caseindex_caseindexentry' AND table_schema = 'public'"
            " AND is_nullable = 'NO' AND column_default IS NULL"
        )
        for column, data_type in cursor.fetchall():
            if data_type in empty:
                cursor.execute(
                    f'ALTER TABLE caseindex_caseindexentry ALTER COLUMN "{column}"'
                    f" SET DEFAULT {empty[data_type]}"
                )


def reclassify() -> None:
    """Once per database: the generator closes every case as founded-met."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM caseindex_caseindexentry"
            " WHERE classification = 'founded_not_met')"
        )
        if cursor.fetchone()[0]:
            return
        # A steady-state table, as autovacuum keeps it: the visibility map lets the registry's
        # partial indexes answer without visiting the heap.
        cursor.execute("VACUUM ANALYZE caseindex_caseindexentry")
        cursor.execute(
            "UPDATE caseindex_caseindexentry SET classification = 'founded_not_met'"
            " WHERE classification = 'founded_met' AND id % 3 = 0"
        )
        cursor.execute(
            "UPDATE caseindex_caseindexentry SET classification = 'not_founded'"
            " WHERE classification = 'founded_met' AND id % 9 = 1"
        )
        cursor.execute("VACUUM ANALYZE caseindex_caseindexentry")


def measure(reps: int) -> list[tuple[str, float, float]]:
    from django.conf import settings
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from shared.caseindex.models import CaseIndexEntry
    from shared.procons.models import Procon
    from shared.registry.actions import (
        do_publish_registry,
        do_rebuild_sindec_file,
        do_refresh_registry_rollup,
    )
    from shared.registry.renderers import registry_csv, sindec_csv
    from shared.registry.selectors import (
        registry_figures,
        registry_rows,
        registry_years,
        sindec_cases,
    )
    from tests.factories import staff

    year = registry_years(procon=None)[1]  # last year: a full year of closed cases
    started = time.perf_counter()
    do_refresh_registry_rollup(full=True)
    full_refresh = (time.perf_counter() - started) * 1000
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-registry-")  # the SINDEC file
    started = time.perf_counter()
    sindec = do_rebuild_sindec_file(year=year)
    sindec_build = (time.perf_counter() - started) * 1000
    client = Client(HTTP_HOST="localhost")

    def get(path: str) -> None:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        if response.streaming:
            b"".join(response.streaming_content)
        else:
            response.content  # noqa: B018

    state = Procon.objects.get(kind="state")
    supervisor = staff(
        state, "supervisor", email=f"bench-supervisor-{time.time_ns()}@bench.test", password=None
    )
    publication = do_publish_registry(procon=None, year=year, actor=supervisor)
    busiest = (
        CaseIndexEntry.objects.filter(classification__in=["founded_met", "founded_not_met"])
        .values("procon_id")
        .order_by()
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    procon = Procon.objects.get(pk=busiest["procon_id"])
    rows = registry_rows(procon=None, year=year)
    changed = iter(
        CaseIndexEntry.objects.filter(
            kind="complaint", classification__in=["founded_met", "founded_not_met"]
        ).values_list("pk", flat=True)[:1000]
    )

    def reclassify_one_and_refresh() -> None:
        """What a closing attendant and the next beat run do: one case changes, the rollup
        recomputes its (Procon, company) pair and the company's state-wide row."""
        CaseIndexEntry.objects.filter(pk=next(changed)).update(
            classification="founded_not_met", updated_at=timezone.now()
        )
        do_refresh_registry_rollup()

    cases = [
        (
            f"page, state-wide {year} ({len(rows):,} companies, 50 shown)",
            lambda: get(f"/reclamacoes-fundamentadas/?year={year}"),
            reps,
        ),
        (
            "page, state-wide, sorted by not met",
            lambda: get(f"/reclamacoes-fundamentadas/?year={year}&sort=not_met"),
            reps,
        ),
        (
            "page, state-wide, search by name",
            lambda: get(f"/reclamacoes-fundamentadas/?year={year}&q=Empresa+42"),
            reps,
        ),
        (
            "page, state-wide, search by CNPJ root",
            lambda: get(f"/reclamacoes-fundamentadas/?year={year}&q=10000042"),
            reps,
        ),
        (
            "CSV, state-wide per company",
            lambda: get(f"/reclamacoes-fundamentadas/{year}.csv"),
            reps,
        ),
        (
            "JSON, state-wide per company",
            lambda: get(f"/reclamacoes-fundamentadas/{year}.json"),
            reps,
        ),
        ("API /api/v1/registry/, state-wide", lambda: get(f"/api/v1/registry/?year={year}"), reps),
        (
            f"publication CSV (frozen, {publication.companies:,} rows)",
            lambda: get(f"/reclamacoes-fundamentadas/publicacoes/{publication.pk}.csv"),
            reps,
        ),
        (
            f"one Procon's registry + CSV ({procon.slug}, selectors)",
            lambda: "".join(
                registry_csv(year=year, rows=registry_figures(procon=procon, year=year))
            ),
            reps,
        ),
        (
            "one Procon's registry, exact from the index (what publishing reads)",
            lambda: registry_rows(procon=procon, year=year),
            reps,
        ),
        (
            "refresh after one reclassified case (beat task, incremental)",
            reclassify_one_and_refresh,
            reps,
        ),
        (
            f"one Procon's SINDEC file ({procon.slug}, selectors)",
            lambda: "".join(sindec_csv(year=year, cases=sindec_cases(procon=procon, year=year))),
            reps,
        ),
        (
            f"SINDEC file, state-wide ({sindec.rows:,} lines, {sindec.size:,} bytes, stored)",
            lambda: get(f"/reclamacoes-fundamentadas/{year}.csv?layout=sindec"),
            reps,
        ),
    ]
    results = [
        ("refresh, full rebuild (first run of a day)", full_refresh, full_refresh),
        ("SINDEC file, state-wide: build (beat task)", sindec_build, sindec_build),
    ]
    for label, fn, n in cases:
        fn()  # warm up
        p50, p95 = harness.p50_p95(harness.milliseconds(fn, n))
        results.append((label, p50, p95))
    return results


def main() -> None:
    parser = harness.arguments(__doc__, reps=50, rows=1_000_000)
    args = parser.parse_args()

    reused = harness.open_database(bench_inbox.BENCH_DB, reuse=args.reuse)
    prepare_schema()
    if not reused:
        bench_inbox.seed(args.rows)
    reclassify()
    results = measure(args.reps)
    bench_inbox.report(
        f"{args.reps} repetitions each (refresh and build: once), wall clock, milliseconds",
        ("request", 62),
        [("p50", 9, 1), ("p95", 9, 1)],
        results,
    )


if __name__ == "__main__":
    main()
