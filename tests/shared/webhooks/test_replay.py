"""Replay: a company administrator sends one delivery, or everything since a time, again. Each
copy carries the original body and event id, so a receiver that applies each id once applies the
event once; the copies record who asked; nobody else can replay (404); a disabled endpoint
refuses (409)."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from shared.webhooks.actions import (
    do_emit_company_event,
    do_send_webhook_ping,
    do_set_webhook_endpoint_active,
)
from shared.webhooks.models import WebhookDelivery
from shared.webhooks.tasks import deliver_webhook
from tests.factories import CompanyFactory, company_agent
from tests.shared.webhooks.helpers import endpoint_for
from tests.shared.webhooks.receiver import webhook_receiver
from tests.support.clients import logged_in_client

pytestmark = pytest.mark.django_db

PAYLOAD = {"case_number": "SANTOS-2026-000042", "procon": "santos", "status": "cip_sent"}


def _replay(client: Client, endpoint_id: int, body: dict) -> object:
    return client.post(
        f"/api/v1/company/webhooks/{endpoint_id}/replay/", body, content_type="application/json"
    )


def test_a_replayed_delivery_reaches_the_receiver_with_the_same_event_id(admin, company) -> None:
    applied: dict[str, int] = {}
    with webhook_receiver(200) as receiver:
        endpoint, _ = endpoint_for(company, url=receiver.url, actor=admin)
        [original] = do_emit_company_event(
            company=company, event_type="complaint.cip_sent", payload=PAYLOAD
        )
        deliver_webhook(original.pk)

        # when the administrator replays it through the API
        response = _replay(logged_in_client(admin), endpoint.pk, {"delivery_id": original.pk})
        assert response.status_code == 202, response.json()
        [copy] = response.json()["deliveries"]
        deliver_webhook(copy["id"])

    # then the receiver got the same event twice, and applying each id once applies it once
    first, second = receiver.requests
    for request in (first, second):
        body = json.loads(request.body)
        applied[body["id"]] = applied.get(body["id"], 0) + 1
    assert list(applied) == [str(original.event_id)]
    assert first.body == second.body
    assert second.headers["X-Procon-Event-Id"] == str(original.event_id)
    assert (first.headers["X-Procon-Replay"], second.headers["X-Procon-Replay"]) == (
        "false",
        "true",
    )
    stored = WebhookDelivery.objects.get(pk=copy["id"])
    assert (stored.replay_of_id, stored.replayed_by_id) == (original.pk, admin.pk)
    assert copy["replay_of"] == original.pk
    assert copy["event_id"] == str(original.event_id)


def test_everything_since_a_time_is_replayed_but_pings(admin, company) -> None:
    endpoint, _ = endpoint_for(company, actor=admin)
    old, recent, latest = (
        do_emit_company_event(company=company, event_type=t, payload=PAYLOAD)[0]
        for t in ("complaint.cip_sent", "complaint.rated", "complaint.closed")
    )
    do_send_webhook_ping(endpoint, actor=admin)
    WebhookDelivery.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    since = (timezone.now() - timedelta(days=1)).isoformat()

    response = _replay(logged_in_client(admin), endpoint.pk, {"since": since})

    assert response.status_code == 202
    assert response.json()["replayed"] == 2
    copies = WebhookDelivery.objects.filter(replay_of__isnull=False)
    assert {c.replay_of_id for c in copies} == {recent.pk, latest.pk}
    assert {c.event_id for c in copies} == {recent.event_id, latest.event_id}


def test_neither_or_both_is_a_400_naming_delivery_id(admin, company) -> None:
    endpoint, _ = endpoint_for(company, actor=admin)
    [delivery] = do_emit_company_event(
        company=company, event_type="complaint.cip_sent", payload=PAYLOAD
    )
    client = logged_in_client(admin)
    for body in ({}, {"delivery_id": delivery.pk, "since": timezone.now().isoformat()}):
        response = _replay(client, endpoint.pk, body)
        assert response.status_code == 400
        assert list(response.json()) == ["delivery_id"]
    assert _replay(client, endpoint.pk, {"since": "ontem"}).json().keys() == {"since"}
    assert _replay(client, endpoint.pk, {"delivery_id": 2**70}).status_code == 400


def test_a_disabled_endpoint_refuses_with_409(admin, company) -> None:
    endpoint, _ = endpoint_for(company, actor=admin)
    [delivery] = do_emit_company_event(
        company=company, event_type="complaint.cip_sent", payload=PAYLOAD
    )
    do_set_webhook_endpoint_active(endpoint, actor=admin, active=False)

    response = _replay(logged_in_client(admin), endpoint.pk, {"delivery_id": delivery.pk})

    assert response.status_code == 409
    assert response.json()["code"] == "endpoint_disabled"
    assert not WebhookDelivery.objects.filter(replay_of__isnull=False).exists()


def test_another_companys_admin_or_delivery_gets_404(admin, company) -> None:
    endpoint, _ = endpoint_for(company, actor=admin)
    [delivery] = do_emit_company_event(
        company=company, event_type="complaint.cip_sent", payload=PAYLOAD
    )
    other_company = CompanyFactory()
    other_admin = company_agent(other_company, role="admin")
    other_endpoint, _ = endpoint_for(other_company, actor=other_admin)

    # another company's administrator, on our endpoint or through their own
    other = logged_in_client(other_admin)
    assert _replay(other, endpoint.pk, {"delivery_id": delivery.pk}).status_code == 404
    assert _replay(other, other_endpoint.pk, {"delivery_id": delivery.pk}).status_code == 404
    # an agent who is not an administrator
    agent = logged_in_client(company_agent(company))
    assert _replay(agent, endpoint.pk, {"delivery_id": delivery.pk}).status_code == 404
    page = other.post(
        f"/empresa/webhooks/{other_endpoint.pk}/entregas/reenviar/", {"delivery_id": delivery.pk}
    )
    assert page.status_code == 404
    assert not WebhookDelivery.objects.filter(replay_of__isnull=False).exists()


def test_the_delivery_log_page_resends_a_row_and_everything_since(admin, company) -> None:
    endpoint, _ = endpoint_for(company, actor=admin)
    [delivery] = do_emit_company_event(
        company=company, event_type="complaint.cip_sent", payload=PAYLOAD
    )
    client = logged_in_client(admin)
    log = f"/empresa/webhooks/{endpoint.pk}/entregas/"
    assert f'data-testid="webhook-replay-{delivery.pk}"' in client.get(log).content.decode()

    response = client.post(log + "reenviar/", {"delivery_id": delivery.pk})
    assert response.status_code == 302
    assert response["Location"] == log
    since = timezone.localtime() - timedelta(hours=1)
    response = client.post(log + "reenviar/", {"since": since.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302
    assert WebhookDelivery.objects.filter(replay_of=delivery).count() == 2
    assert client.post(log + "reenviar/", {}).status_code == 400
    assert 'data-status="pending"' in client.get(log).content.decode()


def test_a_replay_since_a_time_is_capped(admin, company, monkeypatch) -> None:
    from shared.webhooks import actions

    monkeypatch.setattr(actions, "REPLAY_LIMIT", 1)
    endpoint, _ = endpoint_for(company, actor=admin)
    for event_type in ("complaint.cip_sent", "complaint.closed"):
        do_emit_company_event(company=company, event_type=event_type, payload=PAYLOAD)

    since = (timezone.now() - timedelta(hours=1)).isoformat()
    response = _replay(logged_in_client(admin), endpoint.pk, {"since": since})

    assert response.status_code == 400
    assert list(response.json()) == ["since"]
    assert not WebhookDelivery.objects.filter(replay_of__isnull=False).exists()
