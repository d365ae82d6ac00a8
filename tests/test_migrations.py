"""The public schema and the three session Procons are migrated from scratch and complete."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from shared.procons.models import Procon

pytestmark = pytest.mark.django_db


def _tables_in(schema: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", [schema]
        )
        return {row[0] for row in cursor.fetchall()}


def _unapplied_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def test_public_and_three_tenant_schemas_have_every_migration_applied() -> None:
    # given the schemas the session created
    schemas = ["public", *Procon.objects.order_by("slug").values_list("schema_name", flat=True)]
    assert {"public", "procon_campinas", "procon_santos", "procon_sp"} <= set(schemas)

    for schema in schemas:
        # when we look at each one
        connection.set_schema(schema, include_public=False)
        # then nothing is left to apply
        assert _unapplied_migrations() == [], schema


def test_tenant_tables_live_only_in_tenant_schemas_and_shared_tables_only_in_public() -> None:
    public = _tables_in("public")
    santos = _tables_in("procon_santos")

    assert {"procons_procon", "accounts_user", "geo_municipality", "companies_company"} <= public
    assert "configuration_proconsettings" not in public
    assert "configuration_proconsettings" in santos
    assert not {"procons_procon", "accounts_user", "geo_municipality"} & santos


def test_the_ibge_municipalities_are_loaded_with_645_in_sao_paulo() -> None:
    from shared.geo.models import Municipality

    assert Municipality.objects.count() >= 5570
    assert Municipality.objects.filter(uf_id=35).count() == 645
    assert Municipality.objects.get(ibge_code=3548500).name == "Santos"
