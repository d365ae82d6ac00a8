"""Delivery: a real HTTP receiver on loopback gets a signed POST; failures are retried with
backoff and logged; a delivered delivery is never posted again. The task is called directly here
(its retry countdown recorded); tests/shared/webhooks/test_worker.py runs it on a real worker."""

import json
import time
import uuid
from datetime import timedelta
from http.server import ThreadingHTTPServer
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.db import IntegrityError, transaction
from django.utils import timezone

from shared.webhooks.actions import (
    do_emit_company_event,
    do_send_webhook_ping,
    do_set_webhook_endpoint_active,
)
from shared.webhooks.lifecycle import RETRY_BACKOFF_SECONDS, DeliveryStatus
from shared.webhooks.models import WebhookDelivery
from shared.webhooks.signing import verify
from shared.webhooks.tasks import deliver_webhook, requeue_stale_webhook_deliveries
from tests.factories import CompanyFactory
from tests.shared.webhooks.helpers import endpoint_for
from tests.shared.webhooks.receiver import QuietHandler, serving, webhook_receiver

pytestmark = pytest.mark.django_db

PAYLOAD = {"case_number": "SANTOS-2026-000042", "procon": "santos", "status": "cip_sent"}


@pytest.fixture
def retries(monkeypatch) -> list[int]:
    """The countdowns the task asks Celery to retry after (the broker is not involved here)."""
    countdowns: list[int] = []

    def retry(*, countdown: int, **kwargs: object) -> Retry:
        countdowns.append(countdown)
        return Retry(when=countdown)

    monkeypatch.setattr(deliver_webhook, "retry", retry)
    return countdowns


def _emit(url: str) -> tuple[WebhookDelivery, str]:
    endpoint, secret = endpoint_for(CompanyFactory(), url=url)
    [delivery] = do_emit_company_event(
        company=endpoint.company, event_type="complaint.cip_sent", payload=PAYLOAD
    )
    return delivery, secret


