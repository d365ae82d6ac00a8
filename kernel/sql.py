"""One-statement writes of a model's row, for the hot paths that run them on every request.

`insert_row` is `INSERT … ON CONFLICT …` of one instance, its SQL built once per shape from the
model's own metadata (table, columns, database conversions, `auto_now` and defaults through each
field's `pre_save`): no read before, no savepoint, and none of the ORM's per-call compilation.
Nothing a client sends reaches the SQL but as a parameter."""

from collections.abc import Sequence
from functools import cache

from django.db import connection
from django.db.models import Field, Model


@cache
def _statement(
    model: type[Model], conflict: tuple[str, ...], update: tuple[str, ...] | None
) -> tuple[str, tuple[Field, ...]]:
    quote = connection.ops.quote_name
    fields = tuple(f for f in model._meta.concrete_fields if not f.primary_key)
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 (the model's own names)
    if conflict:
        target = ", ".join(quote(model._meta.get_field(name).column) for name in conflict)
        if update:
            assignments = ", ".join(
                f"{column} = EXCLUDED.{column}"
                for column in (quote(model._meta.get_field(name).column) for name in update)
            )
            sql += f" ON CONFLICT ({target}) DO UPDATE SET {assignments}"
        else:
            sql += f" ON CONFLICT ({target}) DO NOTHING"
    return f"{sql} RETURNING {quote(model._meta.pk.column)}", fields


def insert_row(
    obj: Model, *, conflict: Sequence[str] = (), update: Sequence[str] | None = None
) -> bool:
    """Insert `obj`'s row in one statement; with `conflict` (the fields of a unique constraint)
    a row already there is left alone, or, with `update`, has those fields set from `obj`.
    `obj.pk` is the row's id afterwards; False when a conflicting row was left alone."""
    sql, fields = _statement(type(obj), tuple(conflict), tuple(update) if update else None)
    params = [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    obj.pk = row[0]
    obj._state.adding = False
    obj._state.db = connection.alias
    return True


def schemas_holding(table: str) -> list[str]:
    """The schemas that have `table` (the public one and every Procon's, for a shared app)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema FROM information_schema.tables WHERE table_name = %s", [table]
        )
        return sorted(row[0] for row in cursor.fetchall())


def ids_in_schemas(
    table: str,
    where: str,
    params: Sequence[object],
    *,
    schemas: Sequence[str],
    order_by: str = "",
    limit: int,
) -> list[tuple[str, int]]:
    """(schema, id) of the rows of `table` (aliased `t`) that match `where` in each of
    `schemas`, read in one `UNION ALL` statement. `where` may name `{schema}` for the branch's
    own quoted schema (to look at another table of it); its values are `%s` parameters, given
    once in `params` and repeated for every schema. Identifiers come from the models and
    information_schema, quoted; nothing else but parameters reaches the SQL."""
    if not schemas:
        return []
    quote = connection.ops.quote_name
    branches = [
        f"(SELECT %s::text, t.id{', t.' + order_by if order_by else ''}"  # noqa: S608
        f" FROM {quote(schema)}.{quote(table)} t WHERE {where.format(schema=quote(schema))})"
        for schema in schemas
    ]
    values: list[object] = []
    for schema in schemas:
        values += [schema, *params]
    order = " ORDER BY 3" if order_by else ""
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(branches) + f"{order} LIMIT %s", [*values, limit])
        return [(row[0], row[1]) for row in cursor.fetchall()]
