"""Tasks travel with their tenant's schema to a real worker on the real Redis."""

import pytest
from celery.result import AsyncResult
from django.db import transaction
from django_tenants.utils import tenant_context

from config.celery_app import app
from kernel.tasks import enqueue_on_commit
from shared.ops.tasks import worker_ping

pytestmark = [pytest.mark.django_db, pytest.mark.worker]


TOKEN = "s3cret-health-token"
WITH_TOKEN = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(autouse=True)
def _healthcheck_token(settings) -> None:
    settings.HEALTHCHECK_TOKEN = TOKEN


def test_a_task_enqueued_during_a_tenant_request_runs_in_that_tenants_schema(
    celery_worker_process, procon_client, other_procon_client
) -> None:
    # when each Procon's host asks for a worker round trip
    santos = procon_client.get("/healthz?worker=1", headers=WITH_TOKEN)
    campinas = other_procon_client.get("/healthz?worker=1", headers=WITH_TOKEN)

    # then the worker ran each task in the schema of the host that sent it
    assert santos.status_code == 200, santos.json()
    assert santos.json()["checks"]["worker"] == {"ok": True, "detail": "procon_santos"}
    assert campinas.json()["checks"]["worker"] == {"ok": True, "detail": "procon_campinas"}


def test_a_task_from_the_platform_host_runs_in_the_public_schema(
    celery_worker_process, public_client
) -> None:
    response = public_client.get("/healthz?worker=1", headers=WITH_TOKEN)
    assert response.json()["checks"]["worker"]["detail"] == "public"


def test_enqueue_on_commit_keeps_the_schema_of_the_moment_it_was_called(
    celery_worker_process, procon, django_capture_on_commit_callbacks
) -> None:
    # given a task enqueued inside Santos's schema, committed after the connection left it
    with django_capture_on_commit_callbacks(execute=True), tenant_context(procon):
        task_id = enqueue_on_commit(worker_ping)

    # then the worker still ran it in Santos's schema
    answer = AsyncResult(task_id, app=app).get(timeout=30)
    assert answer == {"schema": "procon_santos", "search_path_schema": "procon_santos"}


def test_enqueue_on_commit_sends_nothing_when_the_transaction_rolls_back(procon) -> None:
    with tenant_context(procon), pytest.raises(RuntimeError), transaction.atomic():
        task_id = enqueue_on_commit(worker_ping)
        raise RuntimeError("the write failed")
    assert AsyncResult(task_id, app=app).state == "PENDING"
    assert transaction.get_connection().run_on_commit == []
