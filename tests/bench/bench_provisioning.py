"""Benchmark of tenant provisioning: cloning the template schema vs running every migration, the
clone as the catalogue grows, and a new Procon's time from approval to its host answering.

    .venv/bin/python tests/bench/bench_provisioning.py [--tenants 10]
    .venv/bin/python tests/bench/bench_provisioning.py --tenants 0 --sizes 650,5570 \
        [--samples 20] [--legacy 3] [--live 5] [--reuse]

Creates its own database (`procon_bench_provisioning` on DATABASE_URL's server, or
BENCH_DATABASE_NAME; never the development or test database), migrates the public schema,
prepares the template (migrations + the clone function, once), then makes `--tenants` schemas by
clone (with the drift check) and as many by migrate, and times a `migrate_schemas`-style run
(django-tenants' standard executor) over all of them when nothing is to apply.

With `--sizes`, the catalogue is grown to each number of Procon schemas in turn (filled by the
clone function, five schemas per transaction, without the drift check), and `--samples` schemas
are then provisioned the way a Procon's are (`ensure_tenant_schema`: lock, clone, drift check):
p50/p95 per schema, and how much of it the drift check took. `--legacy N` also times N calls of
django-tenants' `clone_schema` function (what provisioning ran before) and the information_schema
query its drift check ran, rolled back. `--live N` starts a Celery worker and gunicorn on the
bench database and times N adhesions from the supervisor's approval to the new host answering
200 (with `--spares`, a spare schema is made before each approval and the worker renames it).
`--reuse` keeps a bench database that already exists (the fill of 5,570 schemas is the slow
part). Not collected by pytest (bench_*.py).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "tests" / "bench")]

import harness  # noqa: E402 (after the path)

BENCH_DB = os.environ.get("BENCH_DATABASE_NAME", "procon_bench_provisioning")
TARGET = 650
TEMPLATE = "procon__template"


def timed(label: str, make, schemas: list[str]) -> list[float]:  # type: ignore[no-untyped-def]
    durations = []
    for schema in schemas:
        t0 = time.perf_counter()
        make(schema)
        durations.append(time.perf_counter() - t0)
    print(
        f"{label:8} {len(schemas):3} tenants: mean {statistics.mean(durations):6.2f} s, "
        f"median {statistics.median(durations):6.2f} s, min {min(durations):6.2f} s"
    )
    return durations


def procon_schemas() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            r"SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'procon\_%%'"
            " AND nspname <> %s",
            [TEMPLATE],
        )
        return cursor.fetchone()[0]


def grow_catalogue(size: int) -> None:
    """Procon schemas up to `size`, made by the clone function (five per transaction)."""
    from django.db import connection, transaction

    from shared.procons.provisioning import CLONE_FUNCTION

    have = procon_schemas()
    t0, made = time.perf_counter(), 0
    while have + made < size:
        with transaction.atomic(), connection.cursor() as cursor:
            for _ in range(min(5, size - have - made)):
                cursor.execute(
                    f"SELECT public.{CLONE_FUNCTION}(%s)", [f"procon_fill_{have + made}"]
                )
                made += 1
        if made % 500 < 5 or have + made == size:
            elapsed = time.perf_counter() - t0
            print(f"  {have + made} schemas ({made} made in {elapsed:.0f} s)", flush=True)


def clone_figures(size: int, samples: int) -> dict[str, float]:
    """`samples` schemas provisioned as a Procon's are; seconds per schema and in the check."""
    from shared.procons import provisioning

    checks: list[float] = []
    real_drift = provisioning.drift

    def timed_drift(*args, **kwargs):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return real_drift(*args, **kwargs)
        finally:
            checks.append(time.perf_counter() - t0)

    provisioning.drift = timed_drift
    durations = []
    try:
        for i in range(samples):
            schema = f"procon_sample_{size}_{i}_{os.getpid()}"
            t0 = time.perf_counter()
            report = provisioning.ensure_tenant_schema(schema, method="clone")
            durations.append(time.perf_counter() - t0)
            assert report.method == "clone" and not report.fell_back, report
    finally:
        provisioning.drift = real_drift
    figures = {
        "p50": statistics.median(durations),
        "p95": harness.percentile(durations, 95),
        "max": max(durations),
        "check_p50": statistics.median(checks),
    }
    print(f"  clone at {size} schemas, {samples} samples: p50 {figures['p50']:.2f} s, "
          f"p95 {figures['p95']:.2f} s, max {figures['max']:.2f} s "
          f"(of which the drift check: p50 {figures['check_p50']:.3f} s)", flush=True)  # fmt: skip
    return figures


