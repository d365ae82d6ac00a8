"""/healthz answers 200 when the database and the broker answer, and 503 when the broker is down."""

import pytest

from config.celery_app import app
from tests.support import processes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("host", ["localhost", "santos.localhost", "campinas.localhost"])
def test_healthz_is_200_with_json_on_every_host(host: str) -> None:
    from tests.conftest import host_client

    response = host_client(host).get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["checks"] == {"database": {"ok": True}, "broker": {"ok": True}}


def _reset_broker_connections() -> None:
    """Drop the app's connection and producer pools so the next use connects to the current URL."""
    from kombu import pools

    pools.reset()  # closes every pooled connection and forgets the pools (kombu's registry)
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def own_redis(tmp_path, settings) -> object:
    """A Redis of this test's own, used as the broker, that the test can kill."""
    port = processes.free_port()
    server = processes.start_redis(port, tmp_path)
    processes.wait_until(lambda: processes.port_open(port), timeout=10, what="redis")
    original = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    _reset_broker_connections()
    yield server
    processes.stop(server)
    app.conf.broker_url = original
    _reset_broker_connections()


def test_healthz_turns_503_when_the_broker_goes_down(own_redis, procon_client) -> None:
    # given a healthy broker
    assert procon_client.get("/healthz").status_code == 200

    # when the broker dies
    processes.stop(own_redis)
    response = procon_client.get("/healthz")

    # then the check says so
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"] == {"ok": True}


def test_healthz_refuses_other_methods(procon_client) -> None:
    assert procon_client.post("/healthz").status_code == 405


def _queued_tasks(monkeypatch) -> list[object]:  # type: ignore[no-untyped-def]
    """Records every worker_ping the view would queue (nothing is sent)."""
    from shared.ops import tasks

    queued: list[object] = []
    monkeypatch.setattr(tasks.worker_ping, "apply_async", lambda *a, **k: queued.append(k))
    return queued


@pytest.mark.parametrize(
    "authorization",
    ["", "Bearer wrong-token", "Bearer ", "Token s3cret-health-token", "s3cret-health-token"],
)
def test_the_worker_check_is_refused_without_the_token_and_queues_nothing(
    procon_client, settings, monkeypatch, authorization: str
) -> None:
    settings.HEALTHCHECK_TOKEN = "s3cret-health-token"
    queued = _queued_tasks(monkeypatch)
    headers = {"Authorization": authorization} if authorization else {}
    response = procon_client.get("/healthz?worker=1", headers=headers)
    assert response.status_code == 403
    assert response.json()["code"] == "healthcheck_token_required"
    assert response.json()["detail"] == "A verificação do worker exige o token."
    assert queued == []


def test_the_worker_check_is_off_when_no_token_is_configured(
    procon_client, settings, monkeypatch
) -> None:
    settings.HEALTHCHECK_TOKEN = ""
    queued = _queued_tasks(monkeypatch)
    response = procon_client.get("/healthz?worker=1", headers={"Authorization": "Bearer "})
    assert response.status_code == 403
    assert queued == []
    # the plain check still answers, without queueing anything
    assert procon_client.get("/healthz").status_code == 200
    assert queued == []


@pytest.fixture
def silent_broker(settings) -> object:
    """A broker address that accepts TCP connections and never answers a byte."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    original = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    settings.HEALTHCHECK_TIMEOUT = 1
    _reset_broker_connections()
    yield listener
    listener.close()
    app.conf.broker_url = original
    _reset_broker_connections()


def test_a_broker_that_never_answers_makes_the_plain_check_503_within_its_timeout(
    silent_broker, procon_client
) -> None:
    import time

    started = time.monotonic()
    response = procon_client.get("/healthz")
    elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False
    assert elapsed < 5  # two bounded attempts of HEALTHCHECK_TIMEOUT=1, not a hung worker
