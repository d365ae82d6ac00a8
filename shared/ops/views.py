import sys

from django.contrib.staticfiles import finders
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseServerError,
    JsonResponse,
)
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from shared.ops.health import check_broker, check_database, check_worker, worker_check_allowed

# Errors that mean "the database is not reachable right now", not "this request is wrong".
DATABASE_UNAVAILABLE: tuple[type[DatabaseError], ...] = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 15


@require_GET
def favicon(request: HttpRequest) -> FileResponse:
    """Browsers ask for /favicon.ico whatever the page links: the static icon, without a redirect."""
    path = finders.find("img/favicon.ico")
    if path is None:
        raise Http404
    response = FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115
    response["Cache-Control"] = "public, max-age=86400"
    return response


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the broker answer, 503 otherwise. `?worker=1` also waits for a
    Celery worker to run a task in this host's schema: it queues a task and holds this web worker
    for up to five broker timeouts, so it answers only to `Authorization: Bearer
    <HEALTHCHECK_TOKEN>` (403 before anything is queued otherwise)."""
    want_worker = request.GET.get("worker") == "1"
    if want_worker and not worker_check_allowed(request.headers.get("Authorization", "")):
        return JsonResponse(
            {
                "code": "healthcheck_token_required",
                "detail": gettext("The worker check needs the token."),
            },
            status=403,
        )
    checks = {"database": check_database(), "broker": check_broker()}
    if want_worker:
        checks["worker"] = check_worker()
    healthy = all(check.ok for check in checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "schema": connection.schema_name,
        "checks": {name: check.as_dict() for name, check in checks.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database or broker that cannot be reached (a restart, a failover) is a
    temporary outage, answered 503 with Retry-After so that clients and load balancers try
    again; anything else is the plain 500 page. Neither page touches the database nor says
    what failed."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        body = render_to_string("503.html")
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(render_to_string("500.html"))