def _time_passes(delivery: WebhookDelivery) -> None:
    """As waiting out the backoff would."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())


def test_the_receiver_gets_a_signed_json_post_and_the_delivery_is_marked_delivered() -> None:
    with webhook_receiver(200) as receiver:
        delivery, secret = _emit(receiver.url)

        assert deliver_webhook(delivery.pk) == DeliveryStatus.DELIVERED

    [request] = receiver.requests
    headers = request.headers
    assert request.path == "/hooks/procon"
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Procon-Event"] == "complaint.cip_sent"
    assert headers["X-Procon-Delivery"] == str(delivery.pk)
    assert abs(int(headers["X-Procon-Timestamp"]) - time.time()) < 60
    assert verify(
        secret=secret,
        timestamp=headers["X-Procon-Timestamp"],
        body=request.body,
        signature=headers["X-Procon-Signature"],
    )
    body = json.loads(request.body)
    assert body["id"] == str(delivery.event_id) == headers["X-Procon-Event-Id"]
    assert body["type"] == "complaint.cip_sent"
    assert body["data"] == PAYLOAD
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 200)
    assert delivery.delivered_at is not None
    assert [(a.number, a.status_code) for a in delivery.log.all()] == [(1, 200)]


def test_a_500_is_retried_after_30_seconds_then_delivered_and_each_attempt_is_logged(
    retries,
) -> None:
    with webhook_receiver(500, 200) as receiver:
        delivery, secret = _emit(receiver.url)

        # when the first attempt meets a 500
        with pytest.raises(Retry):
            deliver_webhook(delivery.pk)

        # then the task asks to be retried in 30 s, and the delivery waits for it
        assert retries == [30]
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
            "pending",
            1,
            500,
        )
        # the reason is generic: the receiver's body is never echoed back
        assert delivery.last_error == "non-2xx response"
        wait = (delivery.next_attempt_at - timezone.now()).total_seconds()
        assert 25 < wait <= 30

        # and a duplicate message before the 30 s posts nothing
        assert deliver_webhook(delivery.pk) == "pending"
        assert len(receiver.requests) == 1

        # when the retry comes
        _time_passes(delivery)
        assert deliver_webhook(delivery.pk) == DeliveryStatus.DELIVERED

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 2, 200)
    assert [(a.number, a.status_code) for a in delivery.log.all()] == [(1, 500), (2, 200)]
    # both attempts carried the same body, each with its own valid signature
    first, second = receiver.requests
    assert first.body == second.body
    for request in receiver.requests:
        assert verify(
            secret=secret,
            timestamp=request.headers["X-Procon-Timestamp"],
            body=request.body,
            signature=request.headers["X-Procon-Signature"],
        )


def test_a_delivered_delivery_is_never_posted_again() -> None:
    with webhook_receiver(200) as receiver:
        delivery, _secret = _emit(receiver.url)
        deliver_webhook(delivery.pk)

        # when the task runs again (a redelivered message) and beat's sweep runs
        assert deliver_webhook(delivery.pk) == DeliveryStatus.DELIVERED
        assert deliver_webhook.apply(args=[delivery.pk]).get() == DeliveryStatus.DELIVERED
        assert requeue_stale_webhook_deliveries() == 0

    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.get(pk=delivery.pk).attempts == 1


def test_backoff_is_30s_2min_10min_1h_6h_and_the_sixth_failure_is_final(retries) -> None:
    with webhook_receiver(503) as receiver:
        delivery, _secret = _emit(receiver.url)
        for _attempt in range(5):
            with pytest.raises(Retry):
                deliver_webhook(delivery.pk)
            _time_passes(delivery)
        assert deliver_webhook(delivery.pk) == DeliveryStatus.FAILED
        assert deliver_webhook(delivery.pk) == DeliveryStatus.FAILED

    assert retries == list(RETRY_BACKOFF_SECONDS) == [30, 120, 600, 3600, 21600]
    assert len(receiver.requests) == 6
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("failed", 6, None)
    assert [a.status_code for a in delivery.log.all()] == [503] * 6


def test_an_unreachable_endpoint_is_a_failed_attempt_with_the_error_logged(retries) -> None:
    with webhook_receiver(200) as receiver:
        url = receiver.url  # the port is closed once the receiver stops
    delivery, _secret = _emit(url)

    with pytest.raises(Retry):
        deliver_webhook(delivery.pk)

    delivery.refresh_from_db()
    assert delivery.last_status_code is None
    assert delivery.last_error == "connection failed"
    assert retries == [30]


def test_a_disabled_endpoint_gets_nothing_but_a_ping_still_reaches_it() -> None:
    with webhook_receiver(200) as receiver:
        delivery, _secret = _emit(receiver.url)
        endpoint = delivery.endpoint
        admin = endpoint.created_by
        do_set_webhook_endpoint_active(endpoint, actor=admin, active=False)

        assert deliver_webhook(delivery.pk) == DeliveryStatus.FAILED
        assert not do_emit_company_event(
            company=endpoint.company, event_type="complaint.cip_sent", payload=PAYLOAD
        )
        ping = do_send_webhook_ping(endpoint, actor=admin)
        assert deliver_webhook(ping.pk) == DeliveryStatus.DELIVERED

    [request] = receiver.requests
    assert request.headers["X-Procon-Event"] == "ping"


def test_a_redirect_is_not_followed() -> None:
    class Redirect(QuietHandler):
        def do_POST(self) -> None:
            self.send_response(307)
            self.send_header("Location", "https://elsewhere.test/")
            self.end_headers()

    with serving(ThreadingHTTPServer(("127.0.0.1", 0), Redirect)) as port:
        delivery, _secret = _emit(f"http://127.0.0.1:{port}/")
        with pytest.raises(Retry):
            deliver_webhook.run(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_status_code) == ("pending", 307)


def test_a_lost_message_is_queued_again_by_beat() -> None:
    delivery, _secret = _emit("https://erp.exemplo.test/hooks")
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - timedelta(hours=1)
    )
    sent: list[int] = []
    with mock.patch.object(deliver_webhook, "delay", side_effect=sent.append):
        assert requeue_stale_webhook_deliveries() == 1
    assert sent == [delivery.pk]


def test_one_event_id_per_endpoint() -> None:
    endpoint, _secret = endpoint_for(CompanyFactory())
    event_id = uuid.uuid4()
    WebhookDelivery.objects.create(
        endpoint=endpoint, event_id=event_id, event_type="ping", payload={}
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        WebhookDelivery.objects.create(
            endpoint=endpoint, event_id=event_id, event_type="ping", payload={}
        )
