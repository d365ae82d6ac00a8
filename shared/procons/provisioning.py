"""Creating a Procon's schema: by replaying the template's DDL (fast) or by running every tenant
migration (the fallback, and the reference the copy is checked against).

The template `procon__template` cannot be any Procon's schema (a slug never starts with a hyphen,
so `procon_<slug>` never holds a double underscore). `prepare_tenant_template` migrates it, reads
its definition once from pg_catalog (scoped to its namespace) and installs it as the PL/pgSQL
function `public.procon_clone_template(target)`: one `EXECUTE` of the template's DDL with the new
schema's name, then a copy of its rows and sequence positions. Each clone then costs one function
call, under an advisory lock, followed by a drift check scoped to the two schemas. A copy that
differs from the template (an object the DDL does not rebuild, a template changed since the
function was installed), or a template behind the code's migrations, is rolled back and the
schema is created by migrating instead.

With PROCON_SPARE_SCHEMAS > 0, that many spare schemas (`procon__spare_<hex>`, complete and
checked clones) are made ahead of time by a task; provisioning renames one that still matches the
template to the new Procon's schema (one catalogue update) and the task makes another.

django-tenants' `clone_schema` function rebuilt the DDL on every clone with queries over the
whole catalogue, and its drift check read `information_schema`: both slowed down as Procons
accumulated (docs/benchmarks.md).
"""

import functools
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django_tenants.postgresql_backend.base import _check_schema_name
from django_tenants.utils import schema_exists

from kernel.hooks import hook
from shared.procons.template_ddl import (
    PLACEHOLDER,
    TEMPLATE_SCHEMA,
    TemplateDrift,
    template_ddl,
)

logger = logging.getLogger(__name__)

# Spare schemas: complete copies of the template made ahead of time (PROCON_SPARE_SCHEMAS of
# them), renamed to a new Procon's schema when it is provisioned. Never a Procon's name either.
SPARE_PREFIX = "procon__spare_"
CLONE = "clone"
MIGRATE = "migrate"
SPARE = "spare"
# Serialises clones (and template preparation): two concurrent copies of one template would both
# take locks on the shared tables the Procons' foreign keys reference, in any order.
ADVISORY_LOCK_KEY = 0x50524F434F4E  # "PROCON"
CLONE_FUNCTION = "procon_clone_template"
# Quotes the DDL inside the clone function's body; never in the DDL itself.
_DDL_QUOTE = "$procon_ddl$"


@dataclass(frozen=True)
class SchemaReport:
    schema: str
    method: str  # "spare", "clone" or "migrate": how the schema was made
    fell_back: str = ""  # why a clone was abandoned for migrate, when it was


def provisioning_method() -> str:
    method = getattr(settings, "PROCON_PROVISIONING", CLONE)
    return method if method in (CLONE, MIGRATE) else CLONE


def spare_target() -> int:
    return max(0, int(getattr(settings, "PROCON_SPARE_SCHEMAS", 0)))


def clone_function_installed() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regprocedure(%s)", [f"public.{CLONE_FUNCTION}(text)"])
        return cursor.fetchone()[0] is not None


def install_clone_function(template: str = TEMPLATE_SCHEMA) -> None:
    """Installs (or replaces) `public.procon_clone_template(target)` with the template's current
    DDL: once per deploy (and whenever the template changes), never per clone."""
    ddl = template_ddl(template)
    if _DDL_QUOTE in ddl or "$procon_fn$" in ddl:
        raise TemplateDrift(f"the template's DDL holds {_DDL_QUOTE} or $procon_fn$")
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION public.{CLONE_FUNCTION}(target text) RETURNS void"
            " LANGUAGE plpgsql SET search_path = '' SET check_function_bodies = off AS"
            " $procon_fn$ BEGIN"
            f" EXECUTE pg_catalog.replace({_DDL_QUOTE}{ddl}{_DDL_QUOTE},"
            f" '{PLACEHOLDER}', pg_catalog.quote_ident(target));"
            " END $procon_fn$"
        )


def migrate_schema(schema: str) -> None:
    """Creates `schema` if absent and applies every tenant migration missing in it."""
    _check_schema_name(schema)
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    call_command("migrate_schemas", tenant=True, schema_name=schema, interactive=False, verbosity=0)
    connection.set_schema_to_public()


