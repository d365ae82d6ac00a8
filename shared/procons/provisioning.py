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

logger = logging.getLogger(__name__)

TEMPLATE_SCHEMA = "procon__template"
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
# Stands for the new schema's quoted name in the template's DDL; never in an identifier.
PLACEHOLDER = "@procon_schema@"
_DDL_QUOTE = "$procon_ddl$"


class TemplateDrift(Exception):
    """The clone is not what migrating would have produced; it is rolled back."""


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


def _namespace_oid(cursor, schema: str) -> int | None:  # type: ignore[no-untyped-def]
    cursor.execute("SELECT oid FROM pg_namespace WHERE nspname = %s", [schema])
    row = cursor.fetchone()
    return row[0] if row else None


# Every query below reads one namespace's objects; run with an empty search_path, so that each
# name pg_get_*def prints is schema-qualified (the template's, then replaced by the placeholder,
# and the shared tables' `public.`).
_TABLES = """
    SELECT c.oid, quote_ident(c.relname), c.relpersistence = 'u', array_to_string(c.reloptions, ', ')
    FROM pg_class c WHERE c.relnamespace = %s AND c.relkind = 'r' ORDER BY c.oid
"""
_COLUMNS = """
    SELECT a.attrelid, quote_ident(a.attname), format_type(a.atttypid, a.atttypmod), a.attnotnull,
           pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated,
           CASE WHEN a.attcollation <> t.typcollation
                THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    LEFT JOIN pg_collation co ON co.oid = a.attcollation
    LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
    WHERE c.relnamespace = %s AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attrelid, a.attnum
"""
# Sequences, with the column that owns them: 'i' an identity, 'a' a serial (OWNED BY).
_SEQUENCES = """
    SELECT quote_ident(s.relname), format_type(q.seqtypid, NULL), q.seqincrement, q.seqmin,
           q.seqmax, q.seqstart, q.seqcache, q.seqcycle, d.deptype, d.refobjid,
           quote_ident(a.attname)
    FROM pg_class s
    JOIN pg_sequence q ON q.seqrelid = s.oid
    LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
         AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('i', 'a')
    LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
    WHERE s.relnamespace = %s AND s.relkind = 'S' ORDER BY s.oid
"""
_CONSTRAINTS = """
    SELECT k.conrelid, quote_ident(k.conname), k.contype, pg_get_constraintdef(k.oid)
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
    WHERE c.relnamespace = %s AND c.relkind = 'r' AND k.contype IN ('p', 'u', 'c', 'x', 'f')
    ORDER BY k.conrelid, k.contype, k.conname
"""
_INDEXES = """
    SELECT pg_get_indexdef(x.indexrelid)
    FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid
    WHERE c.relnamespace = %s AND NOT EXISTS (
        SELECT 1 FROM pg_constraint k
        WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x'))
    ORDER BY x.indexrelid
"""
_FUNCTIONS = """
    SELECT pg_get_functiondef(p.oid) FROM pg_proc p
    WHERE p.pronamespace = %s AND p.prokind IN ('f', 'p') ORDER BY p.oid
"""
_TRIGGERS = """
    SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE c.relnamespace = %s AND NOT t.tgisinternal ORDER BY t.oid
"""


def _sequence_options(row: tuple) -> str:
    _name, _type, increment, minimum, maximum, start, cache, cycle = row[:8]
    return (
        f"INCREMENT BY {increment} MINVALUE {minimum} MAXVALUE {maximum} START WITH {start}"
        f" CACHE {cache} {'CYCLE' if cycle else 'NO CYCLE'}"
    )


