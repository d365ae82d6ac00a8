"""The one way code leaves the schema it runs in: `in_procon_schema` opens a Procon's schema (the
inbox, the privacy export, provisioning and the demo read or write a tenant from the public
side), `in_public_schema` goes back to the platform's schema (e-mail queued from a tenant
request, records kept once for every Procon). Both restore the schema they found on exit.

Requests are switched by the middleware (shared/procons/middleware.py) and Celery tasks by
tenant-schemas-celery; nothing else calls django-tenants' schema helpers directly (an
import-linter contract in pyproject.toml keeps it so).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django_tenants.utils import get_public_schema_name, schema_context, tenant_context

from shared.procons.models import Procon


@contextmanager
def in_procon_schema(procon: Procon) -> Iterator[Procon]:
    """Inside the block, queries reach `procon`'s schema (and the public one, for shared tables)."""
    with tenant_context(procon):
        yield procon


@contextmanager
def in_public_schema() -> Iterator[None]:
    """Inside the block, queries reach the public schema only."""
    with schema_context(get_public_schema_name()):
        yield
