"""Benchmark of the company inbox on a case index of production size.

    .venv/bin/python tests/bench/bench_inbox.py [--rows 1000000] [--reps 200] [--reuse]

Creates its own database (`procon_bench`, on the PostgreSQL of DATABASE_URL's server; never the
development or test database), migrates the public schema, seeds 650 Procon rows (no tenant
schemas: the inbox reads only the public index), 5,000 companies and at least 1,000,000
CaseIndexEntry rows by COPY, one company group holding 100,000 open cases. It then times the
inbox's first page, a filtered page (status + Procon) and a deep page (keyset cursor after
50,000 rows), each `--reps` times, as the database server's execution time (EXPLAIN ANALYZE)
and as the wall-clock time of the ORM call, and prints p50/p95 and the machine.
`--reuse` keeps an already seeded database. Not collected by pytest (bench_*.py).
"""

import io
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "tests" / "bench")]

import harness  # noqa: E402 (after the path)

BENCH_DB = os.environ.get("BENCH_DATABASE_NAME", "procon_bench")
BIG_COMPANY_OPEN_CASES = 100_000
COMPANIES = 5_000
PROCONS = 650
OPEN = ["cip_sent", "cip_lapsed", "answered", "not_resolved", "hearing_scheduled", "registered"]


def seed(rows: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from shared.companies.models import Company
    from shared.geo.models import Municipality
    from shared.procons.models import Procon

    t0 = time.monotonic()
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    print(f"migrated the public schema in {time.monotonic() - t0:.1f} s")

    # 645 municipalities of São Paulo come with the migrations; 5 more make room for 650 Procons.
    extra = PROCONS - Municipality.objects.count()
    if extra > 0:
        Municipality.objects.bulk_create(
            Municipality(
                ibge_code=3599900 + n,
                name=f"Bench {n}",
                uf_id=35,
                latitude=0,
                longitude=0,
                area_code=11,
                timezone="America/Sao_Paulo",
            )
            for n in range(1, extra + 1)
        )
    municipalities = list(Municipality.objects.order_by("ibge_code").values_list("pk", flat=True))
    procons = [
        Procon(
            schema_name=f"procon_bench_{n}",
            kind="state" if n == 0 else "municipal",
            name=f"Procon Bench {n}",
            slug=f"bench-{n}",
            municipality_id=municipalities[n],
            status="active",
        )
        for n in range(PROCONS)
    ]
    Procon.objects.bulk_create(procons, batch_size=1000)
    companies = [
        Company(cnpj=f"{10000000 + n:08d}000100", legal_name=f"Empresa {n} S.A.")
        for n in range(COMPANIES)
    ]
    Company.objects.bulk_create(companies, batch_size=1000)
    procon_ids = list(Procon.objects.values_list("pk", flat=True))
    company_ids = list(Company.objects.order_by("cnpj").values_list("pk", flat=True))
    big = company_ids[0]

    rng = random.Random(2026)  # reproducible data, not secrets
    today = date.today()
    now = datetime.now(UTC)
    columns = (
        "procon_id, kind, number, tenant_object_id, company_id, subject, status, "
        "classification, cip_due_on, rating_due_on, opened_at, updated_at, closed_at"
    )

    def line(n: int, company_id: int, status: str) -> str:
        procon_id = rng.choice(procon_ids)
        opened = now - timedelta(days=rng.randint(0, 720), seconds=rng.randint(0, 86_400))
        due = today + timedelta(days=rng.randint(-60, 30)) if status != "registered" else None
        closed = status == "closed"
        return "\t".join(
            [
                str(procon_id),
                "complaint",
                f"BENCH{procon_id}-{n:08d}",
                str(n),
                str(company_id),
                rng.choice(["Telefonia", "Bancos", "Varejo", "Energia", "Saúde"]),
                status,
                "founded_met" if closed else "",
                due.isoformat() if due else r"\N",
                (due + timedelta(days=20)).isoformat() if due and status == "answered" else r"\N",
                opened.isoformat(),
                (opened + timedelta(days=1)).isoformat(),
                (opened + timedelta(days=30)).isoformat() if closed else r"\N",
            ]
        )

    t0 = time.monotonic()
    batch = 200_000
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg2's cursor: COPY FROM STDIN
        for start in range(0, rows, batch):
            buffer = io.StringIO()
            for n in range(start, min(start + batch, rows)):
                if n < BIG_COMPANY_OPEN_CASES:
                    company_id, status = big, rng.choice(OPEN)
                else:
                    company_id = rng.choice(company_ids[1:])
                    status = rng.choice([*OPEN, "closed", "closed", "closed"])
                buffer.write(line(n, company_id, status) + "\n")
            buffer.seek(0)
            raw.copy_expert(
                f"COPY caseindex_caseindexentry ({columns}) FROM STDIN WITH (FORMAT text)", buffer
            )
        cursor.execute("ANALYZE caseindex_caseindexentry")
        cursor.execute("ANALYZE companies_company")
        cursor.execute("ANALYZE procons_procon")
    print(f"copied {rows:,} index rows in {time.monotonic() - t0:.1f} s")


def measure(reps: int) -> list[tuple[str, float, float, float, float]]:
    from django.db import connection
    from django.db.models import Count

    from shared.caseindex.models import CaseIndexEntry
    from shared.companies.models import Company

    try:
        from portals.inbox.selectors import (
            InboxFilters,
            _after,  # the keyset condition of a cursor, to EXPLAIN the very query of a page
            encode_cursor,
            inbox_list,
            inbox_page,
        )
    except ImportError:  # before the inbox selector exists: the equivalent keyset query
        InboxFilters, _after, encode_cursor, inbox_list, inbox_page = _fallback_selector()

    big = Company.objects.order_by("cnpj").first()
    roots = [big.cnpj_root]
    busiest = (
        CaseIndexEntry.objects.filter(company=big, status="cip_sent")
        .values("procon__slug")
        .order_by()
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    plain = InboxFilters()
    filtered = InboxFilters(status="cip_sent", procon_slug=busiest["procon__slug"])
    deep_row = inbox_list(roots=roots, filters=plain)[49_999]
    deep_cursor = encode_cursor(plain.sort, deep_row)
    cases = [
        ("first page", plain, None),
        (f"filtered page (cip_sent at {busiest['procon__slug']})", filtered, None),
        ("deep page (after 50,000 rows)", plain, deep_cursor),
    ]
    results = []
    for label, filters, cursor in cases:
        page = inbox_page(roots=roots, filters=filters, cursor=cursor)
        assert page.rows, label
        label = f"{label}: {len(page.rows)} rows"
        qs = inbox_list(roots=roots, filters=filters)
        if cursor:
            qs = qs.filter(_after(filters.sort, cursor))
        sql, params = qs[:51].query.sql_with_params()
        server: list[float] = []
        with connection.cursor() as db:
            for _ in range(reps):
                db.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
                plan = db.fetchone()[0][0]
                server.append(plan["Planning Time"] + plan["Execution Time"])
        wall = harness.milliseconds(
            partial(inbox_page, roots=roots, filters=filters, cursor=cursor), reps
        )
        results.append((label, *harness.p50_p95(server), *harness.p50_p95(wall)))
    return results


def _fallback_selector():  # the five names measure() needs, without the inbox selector
    from dataclasses import dataclass
    from types import SimpleNamespace

    from django.db.models import Q

    from shared.caseindex.models import CaseIndexEntry

    @dataclass(frozen=True)
    class Filters:
        status: str = ""
        procon_slug: str = ""
        sort: str = "deadline"

    def listing(*, roots, filters):
        qs = CaseIndexEntry.objects.filter(company__cnpj__startswith=roots[0])
        if filters.status:
            qs = qs.filter(status=filters.status)
        if filters.procon_slug:
            qs = qs.filter(procon__slug=filters.procon_slug)
        return qs.order_by("cip_due_on", "id")

    def after(sort, cursor):
        due, pk = cursor
        if due is None:
            return Q(cip_due_on__isnull=True, pk__gt=pk)
        return Q(cip_due_on__gt=due) | Q(cip_due_on=due, pk__gt=pk) | Q(cip_due_on__isnull=True)

    def page(*, roots, filters, cursor):
        qs = listing(roots=roots, filters=filters)
        if cursor:
            qs = qs.filter(after(filters.sort, cursor))
        return SimpleNamespace(rows=list(qs[:50]))

    return Filters, after, lambda sort, e: (e.cip_due_on, e.pk), listing, page


def index_rows() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM caseindex_caseindexentry")
        return cursor.fetchone()[0]


def report(
    title: str, label: tuple[str, int], figures: list[tuple[str, int, int]], results
) -> None:  # type: ignore[no-untyped-def]
    """The machine and the size of the index, then `title` and the table of `results` (the
    columns as `harness.print_table` takes them): the output of the benchmarks on this database."""
    print(f"machine: {harness.machine()}; {index_rows():,} index rows")
    print(f"\n{title}")
    harness.print_table(label, figures, results)


def main() -> None:
    parser = harness.arguments(__doc__, reps=200, rows=1_000_000)
    args = parser.parse_args()
    if args.rows < BIG_COMPANY_OPEN_CASES:
        parser.error(f"--rows must be at least {BIG_COMPANY_OPEN_CASES:,}")

    reused = harness.open_database(BENCH_DB, reuse=args.reuse)
    if not reused:
        seed(args.rows)
    results = measure(args.reps)
    report(
        f"{args.reps} repetitions each, milliseconds",
        ("query", 44),
        [("server p50", 10, 2), ("server p95", 10, 2), ("ORM p50", 8, 2), ("ORM p95", 8, 2)],
        results,
    )


if __name__ == "__main__":
    main()