def template_ddl(template: str = TEMPLATE_SCHEMA) -> str:
    """The SQL that rebuilds `template` in the schema named by PLACEHOLDER (its tables, sequences,
    constraints, indexes, functions and triggers), then copies its rows and sequence positions.
    Read from pg_catalog with queries scoped to the template's namespace. Objects it does not
    rebuild (views, types, ...) are caught by the drift check after each copy."""
    _check_schema_name(template)
    source = f'"{template}"'
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('search_path')")
        search_path = cursor.fetchone()[0]
        cursor.execute("SELECT set_config('search_path', '', true)")
        try:
            nsp = _namespace_oid(cursor, template)
            if nsp is None:
                raise TemplateDrift(f"no schema {template}")
            queries = {}
            for name, sql in [("tables", _TABLES), ("columns", _COLUMNS),
                              ("sequences", _SEQUENCES), ("constraints", _CONSTRAINTS),
                              ("indexes", _INDEXES), ("functions", _FUNCTIONS),
                              ("triggers", _TRIGGERS)]:  # fmt: skip
                cursor.execute(sql, [nsp])
                queries[name] = cursor.fetchall()
            cursor.execute("SELECT quote_ident(%s)", [template])
            qualified = cursor.fetchone()[0] + "."
        finally:
            cursor.execute("SELECT set_config('search_path', %s, true)", [search_path])

    target = PLACEHOLDER + "."
    identity: dict[tuple[int, str], tuple] = {}
    standalone, owned_by, sequence_names = [], [], []
    for row in queries["sequences"]:
        sequence_names.append(row[0])
        deptype, table_oid, column = row[8], row[9], row[10]
        if deptype == "i":
            identity[(table_oid, column)] = row
            continue
        standalone.append(f"CREATE SEQUENCE {target}{row[0]} AS {row[1]} {_sequence_options(row)}")
        if deptype == "a":
            owned_by.append((row[0], table_oid, column))

    tables = {oid: name for oid, name, _unlogged, _options in queries["tables"]}
    columns: dict[int, list[str]] = {oid: [] for oid in tables}
    copied: dict[int, list[str]] = {oid: [] for oid in tables}
    for table_oid, name, type_, notnull, default, ident, generated, collation in queries["columns"]:
        parts = [name, type_]
        if collation:
            parts.append(f"COLLATE {collation}")
        if generated == "s":
            parts.append(f"GENERATED ALWAYS AS ({default}) STORED")
        elif default is not None:
            parts.append(f"DEFAULT {default}")
        if notnull:
            parts.append("NOT NULL")
        if ident:
            sequence = identity[(table_oid, name)]
            kind = "ALWAYS" if ident == "a" else "BY DEFAULT"
            parts.append(
                f"GENERATED {kind} AS IDENTITY (SEQUENCE NAME {target}{sequence[0]} "
                f"{_sequence_options(sequence)})"
            )
        columns[table_oid].append(" ".join(parts))
        if generated != "s":
            copied[table_oid].append(name)
    foreign: dict[int, list[str]] = {}
    for table_oid, name, kind, definition in queries["constraints"]:
        if kind == "f":
            foreign.setdefault(table_oid, []).append(f"ADD CONSTRAINT {name} {definition}")
        else:
            columns[table_oid].append(f"CONSTRAINT {name} {definition}")

    structure = [f"CREATE SCHEMA {PLACEHOLDER}", *standalone]
    for oid, name, unlogged, options in queries["tables"]:
        with_options = f" WITH ({options})" if options else ""
        structure.append(
            f"CREATE {'UNLOGGED ' if unlogged else ''}TABLE {target}{name} "
            f"({', '.join(columns[oid])}){with_options}"
        )
    for sequence, table_oid, column in owned_by:
        structure.append(
            f"ALTER SEQUENCE {target}{sequence} OWNED BY {target}{tables[table_oid]}.{column}"
        )
    data = []
    for oid, name in tables.items():
        if copied[oid]:
            names = ", ".join(copied[oid])
            data.append(
                f"INSERT INTO {target}{name} ({names}) OVERRIDING SYSTEM VALUE"  # noqa: S608 (quote_ident)
                f" SELECT {names} FROM {source}.{name}"
            )
    data += [
        f"SELECT pg_catalog.setval('{target}{name}', last_value, is_called) FROM {source}.{name}"  # noqa: S608 (quote_ident)
        for name in sequence_names
    ]
    after = [row[0] for row in queries["indexes"]]
    after += [row[0] for row in queries["functions"]]
    after += [row[0] for row in queries["triggers"]]
    # Foreign keys last: one to a shared table (accounts_user, ...) takes SHARE ROW EXCLUSIVE on
    # it (its writes wait) until the clone commits, and adds two triggers to it.
    after += [
        f"ALTER TABLE {target}{tables[oid]} {', '.join(adds)}" for oid, adds in foreign.items()
    ]
    structure = [statement.replace(qualified, target) for statement in structure]
    after = [statement.replace(qualified, target) for statement in after]
    return ";\n".join([*structure, *data, *after]) + ";\n"


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
