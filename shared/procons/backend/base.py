"""django-tenants' PostgreSQL backend, remembering which search_path the session already has.

With TENANT_LIMIT_SET_CALLS, django-tenants sends `SET search_path` once after each schema
change instead of before every query; but every `set_tenant()` (each request starts on the
public schema, then switches to its Procon's) forgets what the session has, so a request on a
Procon's host still sent one or two `SET`s even when the connection's last request was on the
same Procon. This wrapper remembers the search_path the session holds (forgotten, as
django-tenants forgets its own, on close, rollback and rollback to a savepoint, which revert a
`SET`) and skips the `SET` when the new schema's path is the one already in place."""

from django_tenants.postgresql_backend import base


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
