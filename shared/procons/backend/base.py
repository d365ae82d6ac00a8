"""django-tenants' PostgreSQL backend, sending `SET search_path` only when the session lacks it,
and then in the same round trip as the next statement.

With TENANT_LIMIT_SET_CALLS, django-tenants sends `SET search_path` once after each schema
change instead of before every query; but every `set_tenant()` (each request starts on the
public schema, then switches to its Procon's) forgets what the session has, so a request on a
Procon's host still sent one or two `SET`s even when the connection's last request was on the
same Procon. This wrapper remembers the search_path the session holds (forgotten, as
django-tenants forgets its own, on close, rollback and rollback to a savepoint, which revert a
`SET`) and skips the `SET` when the new schema's path is the one already in place.

When a `SET` is due, django-tenants sends it by itself when a cursor is opened: one more round
trip to the database per schema switch. Here an unnamed cursor carries it instead, prefixed to
its first statement (`SET search_path = …; SELECT …`, one simple-protocol message, which
PostgreSQL runs as one implicit transaction outside a transaction block). The path is computed
when the statement runs, from the connection's Procon at that moment, and counted as in place
only once the statement succeeded; a failed statement leaves it unknown, so the next one sends
it again. `executemany`, `callproc`, the COPY calls and statements other than queries and DML (which may\nrefuse a multi-statement string) send the `SET` first on their own. Named
(server-side) cursors keep django-tenants' way.
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.postgresql.base import CursorDebugWrapper as PostgresDebugCursor
from django.db.backends.utils import CursorWrapper
from django_tenants.postgresql_backend import base
from django_tenants.utils import get_limit_set_calls, quote_schema_name

# Statements that may share a message with the `SET`: queries and DML. Anything else (DDL,
# CREATE INDEX CONCURRENTLY, CREATE DATABASE, VACUUM…) may refuse to run in a multi-statement
# string, so the `SET` goes alone before it.
_SHAREABLE = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")


class _SearchPathOnFirstStatement:
    """Cursor wrapper half: asks the connection whether a `SET search_path` is due before each
    statement and sends it with the statement."""

    db: "DatabaseWrapper"
    cursor: Any

    def execute(self, sql: Any, params: Any = None) -> Any:
        due = self.db.search_path_due()
        if due is None:
            return super().execute(sql, params)  # type: ignore[misc]
        statement, paths = due
        if not isinstance(sql, str) or not sql.lstrip()[:6].upper().startswith(_SHAREABLE):
            self._send_alone(statement, paths)
            return super().execute(sql, params)  # type: ignore[misc]
        result = super().execute(f"{statement}; {sql}", params)  # type: ignore[misc]
        self.db.search_path_sent(paths)
        return result

    def _send_alone(self, statement: str, paths: list[str]) -> None:
        super().execute(statement)  # type: ignore[misc]
        self.db.search_path_sent(paths)

    def before_other_call(self) -> None:
        due = self.db.search_path_due()
        if due is not None:
            self._send_alone(*due)

    def executemany(self, sql: Any, param_list: Any) -> Any:
        self.before_other_call()
        return super().executemany(sql, param_list)  # type: ignore[misc]

    def callproc(self, procname: str, params: Any = None, kparams: Any = None) -> Any:
        self.before_other_call()
        return super().callproc(procname, params, kparams)  # type: ignore[misc]


class SearchPathCursor(_SearchPathOnFirstStatement, CursorWrapper):
    def copy_expert(self, *args: Any, **kwargs: Any) -> Any:
        self.before_other_call()
        return self.cursor.copy_expert(*args, **kwargs)

    def copy_from(self, *args: Any, **kwargs: Any) -> Any:
        self.before_other_call()
        return self.cursor.copy_from(*args, **kwargs)

    def copy_to(self, *args: Any, **kwargs: Any) -> Any:
        self.before_other_call()
        return self.cursor.copy_to(*args, **kwargs)


class SearchPathDebugCursor(_SearchPathOnFirstStatement, PostgresDebugCursor):
    def copy_expert(self, *args: Any, **kwargs: Any) -> Any:
        self.before_other_call()
        return super().copy_expert(*args, **kwargs)

    def copy_from(self, *args: Any, **kwargs: Any) -> Any:
        self.before_other_call()
        return self.cursor.copy_from(*args, **kwargs)

    def copy_to(self, *args: Any, **kwargs: Any) -> Any:
        self.before_other_call()
        return super().copy_to(*args, **kwargs)


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args: object, **kwargs: object) -> None:
        # Before django-tenants' own __init__, which already calls set_tenant().
        self.search_path_in_session: list[str] | None = None
        super().__init__(*args, **kwargs)

    def set_tenant(self, tenant: object, include_public: bool = True) -> None:
        super().set_tenant(tenant, include_public)
        in_session = self.search_path_in_session
        if in_session is not None and in_session == self._get_cursor_search_paths():
            self.search_path_set_schemas = in_session

    def _cursor(self, name: str | None = None) -> Any:
        if name is not None or not get_limit_set_calls():
            return super()._cursor(name)
        # Unnamed: no `SET` now; the cursor's first statement carries it (search_path_due).
        return super(base.DatabaseWrapper, self)._cursor()

    def make_cursor(self, cursor: Any) -> CursorWrapper:
        return SearchPathCursor(cursor, self)

    def make_debug_cursor(self, cursor: Any) -> CursorWrapper:
        return SearchPathDebugCursor(cursor, self)

    def search_path_due(self) -> tuple[str, list[str]] | None:
        """The `SET search_path` statement the session needs before the next statement, and the
        path it sets; None when the path in place is the current Procon's."""
        if self._setting_search_path or not get_limit_set_calls() or self.search_path_set_schemas:
            return None
        if not self.schema_name:
            raise ImproperlyConfigured(
                "Database schema not set. Did you forget to call set_schema() or set_tenant()?"
            )
        paths = self._get_cursor_search_paths()
        quoted = ",".join(quote_schema_name(schema) for schema in paths)
        return f"SET search_path = {quoted}", paths

    def search_path_sent(self, paths: list[str]) -> None:
        self.search_path_set_schemas = paths
        self.search_path_in_session = paths

    def _handle_search_path(self, cursor: object = None) -> None:
        super()._handle_search_path(cursor)
        if not self._setting_search_path:
            self.search_path_in_session = self.search_path_set_schemas

    def close(self) -> None:
        self.search_path_in_session = None
        super().close()

    def rollback(self) -> None:
        self.search_path_in_session = None
        super().rollback()

    def savepoint_rollback(self, sid: str) -> None:
        try:
            super().savepoint_rollback(sid)
        finally:
            self.search_path_in_session = None
