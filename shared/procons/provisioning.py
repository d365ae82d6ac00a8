"""Creating a Procon's schema: by cloning a migrated template schema (fast) or by running every
tenant migration (the fallback, and the reference the clone is checked against).

The template `procon__template` cannot be any Procon's schema (a slug never starts with a hyphen,
so `procon_<slug>` never holds a double underscore). `prepare_tenant_template` migrates it and
installs django-tenants' `clone_schema` PL/pgSQL function once per deploy; each clone then costs
one function call, under an advisory lock, followed by a drift check. A clone that differs from
the template, or a template behind the code's migrations, is rolled back and the schema is
created by migrating instead.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django_tenants.clone import CLONE_SCHEMA_FUNCTION
from django_tenants.postgresql_backend.base import _check_schema_name
from django_tenants.utils import schema_exists

logger = logging.getLogger(__name__)

TEMPLATE_SCHEMA = "procon__template"
CLONE = "clone"
MIGRATE = "migrate"
# Serialises clones (and template preparation): clone_schema reads the catalogue heavily and two
# concurrent runs over one template deadlock or see each other's half-made objects.
ADVISORY_LOCK_KEY = 0x50524F434F4E  # "PROCON"


class TemplateDrift(Exception):
    """The clone is not what migrating would have produced; it is rolled back."""


@dataclass(frozen=True)
class SchemaReport:
    schema: str
    method: str  # "clone" or "migrate": how the schema was made
    fell_back: str = ""  # why a clone was abandoned for migrate, when it was


def provisioning_method() -> str:
    method = getattr(settings, "PROCON_PROVISIONING", CLONE)
    return method if method in (CLONE, MIGRATE) else CLONE


def clone_function_installed() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS(SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            " WHERE n.nspname = 'public' AND p.proname = 'clone_schema')"
        )
        return bool(cursor.fetchone()[0])


def install_clone_function() -> None:
    """Installs (or replaces) the 4,500-line PL/pgSQL function: once per deploy, never per clone."""
    connection.set_schema_to_public()
    db_user = settings.DATABASES["default"].get("USER") or "postgres"
    with connection.cursor() as cursor:
        cursor.execute(CLONE_SCHEMA_FUNCTION.format(db_user=db_user))


def migrate_schema(schema: str) -> None:
    """Creates `schema` if absent and applies every tenant migration missing in it."""
    _check_schema_name(schema)
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    call_command("migrate_schemas", tenant=True, schema_name=schema, interactive=False, verbosity=0)
    connection.set_schema_to_public()


def prepare_tenant_template() -> None:
    """Brings the template up to the code's migrations and installs the clone function. Run after
    every `migrate_schemas` (deploy, `make run`, the test session)."""
    with transaction.atomic():
        _lock()
        migrate_schema(TEMPLATE_SCHEMA)
        install_clone_function()


def expected_migrations() -> set[tuple[str, str]]:
    """Every migration of the code: a tenant schema records them all (the router skips the shared
    apps' operations, not their rows)."""
    return set(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


def applied_migrations(schema: str) -> set[tuple[str, str]]:
    _check_schema_name(schema)
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT app, name FROM "{schema}".django_migrations')  # noqa: S608 (checked name)
        return {(app, name) for app, name in cursor.fetchall()}


def table_shape(schema: str) -> set[tuple[str, str, str, str]]:
    """Tables, columns and column types of a schema, plus its constraints and indexes by name."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns"
            " WHERE table_schema = %s",
            [schema],
        )
        shape = {("column", t, c, d) for t, c, d in cursor.fetchall()}
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.contype FROM pg_constraint c"
            " JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = %s",
            [schema],
        )
        rows = cursor.fetchall()
    # Constraint names may differ (the clone renames some); their count per table and kind may not.
    counts: dict[tuple[str, str], int] = {}
    for relation, kind in rows:
        key = (relation.split(".")[-1].strip('"'), kind)
        counts[key] = counts.get(key, 0) + 1
    shape |= {("constraint", t, k, str(n)) for (t, k), n in counts.items()}
    return shape


def drift(schema: str, *, template: str = TEMPLATE_SCHEMA) -> list[str]:
    """What differs between a clone and its template, and between the template and the code."""
    problems = []
    missing = expected_migrations() - applied_migrations(template)
    if missing:
        problems.append(f"template lacks {len(missing)} migration(s), e.g. {sorted(missing)[0]}")
    if applied_migrations(schema) != applied_migrations(template):
        problems.append("migration records differ from the template's")
    if table_shape(schema) != table_shape(template):
        problems.append("tables differ from the template's")
    return problems


def _lock() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


def clone_schema(schema: str, *, template: str = TEMPLATE_SCHEMA) -> None:
    """Clones `template` into `schema` (structure, data, migration records) and checks the result;
    on drift everything is rolled back and TemplateDrift is raised."""
    _check_schema_name(schema)
    connection.set_schema_to_public()
    with transaction.atomic():
        _lock()
        if not clone_function_installed():
            install_clone_function()
        with connection.cursor() as cursor:
            cursor.execute("SELECT public.clone_schema(%s, %s, 'DATA')", [template, schema])
        problems = drift(schema, template=template)
        if problems:
            raise TemplateDrift("; ".join(problems))


def schema_is_complete(schema: str) -> bool:
    if not schema_exists(schema):
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [f'"{schema}".django_migrations'])
        if cursor.fetchone()[0] is None:
            return False
    return expected_migrations() <= applied_migrations(schema)


def ensure_tenant_schema(schema: str, *, method: str | None = None) -> SchemaReport:
    """Idempotent: a complete schema is left alone, a half-migrated one is finished by migrating,
    an absent one is cloned (or migrated, by setting or when the clone is refused)."""
    method = method or provisioning_method()
    if schema_exists(schema):
        if not schema_is_complete(schema):
            migrate_schema(schema)
        return SchemaReport(schema=schema, method=MIGRATE)
    if method == CLONE:
        if not schema_exists(TEMPLATE_SCHEMA):
            reason = "no template schema (run manage.py prepare_tenant_template)"
        else:
            try:
                with transaction.atomic():
                    clone_schema(schema)
            except TemplateDrift as exc:
                reason = str(exc)
            else:
                return SchemaReport(schema=schema, method=CLONE)
        logger.warning("cloning %s abandoned, migrating instead: %s", schema, reason)
        migrate_schema(schema)
        return SchemaReport(schema=schema, method=MIGRATE, fell_back=reason)
    migrate_schema(schema)
    return SchemaReport(schema=schema, method=MIGRATE)
