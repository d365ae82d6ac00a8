"""Counting the queries a read makes, leaving out the `SET search_path` of a schema switch (sent
alone, or in front of the statement it travels with)."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


def data_statements(captured: CaptureQueriesContext) -> list[str]:
    """The SQL of every captured query but the schema switches (a `SET search_path` sent alone is
    dropped; one sent in front of a statement is cut off it)."""
    found = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if sql.startswith("SET search_path"):
            _set, _separator, sql = sql.partition("; ")
        if sql:
            found.append(sql)
    return found


@contextmanager
def data_queries() -> Iterator[list[str]]:
    """Yields a list that holds, on exit, the SQL of every query but the schema switches."""
    found: list[str] = []
    with CaptureQueriesContext(connection) as context:
        yield found
    found.extend(data_statements(context))
