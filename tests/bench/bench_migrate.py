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

    .venv/bin/python tests/bench/bench_migrate.py --new-migration [--tenants 650]

With `--new-migration`, the same schemas, then a new tenant migration that touches every schema,
without a migration file in the project: a throwaway tenant app `bench_newmig` (an empty
`migrations` package and a settings module adding it to INSTALLED_APPS and TENANT_APPS), written
at run time in a temporary directory put on sys.path, is installed before Django starts; once the
schemas exist, its `0001_initial` (one CreateModel: a table, its sequence and an index in each
schema) is written there. Times `migrate_tenants` (which must select every schema), then, after
undoing the migration in every schema (table dropped, its django_migrations row deleted: the
state the clones had) before each of the next runs, `migrate_schemas --tenant
--executor=multiprocessing`, `migrate_schemas --tenant` (standard executor) and `migrate_tenants
--executor=multiprocessing`. The temporary directory is removed at exit.
"""

import argparse
import atexit
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "tests" / "bench")]
os.environ.setdefault("BENCH_DATABASE_NAME", "procon_bench_migrate")

import harness  # noqa: E402 (after the path)

BENCH_DB = os.environ["BENCH_DATABASE_NAME"]

TARGET = 650
NEW_APP = "bench_newmig"
NEW_MIGRATION = """from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Note",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("text", models.CharField(max_length=200, db_index=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
        ),
    ]
"""


def install_throwaway_app() -> Path:
    """A tenant app with no migration yet, on sys.path, in the settings this process uses."""
    root = Path(tempfile.mkdtemp(prefix="bench_newmig_"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    app = root / NEW_APP
    (app / "migrations").mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "migrations" / "__init__.py").write_text("")
    (root / "bench_newmig_settings.py").write_text(
        "from config.settings.test import *  # noqa: F403\n"
        f"INSTALLED_APPS = [*INSTALLED_APPS, {NEW_APP!r}]  # noqa: F405\n"
        f"TENANT_APPS = [*TENANT_APPS, {NEW_APP!r}]  # noqa: F405\n"
    )
    sys.path.insert(0, str(root))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_newmig_settings"
    return root


def add_new_migration(root: Path) -> None:
    (root / NEW_APP / "migrations" / "0001_initial.py").write_text(NEW_MIGRATION)
    importlib.invalidate_caches()


def undo_new_migration(schemas: list[str]) -> None:
    """Every schema back to the clones' state: the app's table dropped, its migration row gone."""
    from django.db import connection

    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(f'DROP TABLE IF EXISTS "{schema}"."{NEW_APP}_note"')
            sql = f'DELETE FROM "{schema}".django_migrations WHERE app = %s'  # noqa: S608 (bench's own names)
            cursor.execute(sql, [NEW_APP])


def count_new_tables(schemas: list[str]) -> int:
    from django.db import connection

    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_tables WHERE tablename = %s AND schemaname = ANY(%s)",
            [f"{NEW_APP}_note", schemas],
        )
        return cursor.fetchone()[0]


def make_tenants(count: int) -> list[str]:
    from django.db import connection, transaction

    from shared.geo.models import Municipality
    from shared.procons.lifecycle import ProconKind
    from shared.procons.models import Procon
    from shared.procons.provisioning import CLONE_FUNCTION

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
            cursor.execute(f"SELECT public.{CLONE_FUNCTION}(%s)", [schema])
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
    parser.add_argument("--new-migration", action="store_true",
                        help="time a new tenant migration touching every schema")  # fmt: skip
    args = parser.parse_args()
    root = install_throwaway_app() if args.new_migration else None
    harness.open_database(BENCH_DB, quiet=True)
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
    if root is not None:
        new_migration(root, schemas)
        return

    out = StringIO()
    fast = timed(
        "migrate_tenants (in-process)",
        lambda: call_command("migrate_tenants", interactive=False, stdout=out),
    )
    print("  " + out.getvalue().strip())
    assert ", 0 migrated" in out.getvalue(), out.getvalue()
    select = timed("  of which the selection (3 queries, 1 over every schema)",
                   migrate_tenants.schemas_to_migrate)  # fmt: skip
    env = {**os.environ, "DATABASE_URL": harness.database_url(BENCH_DB)}
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
    print(f"machine: {harness.machine()}")
    label = "measured" if len(schemas) >= TARGET else f"projected (linear) from {len(schemas)}"
    scale = TARGET / len(schemas)
    print(f"{len(schemas)} schemas, nothing to apply: migrate_tenants {fast:.2f} s "
          f"(selection {select:.2f} s, fresh process {fresh:.2f} s), "
          f"migrate_schemas --tenant {plain:.1f} s ({plain / len(schemas):.3f} s per schema)")  # fmt: skip
    if len(schemas) != TARGET:
        print(f"650 schemas, {label}: migrate_tenants {fast * scale:.1f} s, "
              f"migrate_schemas --tenant {plain * scale:.0f} s")  # fmt: skip


def new_migration(root: Path, schemas: list[str]) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    from shared.procons.management.commands import migrate_tenants
    from shared.procons.provisioning import TEMPLATE_SCHEMA

    add_new_migration(root)
    every = [*schemas, TEMPLATE_SCHEMA]
    leaves = migrate_tenants.tenant_leaf_migrations()
    assert (NEW_APP, "0001_initial") in leaves, leaves
    behind, current, absent = migrate_tenants.schemas_to_migrate()
    assert len(behind) == len(every) and not current and not absent, (behind, current, absent)
    print(f"new migration {NEW_APP}.0001_initial (CreateModel); {len(leaves)} tenant leaf "
          f"migrations; migrate_tenants selects {len(behind)} schemas")  # fmt: skip
    results = {}
    out = StringIO()
    results["migrate_tenants (standard executor)"] = timed(
        "migrate_tenants (in-process, standard executor)",
        lambda: call_command("migrate_tenants", interactive=False, verbosity=1, stdout=out),
    )
    print("  " + out.getvalue().strip().splitlines()[-1][:120])
    assert count_new_tables(every) == len(every)
    runs = [  # (label, command, executor, schemas it must migrate)
        ("migrate_schemas --tenant --executor=multiprocessing", "migrate_schemas",
         "multiprocessing", schemas),  # the Procons' schemas only, not the template
        ("migrate_schemas --tenant (standard executor)", "migrate_schemas", "standard", schemas),
        ("migrate_tenants --executor=multiprocessing", "migrate_tenants", "multiprocessing", every),
    ]  # fmt: skip
    for label, command, executor, expected in runs:
        t0 = time.perf_counter()
        undo_new_migration(every)
        print(f"  undone in every schema in {time.perf_counter() - t0:.1f} s")
        assert count_new_tables(every) == 0
        options = {"tenant": True} if command == "migrate_schemas" else {}
        results[label] = timed(
            label + " (in-process)",
            lambda command=command, executor=executor, options=options: call_command(
                command, executor=executor, interactive=False, verbosity=0, **options
            ),
        )
        connection.set_schema_to_public()
        assert count_new_tables(expected) == len(expected)
    from django.conf import settings

    print()
    print(f"machine: {harness.machine()}; "
          f"multiprocessing: {getattr(settings, 'TENANT_MULTIPROCESSING_MAX_PROCESSES', 2)} "
          "processes")  # fmt: skip
    scale = TARGET / len(schemas)
    for label, seconds in results.items():
        line = f"{len(schemas)} schemas, one new migration: {label} {seconds:.1f} s"
        if len(schemas) != TARGET:
            line += f" (650: {seconds * scale:.0f} s, projected linearly)"
        print(line)


if __name__ == "__main__":
    main()
