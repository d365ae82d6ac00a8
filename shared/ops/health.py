"""Health checks of what a request needs: the database and the Celery broker (and, on demand, a worker)."""

import logging
from dataclasses import dataclass

from celery import current_app
from celery.exceptions import TimeoutError as CeleryTimeoutError
from django.conf import settings
from django.db import connection
from django.utils.crypto import constant_time_compare

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"ok": self.ok, **({"detail": self.detail} if self.detail else {})}


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        logger.warning("healthz: database check failed: %s", exc)
        return Check(False, type(exc).__name__)
    return Check(True)


def check_broker() -> Check:
    """One bounded connect and PING: a broker that accepts the connection but never answers costs
    at most about two HEALTHCHECK_TIMEOUTs, never a hung web worker."""
    timeout = settings.HEALTHCHECK_TIMEOUT
    try:
        # The project's app (config.celery_app), current once Django loaded the config package.
        with current_app.connection_for_write(
            connect_timeout=timeout,
            transport_options={"socket_timeout": timeout, "socket_connect_timeout": timeout},
        ) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=timeout)
    except Exception as exc:
        logger.warning("healthz: broker check failed: %s", exc)
        return Check(False, type(exc).__name__)
    return Check(True)


def worker_check_allowed(authorization: str) -> bool:
    """The worker round trip is for operators and probes holding HEALTHCHECK_TOKEN; with no token
    configured it is off."""
    token = settings.HEALTHCHECK_TOKEN
    scheme, _, given = authorization.partition(" ")
    return (
        bool(token) and scheme.lower() == "bearer" and constant_time_compare(given.strip(), token)
    )


def check_worker() -> Check:
    """Round trip through a worker; reports the schema the task ran in."""
    from shared.ops.tasks import worker_ping

    try:
        result = worker_ping.apply_async(
            headers={"_schema_name": connection.schema_name},
            expires=settings.HEALTHCHECK_TIMEOUT * 5,
        )
        answer = result.get(timeout=settings.HEALTHCHECK_TIMEOUT * 5, propagate=True)
    except CeleryTimeoutError:
        return Check(False, "timeout")
    except Exception as exc:
        logger.warning("healthz: worker check failed: %s", exc)
        return Check(False, type(exc).__name__)
    return Check(True, answer["schema"])