def legacy_figures(size: int, samples: int) -> dict[str, float]:
    """django-tenants' clone_schema function (provisioning's clone before) and the
    information_schema query of its drift check, each clone rolled back."""
    from django.conf import settings
    from django.db import connection, transaction
    from django_tenants.clone import CLONE_SCHEMA_FUNCTION

    with connection.cursor() as cursor:
        db_user = settings.DATABASES["default"].get("USER") or "postgres"
        cursor.execute(CLONE_SCHEMA_FUNCTION.format(db_user=db_user))
    clones, checks = [], []
    for i in range(samples):
        schema = f"procon_legacy_{i}"
        with transaction.atomic(), connection.cursor() as cursor:
            t0 = time.perf_counter()
            cursor.execute("SELECT public.clone_schema(%s, %s, 'DATA')", [TEMPLATE, schema])
            clones.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            for name in (schema, TEMPLATE):
                cursor.execute(
                    "SELECT table_name, column_name, data_type FROM information_schema.columns"
                    " WHERE table_schema = %s",
                    [name],
                )
                cursor.fetchall()
            checks.append(time.perf_counter() - t0)
            transaction.set_rollback(True)
    figures = {"p50": statistics.median(clones), "check_p50": statistics.median(checks)}
    print(f"  before (django-tenants' clone_schema) at {size} schemas, {samples} samples: "
          f"p50 {figures['p50']:.2f} s; information_schema.columns for the two schemas: "
          f"p50 {figures['check_p50']:.3f} s", flush=True)  # fmt: skip
    return figures


