"""Creating tenant schemas: the clone of the template, its drift check and the migrate fallback."""

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from shared.procons import provisioning
from shared.procons.provisioning import TEMPLATE_SCHEMA, ensure_tenant_schema
from tenants.catalogue.models import Subject, SubjectArea
from tenants.configuration.models import ProconSettings

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


def test_a_clone_carries_the_templates_defaults_and_continues_its_sequences() -> None:
    # when
    ensure_tenant_schema("procon_seq_check", method="clone")

    # then the clone holds the new Procon's defaults, copied from the template
    with schema_context("procon_seq_check"):
        assert ProconSettings.objects.exists()
        assert (
            Subject.objects.count()
            == provisioning.row_counts(TEMPLATE_SCHEMA)[Subject._meta.db_table]
        )
        # and a new row gets an id after the copied ones
        area = SubjectArea.objects.create(name="Nova área")
        assert area.pk > max(SubjectArea.objects.exclude(pk=area.pk).values_list("pk", flat=True))


@pytest.mark.parametrize(
    "change",
    [
        # an object the template's DDL does not rebuild
        f'CREATE VIEW "{TEMPLATE_SCHEMA}".odd_view AS SELECT 1 AS one',
        # a template changed after its DDL was installed
        f'ALTER TABLE "{TEMPLATE_SCHEMA}".configuration_holiday ADD COLUMN odd integer',
    ],
)
def test_a_template_the_clone_function_does_not_match_is_caught_and_migrated(change) -> None:
    # given the template changes behind the installed clone function
    assert provisioning.clone_function_installed()
    with connection.cursor() as cursor:
        cursor.execute(change)

    # when a schema is made by cloning
    report = ensure_tenant_schema("procon_unmatched_check", method="clone")

    # then the copy is rolled back and the schema migrated instead
    assert report.method == "migrate"
    assert "tables differ" in report.fell_back
    assert provisioning.schema_is_complete("procon_unmatched_check")


def test_the_migrate_path_and_a_half_made_schema_are_finished_by_migrating() -> None:
    report = ensure_tenant_schema("procon_migrated_check", method="migrate")
    assert report.method == "migrate"
    # the same tables as the template's (not its rows: the template is seeded with the defaults
    # that provisioning writes in a migrated schema afterwards)
    assert provisioning.table_shape("procon_migrated_check") == provisioning.table_shape(
        TEMPLATE_SCHEMA
    )
    assert provisioning.applied_migrations("procon_migrated_check") == (
        provisioning.applied_migrations(TEMPLATE_SCHEMA)
    )
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


def test_a_spare_schema_made_ahead_becomes_the_new_procons_schema() -> None:
    # given one spare schema made ahead of time
    assert provisioning.make_spare_schemas(1) == 1
    assert len(provisioning.spare_schemas()) == 1

    # when a Procon's schema is provisioned
    report = ensure_tenant_schema("procon_from_spare", method="clone")

    # then the spare was renamed to it: complete, like the template, and no spare is left
    assert report.method == "spare"
    assert provisioning.spare_schemas() == []
    assert provisioning.drift("procon_from_spare") == []
    with schema_context("procon_from_spare"):
        assert ProconSettings.objects.exists()


def test_a_spare_that_no_longer_matches_the_template_is_dropped_and_the_schema_cloned() -> None:
    # given a spare made before the template changed (it lacks a migration record)
    provisioning.make_spare_schemas(1)
    [spare] = provisioning.spare_schemas()
    with connection.cursor() as cursor:
        table = f'"{spare}".django_migrations'
        cursor.execute(f"DELETE FROM {table} WHERE id = (SELECT max(id) FROM {table})")  # noqa: S608

    # when a Procon's schema is provisioned
    report = ensure_tenant_schema("procon_not_from_spare", method="clone")

    # then the stale spare is gone and the schema was cloned
    assert report.method == "clone"
    assert provisioning.spare_schemas() == []
    assert provisioning.drift("procon_not_from_spare") == []
