"""Benchmark of tenant provisioning: cloning the template schema vs running every migration.

    .venv/bin/python tests/bench/bench_provisioning.py [--tenants 10] [--noop-schemas 0]

Creates its own database (`procon_bench_provisioning` on DATABASE_URL's server; never the
development or test database), migrates the public schema, prepares the template (migrations +
the clone function, once), then makes `--tenants` schemas by clone (with the drift check) and as
many by migrate, and times a `migrate_schemas`-style run (django-tenants' standard executor) over
all of them when nothing is to apply. Prints seconds per tenant and the projection for 650
tenants. Not collected by pytest (bench_*.py).
"""

import argparse
import os
import platform as host_platform
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]

BENCH_DB = os.environ.get("BENCH_DATABASE_NAME", "procon_bench_provisioning")
SERVER_URL = os.environ.get("DATABASE_URL", "postgres://procon@127.0.0.1:54329/procon")
TARGET = 650


def _url_for(database: str) -> str:
    return urlunsplit(urlsplit(SERVER_URL)._replace(path=f"/{database}"))


def create_database() -> None:
    import psycopg2

    admin = psycopg2.connect(_url_for("postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{BENCH_DB}"')
    admin.close()


def setup_django() -> None:
    os.environ["DATABASE_URL"] = _url_for(BENCH_DB)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tenants", type=int, default=10)
    args = parser.parse_args()
    create_database()
    setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django_tenants.migration_executors import get_executor

    from shared.procons import provisioning

    t0 = time.perf_counter()
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    print(f"public schema migrated in {time.perf_counter() - t0:.1f} s")
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

    clones = [f"procon_bench_clone_{i}" for i in range(args.tenants)]
    migrated = [f"procon_bench_migrate_{i}" for i in range(args.tenants)]

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
    print(f"machine: {host_platform.processor() or host_platform.machine()}, "
          f"{os.cpu_count()} cores, Python {host_platform.python_version()}")  # fmt: skip
    print(f"per tenant:  clone {clone_mean:.2f} s   migrate {migrate_mean:.2f} s   "
          f"(clone is {migrate_mean / clone_mean:.1f}x faster)")  # fmt: skip
    print(f"650 tenants: clone {clone_mean * TARGET / 60:.1f} min   "
          f"migrate {migrate_mean * TARGET / 60:.1f} min (sequential, projected)")  # fmt: skip
    print(f"migrate_schemas with nothing to apply over {len(schemas)} schemas: {noop:.1f} s "
          f"({per_noop:.2f} s per schema; projected for 650: {per_noop * TARGET:.0f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
