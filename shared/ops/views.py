from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from shared.ops.health import check_broker, check_database, check_worker


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the broker answer, 503 otherwise. `?worker=1` also waits for a
    Celery worker to run a task in this host's schema."""
    checks = {"database": check_database(), "broker": check_broker()}
    if request.GET.get("worker") == "1":
        checks["worker"] = check_worker()
    healthy = all(check.ok for check in checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "schema": connection.schema_name,
        "checks": {name: check.as_dict() for name, check in checks.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)
