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
