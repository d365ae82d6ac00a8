"""Benchmark of a tenant migration run with nothing to apply: `migrate_tenants` (one query finds the
schemas behind the leaf migrations; none here) vs django-tenants' `migrate_schemas --tenant`.

    .venv/bin/python tests/bench/bench_migrate.py [--tenants 650]

Creates its own database (`procon_bench_migrate` on DATABASE_URL's server, `BENCH_DATABASE_NAME`
to change; never the development or test database), migrates the public schema, prepares the
template, adds `--tenants` Procon rows (bulk, one per municipality) and makes each one's schema by
cloning the template (the clone function only: the drift check is bench_provisioning's business),
then times both commands in-process and `manage.py migrate_tenants` as a fresh process. When fewer
than 650 schemas were made, the 650 figures are printed as projected (linear). Not collected by
pytest (bench_*.py).
"""

import argparse
import os
import platform as host_platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "tests" / "bench")]
os.environ.setdefault("BENCH_DATABASE_NAME", "procon_bench_migrate")

import bench_provisioning as common  # noqa: E402 (after the path and the database name)

TARGET = 650


def make_tenants(count: int) -> list[str]:
    from django.db import connection, transaction

    from shared.geo.models import Municipality
    from shared.procons.lifecycle import ProconKind
    from shared.procons.models import Procon
    from shared.procons.provisioning import TEMPLATE_SCHEMA

    municipalities = list(Municipality.objects.order_by("ibge_code")[:count])
    assert len(municipalities) == count, f"only {len(municipalities)} municipalities"
    procons = [
        Procon(
            kind=ProconKind.MUNICIPAL,
            name=f"Procon bench {i}",
            slug=f"bench{i}",
            schema_name=f"procon_bench{i}",
            municipality=municipality,
        )
        for i, municipality in enumerate(municipalities)
    ]
    Procon.objects.bulk_create(procons)  # no save(): no schema made per row
    schemas = [procon.schema_name for procon in procons]
    t0 = time.perf_counter()
    for i, schema in enumerate(schemas, 1):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT public.clone_schema(%s, %s, 'DATA')", [TEMPLATE_SCHEMA, schema])
        if i % 50 == 0 or i == len(schemas):
            elapsed = time.perf_counter() - t0
            print(f"  {i} schemas cloned in {elapsed:.0f} s ({elapsed / i:.2f} s each)", flush=True)
    return schemas


def timed(label: str, run) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    run()
    seconds = time.perf_counter() - t0
    print(f"{label}: {seconds:.2f} s", flush=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tenants", type=int, default=TARGET)
    args = parser.parse_args()
    common.create_database()
    common.setup_django()
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    from shared.procons import provisioning
    from shared.procons.management.commands import migrate_tenants

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    provisioning.prepare_tenant_template()
    schemas = make_tenants(args.tenants)
    leaves = migrate_tenants.tenant_leaf_migrations()
    print(f"{len(schemas)} Procon schemas + the template; {len(leaves)} tenant leaf migrations")

    out = StringIO()
    fast = timed(
        "migrate_tenants (in-process)",
        lambda: call_command("migrate_tenants", interactive=False, stdout=out),
    )
    print("  " + out.getvalue().strip())
    assert ", 0 migrated" in out.getvalue(), out.getvalue()
    select = timed("  of which the selection (3 queries, 1 over every schema)",
                   migrate_tenants.schemas_to_migrate)  # fmt: skip
    env = {**os.environ, "DATABASE_URL": common._url_for(common.BENCH_DB)}
    fresh = timed(
        "manage.py migrate_tenants -v 0 (fresh process, Django start-up included)",
        lambda: subprocess.run(
            [sys.executable, "manage.py", "migrate_tenants", "-v", "0"],
            cwd=ROOT, env=env, check=True,
        ),
    )  # fmt: skip
    connection.set_schema_to_public()
    plain = timed(
        "migrate_schemas --tenant (in-process, django-tenants' standard executor)",
        lambda: call_command("migrate_schemas", tenant=True, interactive=False, verbosity=0),
    )
    connection.set_schema_to_public()

    print()
    print(f"machine: {host_platform.processor() or host_platform.machine()}, "
          f"{os.cpu_count()} cores, Python {host_platform.python_version()}")  # fmt: skip
    label = "measured" if len(schemas) >= TARGET else f"projected (linear) from {len(schemas)}"
    scale = TARGET / len(schemas)
    print(f"{len(schemas)} schemas, nothing to apply: migrate_tenants {fast:.2f} s "
          f"(selection {select:.2f} s, fresh process {fresh:.2f} s), "
          f"migrate_schemas --tenant {plain:.1f} s ({plain / len(schemas):.3f} s per schema)")  # fmt: skip
    if len(schemas) != TARGET:
        print(f"650 schemas, {label}: migrate_tenants {fast * scale:.1f} s, "
              f"migrate_schemas --tenant {plain * scale:.0f} s")  # fmt: skip


if __name__ == "__main__":
    main()
