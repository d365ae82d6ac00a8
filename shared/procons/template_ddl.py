"""The template schema's definition read from pg_catalog, as one DDL script with the target
schema's name left as a placeholder: what `public.procon_clone_template(target)` replays
(provisioning.install_clone_function). Every query reads one namespace's objects only, so the cost
does not grow with the number of Procons."""

from django.db import connection, transaction
from django_tenants.postgresql_backend.base import _check_schema_name

# A Procon's schema is procon_<slug>, and a slug never starts with a hyphen: never this name.
TEMPLATE_SCHEMA = "procon__template"
# Stands for the new schema's quoted name in the template's DDL; never in an identifier.
PLACEHOLDER = "@procon_schema@"


class TemplateDrift(Exception):
    """The clone is not what migrating would have produced; it is rolled back."""


def namespace_oid(cursor, schema: str) -> int | None:  # type: ignore[no-untyped-def]
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
            nsp = namespace_oid(cursor, template)
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
