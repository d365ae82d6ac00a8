"""Creating tenant schemas: the clone of the template, its drift check and the migrate fallback."""

import pytest
from django.db import connection

from shared.procons import provisioning
from shared.procons.provisioning import TEMPLATE_SCHEMA, ensure_tenant_schema

pytestmark = pytest.mark.django_db


def test_a_clone_has_the_templates_tables_and_migration_records() -> None:
    # when
    report = ensure_tenant_schema("procon_clone_check", method="clone")

    # then
    assert report.method == "clone" and not report.fell_back
    assert provisioning.drift("procon_clone_check") == []
    assert provisioning.applied_migrations("procon_clone_check") == (
        provisioning.expected_migrations()
    )


def test_a_template_behind_the_code_is_caught_and_the_schema_is_migrated() -> None:
    # given a template missing one migration record (as if a deploy forgot to prepare it)
    with connection.cursor() as cursor:
        table = f'"{TEMPLATE_SCHEMA}".django_migrations'
        cursor.execute(f"DELETE FROM {table} WHERE id = (SELECT max(id) FROM {table})")  # noqa: S608

    # when a schema is made by cloning
    report = ensure_tenant_schema("procon_behind_check", method="clone")

    # then the drift is caught, the clone rolled back, and the schema migrated instead
    assert report.method == "migrate"
    assert "template lacks 1 migration" in report.fell_back
    assert provisioning.schema_is_complete("procon_behind_check")


def test_a_clone_that_differs_from_its_template_is_rolled_back(monkeypatch) -> None:
    real = provisioning.table_shape
    monkeypatch.setattr(
        provisioning,
        "table_shape",
        lambda schema: real(schema) | ({("extra",)} if schema == "procon_odd_clone" else set()),
    )
    report = ensure_tenant_schema("procon_odd_clone", method="clone")
    assert report.method == "migrate"
    assert "tables differ" in report.fell_back


def test_the_migrate_path_and_a_half_made_schema_are_finished_by_migrating() -> None:
    report = ensure_tenant_schema("procon_migrated_check", method="migrate")
    assert report.method == "migrate"
    assert provisioning.drift("procon_migrated_check") == []
    # given a schema that exists but is empty (a migration run killed at its start)
    with connection.cursor() as cursor:
        cursor.execute('CREATE SCHEMA "procon_half_check"')
    assert not provisioning.schema_is_complete("procon_half_check")
    ensure_tenant_schema("procon_half_check", method="clone")
    assert provisioning.schema_is_complete("procon_half_check")


def test_preparing_the_template_twice_changes_nothing() -> None:
    before = provisioning.applied_migrations(TEMPLATE_SCHEMA)
    provisioning.prepare_tenant_template()
    assert provisioning.applied_migrations(TEMPLATE_SCHEMA) == before
    assert provisioning.clone_function_installed()
