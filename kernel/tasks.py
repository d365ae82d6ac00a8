"""Sending a Celery task once the current transaction commits, in the schema active now.

No Celery app is needed here: the task object knows its app (the project's, configured in
`config.celery_app`), and tenant-schemas-celery's worker switches to the schema named in the
message's `_schema_name` header before the task runs.
"""

import logging
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task: Any, *args: Any, **kwargs: Any) -> str:
    """Send `task` once the current transaction commits, in the schema active now.

    The schema is captured at call time, not at commit time, so a callback that fires after
    the connection moved to another schema still reaches the right tenant. Nothing is sent if
    the transaction rolls back, and a broker that is down is logged, never raised. Returns the
    id the task will carry.
    """
    headers = {"_schema_name": connection.schema_name}
    task_id = str(uuid.uuid4())

    def send() -> None:
        # The caller's transaction is committed: a broker that cannot be reached must not turn
        # a saved change into an error page. The message is logged and lost; the work it
        # carried is found again from the database (the e-mail outbox and the webhook
        # deliveries are swept by beat).
        try:
            task.apply_async(args=args, kwargs=kwargs, headers=headers, task_id=task_id)
        except Exception:
            logger.exception(
                "could not enqueue %s (task id %s) in schema %s: the broker is unreachable",
                task.name,
                task_id,
                headers["_schema_name"],
            )

    transaction.on_commit(send, robust=False)
    return task_id


def requeue_once(
    rows: Iterable[tuple[str, int]], task: Any, *, key: str, period_seconds: int
) -> int:
    """Send `task(id)` in its schema for each (schema, id), at most once per period for a row
    (the cache remembers `key:schema:id`): a beat safety net that finds what lost its message.
    The task itself must stay idempotent (it locks the row and acts only on what is pending).
    Returns how many were sent."""
    sent = 0
    for schema_name, row_id in rows:
        if cache.add(f"{key}:{schema_name}:{row_id}", 1, timeout=period_seconds):
            task.apply_async(args=[row_id], headers={"_schema_name": schema_name})
            sent += 1
    return sent