def prepare_tenant_template() -> None:
    """Brings the template up to the code's migrations, gives it a new Procon's defaults (its
    settings row and subject catalogue, which every clone then copies instead of seeding them
    one by one) and installs the clone function with its DDL. Run after every `migrate_schemas`
    (deploy, `make run`, the test session)."""
    from django_tenants.utils import schema_context

    with transaction.atomic():
        _lock()
        migrate_schema(TEMPLATE_SCHEMA)
        with schema_context(TEMPLATE_SCHEMA):
            hook("PROCON_SCHEMA_DEFAULTS")()
        connection.set_schema_to_public()
        install_clone_function()
        for spare in spare_schemas():
            if drift(spare):  # made before this deploy's migrations: made again later
                _drop(spare)


@functools.cache
def _code_migrations() -> frozenset[tuple[str, str]]:
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


def expected_migrations() -> set[tuple[str, str]]:
    """Every migration of the code: a tenant schema records them all (the router skips the shared
    apps' operations, not their rows). Read from disk once per process: the code does not change
    under a running process."""
    return set(_code_migrations())


def applied_migrations(schema: str) -> set[tuple[str, str]]:
    _check_schema_name(schema)
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT app, name FROM "{schema}".django_migrations')  # noqa: S608 (checked name)
        return {(app, name) for app, name in cursor.fetchall()}


# A schema's objects, from pg_catalog, found through the namespace's own dependency entries and
# the catalogue's per-table indexes (pg_class has no index on the namespace alone: filtering it
# by relnamespace reads every Procon's relations). Names of the schema itself are replaced by
# `@.`, so two schemas compare equal when one copies the other. A CHECK constraint rebuilt from
# its printed definition prints its casts differently (`ARRAY['a'::varchar]::text[]` becomes
# `ARRAY['a'::varchar::text]`): CHECKs compare without casts and parentheses.
_SHAPE = r"""
WITH ns AS (SELECT oid, quote_ident(nspname) || '.' AS qualified
            FROM pg_namespace WHERE nspname = %s),
owned AS (SELECT d.classid, d.objid FROM pg_depend d, ns
          WHERE d.refclassid = 'pg_namespace'::regclass AND d.refobjid = ns.oid),
rel AS (SELECT c.oid, c.relname, c.relkind FROM owned o JOIN pg_class c ON c.oid = o.objid
        WHERE o.classid = 'pg_class'::regclass)
SELECT 'relation', relname, relkind::text, '' FROM rel
UNION ALL
SELECT 'column', r.relname, a.attname, concat_ws(' ', format_type(a.atttypid, a.atttypmod),
       a.attnotnull, a.attidentity, a.attgenerated, a.attcollation,
       replace(pg_get_expr(ad.adbin, ad.adrelid), ns.qualified, '@.'))
FROM ns, rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
UNION ALL
SELECT 'constraint', r.relname, k.conname, CASE k.contype
       WHEN 'c' THEN regexp_replace(pg_get_constraintdef(k.oid), '::[a-z ]+(\[\])?|[()]', '', 'g')
       ELSE replace(pg_get_constraintdef(k.oid), ns.qualified, '@.') END
FROM ns, rel r JOIN pg_constraint k ON k.conrelid = r.oid
UNION ALL
SELECT 'index', r.relname, i.relname, replace(pg_get_indexdef(i.oid), ns.qualified, '@.')
FROM ns, rel r JOIN pg_index x ON x.indrelid = r.oid JOIN pg_class i ON i.oid = x.indexrelid
UNION ALL
SELECT 'trigger', r.relname, t.tgname, replace(pg_get_triggerdef(t.oid), ns.qualified, '@.')
FROM ns, rel r JOIN pg_trigger t ON t.tgrelid = r.oid WHERE NOT t.tgisinternal
UNION ALL
SELECT 'function', p.proname, pg_get_function_identity_arguments(p.oid),
       md5(replace(pg_get_functiondef(p.oid), ns.qualified, '@.'))
FROM ns, owned o JOIN pg_proc p ON p.oid = o.objid
WHERE o.classid = 'pg_proc'::regclass AND p.prokind IN ('f', 'p')
UNION ALL
SELECT 'objects', o.classid::regclass::text, count(*)::text, '' FROM owned o GROUP BY o.classid
"""
_ROWS = """
SELECT c.relname, (xpath('/row/n/text()', query_to_xml(
       format('SELECT count(*) AS n FROM %%I.%%I', n.nspname, c.relname), false, true, '')))[1]::text
FROM pg_namespace n
JOIN pg_depend d ON d.refclassid = 'pg_namespace'::regclass AND d.refobjid = n.oid
     AND d.classid = 'pg_class'::regclass
JOIN pg_class c ON c.oid = d.objid AND c.relkind = 'r'
WHERE n.nspname = %s
"""