def approval_to_live(samples: int, *, spares: bool = False) -> list[float]:
    """Adhesions approved one by one with a real worker and gunicorn on the bench database:
    seconds from the approval's call to the new host's first 200. With `spares`, a spare schema
    is made before each approval (the worker then renames it instead of cloning)."""
    import tempfile

    import requests
    from django.db import connection

    from onboarding.procons import tokens
    from onboarding.procons.actions import (
        do_approve_procon_application,
        do_submit_procon_application,
        do_verify_procon_application,
    )
    from onboarding.procons.models import ProconApplication
    from shared.accounts.actions import do_create_user, do_grant_staff_role
    from shared.geo.models import Municipality
    from shared.procons.actions import do_provision_procon
    from shared.procons.models import Procon
    from tests.support import processes

    state = Procon.objects.filter(slug="sp").first() or do_provision_procon(
        kind="state", name="Procon-SP", slug="sp",
        municipality=Municipality.objects.get(ibge_code=3550308),
    )  # fmt: skip
    supervisor = do_create_user(
        email=f"supervisor.{os.getpid()}@bench.test", full_name="Supervisora", password="x" * 20,
        email_verified=True,
    )  # fmt: skip
    do_grant_staff_role(supervisor, procon=state, role="supervisor")
    taken = set(Procon.objects.values_list("municipality_id", flat=True))
    taken |= set(ProconApplication.objects.values_list("municipality_id", flat=True))
    cities = list(Municipality.objects.filter(uf_id=35).exclude(pk__in=taken)[:samples])

    workdir = Path(tempfile.mkdtemp(prefix="bench_live_"))
    port = processes.free_port()
    worker = processes.start_celery_worker(workdir / "worker.log", mail_dir=workdir / "mail")
    web = processes.start_web_server(port, workdir / "web.log")
    durations, provisioning = [], []
    try:
        processes.wait_until(
            lambda: " ready." in (workdir / "worker.log").read_text(), timeout=90, what="worker"
        )
        processes.wait_until(lambda: processes.port_open(port), timeout=60, what="gunicorn")
        requests.get(f"http://127.0.0.1:{port}/healthz", timeout=60)
        for i, city in enumerate(cities):
            slug = f"live-{os.getpid()}-{i}"
            application = do_submit_procon_application(
                municipality=city, procon_name=f"Procon {city.name}", slug=slug,
                responsible_name="Maria", responsible_email=f"{slug}@bench.test",
                responsible_phone="(11) 3333-0000", responsible_role="Coordenadora",
            )  # fmt: skip
            token = tokens.verify_token(application.pk, application.responsible_email)
            application = do_verify_procon_application(token=token)
            if spares:
                from shared.procons.provisioning import make_spare_schemas

                make_spare_schemas(1)
            host = {"Host": f"{slug}.localhost:{port}"}
            t0 = time.perf_counter()
            do_approve_procon_application(application, actor=supervisor)
            while True:
                answer = requests.get(f"http://127.0.0.1:{port}/", headers=host, timeout=30)
                if answer.status_code == 200:
                    break
                assert time.perf_counter() - t0 < 120, f"{slug} never answered"
                time.sleep(0.05)
            durations.append(time.perf_counter() - t0)
            connection.set_schema_to_public()
            done = ProconApplication.objects.get(pk=application.pk)
            provisioning.append((done.provisioned_at - done.decided_at).total_seconds())
            print(f"  {slug}: live {durations[-1]:.2f} s after the approval "
                  f"(approval committed to provisioned: {provisioning[-1]:.2f} s, "
                  f"method {done.provisioning_method})", flush=True)  # fmt: skip
    finally:
        processes.stop(web)
        processes.stop(worker)
    print(
        f"  approval to live, {len(durations)} adhesions: p50 {statistics.median(durations):.2f} s,"
        f" max {max(durations):.2f} s (provisioning p50 {statistics.median(provisioning):.2f} s)"
    )
    return durations


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tenants", type=int, default=10)
    parser.add_argument("--sizes", default="", help="e.g. 650,5570: Procon schemas to grow to")
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--legacy", type=int, default=0)
    parser.add_argument("--live", type=int, default=0)
    parser.add_argument("--spares", action="store_true", help="--live with a spare schema each")
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    reused = harness.open_database(BENCH_DB, reuse=args.reuse, quiet=True)
    from django.core.management import call_command
    from django.db import connection
    from django_tenants.migration_executors import get_executor

    from shared.procons import provisioning

    t0 = time.perf_counter()
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    print(f"public schema migrated in {time.perf_counter() - t0:.1f} s"
          f"{' (reused database)' if reused else ''}")  # fmt: skip
    t0 = time.perf_counter()
    provisioning.prepare_tenant_template()
    prepare = time.perf_counter() - t0
    print(f"template prepared (migrations + clone function) in {prepare:.1f} s")
    migrations = len(provisioning.expected_migrations())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = %s",
            [provisioning.TEMPLATE_SCHEMA],
        )
        tables = cursor.fetchone()[0]
    print(f"a tenant schema: {tables} tables, {migrations} migration records")
    print(f"machine: {harness.machine()}")

    for size in [int(size) for size in args.sizes.split(",") if size]:
        grow_catalogue(size)
        print(f"{procon_schemas()} Procon schemas:")
        clone_figures(size, args.samples)
        if args.legacy:
            legacy_figures(size, args.legacy)
    if args.live:
        approval_to_live(args.live, spares=args.spares)
    if not args.tenants:
        return

    clones = [f"procon_bench_clone_{i}_{os.getpid()}" for i in range(args.tenants)]
    migrated = [f"procon_bench_migrate_{i}_{os.getpid()}" for i in range(args.tenants)]

    def clone(schema: str) -> None:
        report = provisioning.ensure_tenant_schema(schema, method="clone")
        assert report.method == "clone", report

    clone_times = timed("clone", clone, clones)
    migrate_times = timed(
        "migrate", lambda s: provisioning.ensure_tenant_schema(s, method="migrate"), migrated
    )

    schemas = clones + migrated
    from django_tenants.management.commands.migrate_schemas import Command as MigrateSchemas

    options = vars(MigrateSchemas().create_parser("manage.py", "migrate_schemas").parse_args([]))
    options.update(verbosity=0, interactive=False, skip_checks=True)
    executor = get_executor("standard")((), options)
    t0 = time.perf_counter()
    executor.run_migrations(tenants=schemas)
    noop = time.perf_counter() - t0
    connection.set_schema_to_public()
    per_noop = noop / len(schemas)

    clone_mean, migrate_mean = statistics.mean(clone_times), statistics.mean(migrate_times)
    print()
    print(f"per tenant:  clone {clone_mean:.2f} s   migrate {migrate_mean:.2f} s   "
          f"(clone is {migrate_mean / clone_mean:.1f}x faster)")  # fmt: skip
    print(f"650 tenants: clone {clone_mean * TARGET / 60:.1f} min   "
          f"migrate {migrate_mean * TARGET / 60:.1f} min (sequential, projected)")  # fmt: skip
    print(f"migrate_schemas with nothing to apply over {len(schemas)} schemas: {noop:.1f} s "
          f"({per_noop:.2f} s per schema; projected for 650: {per_noop * TARGET:.0f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
