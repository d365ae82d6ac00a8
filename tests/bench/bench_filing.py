"""In-process benchmark of filing a complaint and reading it back through the API.

    .venv/bin/python tests/bench/bench_filing.py [--filings 300] [--existing 0] [--profile]

Creates its own database (`procon_bench_filing`, or BENCH_DATABASE_NAME, on the PostgreSQL of
DATABASE_URL's server; never the development or test database), migrates it, provisions one
Procon (Santos), a consumer with an API token and a company, optionally `--existing` complaints
(rows written directly, with their timeline and index rows), then files `--filings` complaints
one after another through Django's test client exactly as the load test does
(`POST /api/v1/complaints/` with an `Idempotency-Key`, JSON), then reads each filed case
(`GET /api/v1/complaints/<number>/`). It prints filings/s and reads/s (wall clock, one thread),
CPU ms per request of this process (the database server's work is not in it) and SQL queries
per request. `--profile` runs the filings under cProfile and prints the top functions by
cumulative time. The broker is the test settings' Redis database (TEST_REDIS_DB_OFFSET): the
e-mail tasks are published as in production and the queue is emptied at the end.

To compare with an older tree, run this file with PROCON_ROOT pointing at that tree's checkout:
its code is then imported instead of this one's. Not collected by pytest (bench_*.py).
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(os.environ.get("PROCON_ROOT") or Path(__file__).resolve().parents[2])
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(Path(__file__).resolve().parent)]

import harness  # noqa: E402 (this checkout's, after the path)

BENCH_DB = os.environ.get("BENCH_DATABASE_NAME", "procon_bench_filing")


def seed(existing: int) -> tuple[object, str, dict[str, object]]:
    """The Procon, the consumer's API key and the JSON body of a filing."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from shared.accounts.actions import do_issue_api_token
    from shared.accounts.models import User
    from shared.companies.actions import do_register_company
    from shared.geo.models import Municipality
    from shared.procons.actions import do_provision_procon
    from shared.procons.provisioning import prepare_tenant_template

    t0 = time.monotonic()
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    prepare_tenant_template()
    procon = do_provision_procon(
        kind="municipal",
        name="Procon Santos",
        slug="santos",
        municipality=Municipality.objects.get(ibge_code=3548500),
    )
    consumer = User.objects.create_user(
        email="consumidor@bench.test",
        password="uma-senha-de-bench-longa",
        full_name="Maria da Silva",
        cpf="52998224725",
    )
    if hasattr(consumer, "email_verified_at"):
        consumer.email_verified_at = timezone.now()
        consumer.save(update_fields=["email_verified_at"])
    _token, key = do_issue_api_token(consumer, name="bench")
    company = do_register_company(cnpj="11222333000181", legal_name="Loja Exemplo Ltda")
    body = harness.filing_body(
        procon,
        company,
        company_protocol="ABC-123",
        facts="Comprei uma geladeira que chegou quebrada e a loja não troca.",
        request="Quero a troca do produto.",
    )
    with tenant_context(procon):
        if existing:
            preload(existing, consumer=consumer, company=company, body=body)
    connection.set_schema_to_public()
    print(f"seeded in {time.monotonic() - t0:.1f} s ({existing} existing complaints)")
    return procon, key, body


def preload(count: int, *, consumer: object, company: object, body: dict[str, object]) -> None:
    """`count` complaints of other consumers' kind, each with two timeline entries and its index
    row, written in bulk (the filings measured afterwards are numbered after them)."""
    from django.db import connection
    from django.utils import timezone

    from shared.caseindex.models import CaseIndexEntry
    from tenants.complaints.models import Complaint, ComplaintEvent

    now = timezone.now()
    year = timezone.localdate().year
    batch = 5_000
    for start in range(0, count, batch):
        rows = [
            Complaint(
                number=f"SANTOS-{year}-{n:06d}",
                consumer=consumer,
                company=company,
                subject_id=body["subject_id"],
                problem_id=body["problem_id"],
                purchase_channel_id=body["purchase_channel_id"],
                contacted_company_first=True,
                facts=body["facts"],
                request=body["request"],
                lgpd_consent_at=now,
            )
            for n in range(start + 1, min(start + batch, count) + 1)
        ]
        Complaint.objects.bulk_create(rows)
        events = []
        for complaint in rows:
            for step in ("file", "assign"):
                events.append(
                    ComplaintEvent(
                        complaint=complaint,
                        step=step,
                        actor=consumer,
                        actor_kind="consumer",
                        status_after="registered",
                    )
                )
        ComplaintEvent.objects.bulk_create(events)
        CaseIndexEntry.objects.bulk_create(
            CaseIndexEntry(
                procon_id=connection.tenant.pk,
                kind=CaseIndexEntry.Kind.COMPLAINT,
                number=c.number,
                tenant_object_id=c.pk,
                company_id=company.pk,
                consumer_id=consumer.pk,
                status="registered",
                contacted_company_first=True,
                opened_at=now,
                updated_at=now,
            )
            for c in rows
        )
    with connection.cursor() as cursor:
        # The numbering continues after the preloaded rows, whichever way this tree numbers.
        cursor.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()"
            " AND table_name = 'complaints_complaintcounter'"
        )
        if cursor.fetchone():
            cursor.execute(
                "INSERT INTO complaints_complaintcounter (year, last) VALUES (%s, %s)"
                " ON CONFLICT (year) DO UPDATE SET last = EXCLUDED.last",
                [year, count],
            )
        cursor.execute("SELECT to_regclass(%s)", [f"complaint_number_{year}"])
        if cursor.fetchone()[0]:
            cursor.execute("SELECT setval(%s, %s)", [f"complaint_number_{year}", count])
        cursor.execute("ANALYZE")