def table_shape(schema: str) -> set[tuple[str, str, str, str]]:
    """Relations, columns (types, defaults, identity), constraints, indexes and triggers of a
    schema by name and definition, its functions, and how many objects of each kind it owns."""
    _check_schema_name(schema)
    with connection.cursor() as cursor:
        cursor.execute(_SHAPE, [schema])
        return {tuple(row) for row in cursor.fetchall()}


def row_counts(schema: str) -> dict[str, int]:
    """How many rows each table of a schema holds (a clone's must be its template's)."""
    _check_schema_name(schema)
    with connection.cursor() as cursor:
        cursor.execute(_ROWS, [schema])
        return {table: int(count) for table, count in cursor.fetchall()}


def drift(schema: str, *, template: str = TEMPLATE_SCHEMA) -> list[str]:
    """What differs between a clone and its template, and between the template and the code."""
    problems = []
    missing = expected_migrations() - applied_migrations(template)
    if missing:
        problems.append(f"template lacks {len(missing)} migration(s), e.g. {sorted(missing)[0]}")
    if applied_migrations(schema) != applied_migrations(template):
        problems.append("migration records differ from the template's")
    mine, theirs = table_shape(schema), table_shape(template)
    if mine != theirs:
        example = sorted(mine ^ theirs)[0]
        problems.append(f"tables differ from the template's, e.g. {example}")
    rows, template_rows = row_counts(schema), row_counts(template)
    if rows != template_rows:
        table = sorted(set(rows.items()) ^ set(template_rows.items()))[0][0]
        problems.append(f"rows differ from the template's, e.g. in {table}")
    return problems


def _lock() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


def clone_schema(schema: str, *, template: str = TEMPLATE_SCHEMA) -> None:
    """Copies `template` into `schema` (structure, data, migration records) and checks the result;
    on drift everything is rolled back and TemplateDrift is raised."""
    _check_schema_name(schema)
    if template != TEMPLATE_SCHEMA:
        raise ValueError(f"the clone function copies {TEMPLATE_SCHEMA} only")
    connection.set_schema_to_public()
    with transaction.atomic():
        _lock()
        if not clone_function_installed():
            install_clone_function(template)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT public.{CLONE_FUNCTION}(%s)", [schema])
        problems = drift(schema, template=template)
        if problems:
            raise TemplateDrift("; ".join(problems))


def spare_schemas() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, %s) ORDER BY nspname",
            [SPARE_PREFIX],
        )
        return [row[0] for row in cursor.fetchall()]


def _drop(schema: str) -> None:
    _check_schema_name(schema)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')


def make_spare_schemas(target: int | None = None) -> int:
    """Clones the template into spare schemas until there are `target` of them (the setting
    PROCON_SPARE_SCHEMAS by default); each is checked like a Procon's clone and committed on its
    own. Returns how many were made."""
    target = spare_target() if target is None else target
    made = 0
    while len(spare_schemas()) < target:
        clone_schema(SPARE_PREFIX + secrets.token_hex(6))
        made += 1
    return made


def _take_spare(schema: str) -> bool:
    """Under the advisory lock: renames a spare that still matches the template to `schema`
    (checked again under its new name: nothing in it may depend on the old one); spares that do
    not match (made before the template changed) are dropped on the way."""
    for spare in spare_schemas():
        if not drift(spare):
            try:
                with transaction.atomic():
                    with connection.cursor() as cursor:
                        cursor.execute(f'ALTER SCHEMA "{spare}" RENAME TO "{schema}"')
                    if problems := drift(schema):
                        raise TemplateDrift("; ".join(problems))
            except TemplateDrift as exc:
                logger.warning("spare schema %s refused under its new name: %s", spare, exc)
            else:
                return True
        _drop(spare)
    return False


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
    an absent one is a spare renamed (when one matches the template), else cloned (or migrated,
    by setting or when the clone is refused)."""
    method = method or provisioning_method()
    if schema_exists(schema):
        if not schema_is_complete(schema):
            migrate_schema(schema)
        return SchemaReport(schema=schema, method=MIGRATE)
    if method == CLONE:
        if not schema_exists(TEMPLATE_SCHEMA):
            reason = "no template schema (run manage.py prepare_tenant_template)"
        else:
            _check_schema_name(schema)
            connection.set_schema_to_public()
            with transaction.atomic():
                _lock()  # held until commit: a redelivered copy of the task waits, then finds it
                if schema_exists(schema):
                    return ensure_tenant_schema(schema, method=method)
                if _take_spare(schema):
                    return SchemaReport(schema=schema, method=SPARE)
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
