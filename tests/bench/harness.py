"""What the benchmarks here share: a database of their own on DATABASE_URL's server (never the
development or test database), Django set up on it, timing in milliseconds, percentiles and a
line about the machine. The bench_*.py scripts import it after putting tests/bench on sys.path."""

import argparse
import os
import platform as host_platform
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
SERVER_URL = os.environ.get("DATABASE_URL", "postgres://procon@127.0.0.1:54329/procon")


def database_url(database: str) -> str:
    """DATABASE_URL's server with `database` as the database."""
    return urlunsplit(urlsplit(SERVER_URL)._replace(path=f"/{database}"))


def database_exists(database: str) -> bool:
    import psycopg2

    admin = psycopg2.connect(database_url("postgres"))
    try:
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
            return cursor.fetchone() is not None
    finally:
        admin.close()


def create_database(database: str, *, reuse: bool = False) -> bool:
    """A fresh, empty `database`; with `reuse`, one that exists is kept (True then)."""
    import psycopg2

    if reuse and database_exists(database):
        return True
    admin = psycopg2.connect(database_url("postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{database}"')
    admin.close()
    return False


def setup_django(database: str, *, quiet: bool = False) -> None:
    """Django on `database` with the test settings (unless DJANGO_SETTINGS_MODULE says otherwise);
    `quiet` silences log records below ERROR."""
    os.environ["DATABASE_URL"] = database_url(database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    if quiet:
        import logging

        logging.disable(logging.WARNING)


def open_database(database: str, *, reuse: bool = False, quiet: bool = False) -> bool:
    """`create_database`, then `setup_django` on it; True when an existing database was kept."""
    reused = create_database(database, reuse=reuse)
    setup_django(database, quiet=quiet)
    return reused


def arguments(doc: str, *, reps: int, rows: int | None = None) -> argparse.ArgumentParser:
    """The command line of a benchmark described by the first paragraph of `doc`: --reps (default
    `reps`), --reuse and, when `rows` is given, --rows (default `rows`)."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    if rows is not None:
        parser.add_argument("--rows", type=int, default=rows)
    parser.add_argument("--reps", type=int, default=reps)
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded database")
    return parser


def milliseconds(run: Callable[[], object], reps: int) -> list[float]:
    """The wall-clock time of `reps` calls of `run`, in milliseconds."""
    samples = []
    for _ in range(reps):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def percentile(samples: list[float], q: int) -> float:
    """The q-th percentile (1-99), interpolated between the samples."""
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


def p50_p95(samples: list[float]) -> tuple[float, float]:
    return percentile(samples, 50), percentile(samples, 95)


def print_table(
    label: tuple[str, int], figures: list[tuple[str, int, int]], rows: list[tuple]
) -> None:
    """A table of results: the label column (heading, width) left-aligned, then each figure
    (heading, width, decimals) right-aligned; a row is a label followed by its figures."""
    print(f"{label[0]:<{label[1]}} " + " ".join(f"{name:>{width}}" for name, width, _ in figures))
    for name, *values in rows:
        cells = (
            f"{value:>{width}.{decimals}f}"
            for value, (_, width, decimals) in zip(values, figures, strict=True)
        )
        print(f"{name:<{label[1]}} " + " ".join(cells))


def machine() -> str:
    """CPU, cores, memory, Python, PostgreSQL (of the database Django uses) and the git commit."""
    from django.db import connection

    cpuinfo = Path("/proc/cpuinfo")
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in (cpuinfo.read_text().splitlines() if cpuinfo.exists() else [])
            if line.startswith("model name")
        ),
        host_platform.processor() or host_platform.machine(),
    )
    meminfo = Path("/proc/meminfo")
    memory = (
        f"{int(meminfo.read_text().split()[1]) / 1024 / 1024:.1f} GiB RAM"
        if meminfo.exists()
        else "RAM ?"
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgresql = cursor.fetchone()[0]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory}, Python {host_platform.python_version()}, "
        f"PostgreSQL {postgresql}, git {commit or '?'}"
    )


def filing_body(procon, company, **fields: object) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The JSON body of a complaint filed through the API at `procon` against `company`: the
    first active subject and a problem of it and the first purchase channel of its catalogue, consent
    given; `fields` add to it or replace."""
    from django_tenants.utils import tenant_context

    from tenants.catalogue.hierarchy import problems_for
    from tenants.catalogue.models import PurchaseChannel, Subject

    with tenant_context(procon):
        subject = Subject.objects.filter(active=True).first()
        return {
            "company_id": company.pk,
            "subject_id": subject.pk,
            "problem_id": problems_for(subject).first().pk,
            "purchase_channel_id": PurchaseChannel.objects.first().pk,
            "contacted_company_first": True,
            "lgpd_consent": True,
            **fields,
        }
