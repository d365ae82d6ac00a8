from celery import shared_task
from django.db import connection


@shared_task(acks_late=True, ignore_result=False)  # /healthz?worker=1 waits for its answer
def worker_ping() -> dict[str, str]:
    """Answers from a worker with the schema it ran in: proves the queue is consumed and the
    tenant travelled with the message."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        (current_schema,) = cursor.fetchone()
    return {"schema": connection.schema_name, "search_path_schema": current_schema}
