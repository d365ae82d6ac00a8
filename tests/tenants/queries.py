"""Counting the queries a read makes, leaving out django-tenants' `SET search_path`."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def data_queries() -> Iterator[list[str]]:
    """Yields a list that holds, on exit, the SQL of every query but the schema switches."""
    found: list[str] = []
    with CaptureQueriesContext(connection) as context:
        yield found
    found.extend(
        query["sql"]
        for query in context.captured_queries
        if not query["sql"].startswith("SET search_path")
    )