def run(
    procon: object,
    key: str,
    body: dict[str, object],
    *,
    filings: int,
    profile: bool,
    show_queries: bool,
    sort: str = "cumulative",
) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    # As in production (the test settings look at the shared generation on every call).
    settings.PROCESS_CACHE_CHECK_SECONDS = 1.0
    executed = [0]

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        executed[0] += 1
        return execute(sql, params, many, context)

    client = Client(HTTP_HOST=procon.host)
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    payload = json.dumps(body)

    def file(i: int) -> str:
        response = client.post(
            "/api/v1/complaints/",
            payload,
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=f"bench-{i}",
            **auth,
        )
        assert response.status_code == 201, response.content[:500]
        return response.json()["number"]

    for i in range(10):  # warm-up: imports, caches, the connection
        file(-1 - i)
    if show_queries:
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as one:
            number = file(-100)
            client.get(f"/api/v1/complaints/{number}/", **auth)
        for query in one.captured_queries:
            print("  ", query["sql"][:160])
    profiler = cProfile.Profile() if profile else None
    numbers = []
    latencies = []
    with connection.execute_wrapper(count):
        wall, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        for i in range(filings):
            t = time.perf_counter()
            numbers.append(file(i))
            latencies.append(time.perf_counter() - t)
        if profiler:
            profiler.disable()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    file_queries, executed[0] = executed[0], 0
    with connection.execute_wrapper(count):
        read_wall, read_cpu = time.perf_counter(), time.process_time()
        for number in numbers:
            assert client.get(f"/api/v1/complaints/{number}/", **auth).status_code == 200
        read_wall = time.perf_counter() - read_wall
        read_cpu = time.process_time() - read_cpu
    read_queries = executed[0]
    assert len(set(numbers)) == filings

    p50, p95 = harness.p50_p95([seconds * 1000 for seconds in latencies])
    print(f"tree: {ROOT}")
    print(f"machine: {harness.machine()}{' (under cProfile: slower)' if profile else ''}")
    print(
        f"filing: {filings / wall:6.1f} filings/s   {cpu / filings * 1000:5.2f} ms CPU/filing   "
        f"p50 {p50:.1f} ms  p95 {p95:.1f} ms   {file_queries / filings:.1f} queries/filing"
    )
    print(
        f"read:   {filings / read_wall:6.1f} reads/s     {read_cpu / filings * 1000:5.2f} ms CPU/read"
        f"                         {read_queries / filings:.1f} queries/read"
    )
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats(sort)
        stats.print_stats(30)
        # The project's own functions (and the template engine) by cumulative time.
        stats.print_stats(r"(tenants|shared|onboarding)/|template/(loader|base)\.py", 40)
        print(out.getvalue())


def empty_queue() -> None:
    """The e-mail tasks published to the bench's broker database are never consumed: drop them."""
    from config.celery_app import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--filings", type=int, default=300)
    parser.add_argument("--existing", type=int, default=0, help="complaints present beforehand")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative", help="the profile's order (tottime...)")
    parser.add_argument("--queries", action="store_true", help="print one filing's and read's SQL")
    args = parser.parse_args()
    harness.open_database(BENCH_DB)
    procon, key, body = seed(args.existing)
    try:
        run(
            procon,
            key,
            body,
            filings=args.filings,
            profile=args.profile,
            show_queries=args.queries,
            sort=args.sort,
        )
    finally:
        empty_queue()


if __name__ == "__main__":
    main()
