"""migrate_tenants: one query finds the tenant schemas behind the leaf migrations; only those are
migrated."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django_tenants.migration_executors.standard import StandardExecutor

from shared.procons.management.commands import migrate_tenants
from shared.procons.provisioning import TEMPLATE_SCHEMA

pytestmark = pytest.mark.django_db


@pytest.fixture
def migrated(monkeypatch) -> list[list[str]]:
    """The schema lists handed to django-tenants' executor (which is not run: a migration cannot
    run inside the test's transaction, and re-applying a leaf would fail on existing tables)."""
    calls: list[list[str]] = []
    monkeypatch.setattr(
        StandardExecutor, "run_migrations", lambda self, tenants=None: calls.append(list(tenants))
    )
    return calls


def complaints_leaf() -> str:
    leaves = [name for app, name in migrate_tenants.tenant_leaf_migrations() if app == "complaints"]
    assert len(leaves) == 1
    return leaves[0]


def test_the_leaves_are_those_of_the_tenant_apps_only() -> None:
    labels = {app for app, _ in migrate_tenants.tenant_leaf_migrations()}
    assert {"complaints", "hearings", "catalogue", "configuration", "contenttypes"} <= labels
    assert "accounts" not in labels and "procons" not in labels


def test_with_every_schema_up_to_date_nothing_is_migrated_and_it_says_so(migrated) -> None:
    schemas = migrate_tenants.tenant_schemas()
    assert {"procon_sp", "procon_santos", "procon_campinas", TEMPLATE_SCHEMA} <= set(schemas)

    out = StringIO()
    call_command("migrate_tenants", stdout=out)

    assert migrated == []
    assert f"tenant schemas: {len(schemas)} skipped" in out.getvalue()
    assert ", 0 migrated" in out.getvalue()


def test_a_schema_lacking_one_leaf_is_the_only_one_selected(migrated) -> None:
    # given Campinas without the record of the complaints app's last migration
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM procon_campinas.django_migrations WHERE app = 'complaints' AND name = %s",
            [complaints_leaf()],
        )

    behind, current, absent = migrate_tenants.schemas_to_migrate()

    assert behind == ["procon_campinas"]
    assert {"procon_sp", "procon_santos", TEMPLATE_SCHEMA} <= set(current)
    assert absent == []

    out = StringIO()
    call_command("migrate_tenants", stdout=out)
    assert migrated == [["procon_campinas"]]
    assert "1 migrated: procon_campinas" in out.getvalue()
    # the transaction of the test restores the deleted row


def test_the_template_behind_and_a_schema_without_its_migrations_table_are_selected() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f'DELETE FROM "{TEMPLATE_SCHEMA}".django_migrations'  # noqa: S608
            " WHERE app = 'complaints' AND name = %s",
            [complaints_leaf()],
        )
        cursor.execute('CREATE SCHEMA "procon_empty_check"')

    behind, _, absent = migrate_tenants.schemas_to_migrate(
        [*migrate_tenants.tenant_schemas(), "procon_empty_check", "procon_nowhere_check"]
    )

    assert behind == [TEMPLATE_SCHEMA, "procon_empty_check"]
    assert absent == ["procon_nowhere_check"]


def test_all_runs_every_schema(migrated) -> None:
    call_command("migrate_tenants", "--all", verbosity=0)
    assert len(migrated) == 1
    assert {"procon_sp", "procon_santos", "procon_campinas"} <= set(migrated[0])
