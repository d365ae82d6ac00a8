"""The moderators' API (/api/v1/narratives/...): the queues oldest first in keyset pages, one
narrative with the original facts, approval as scrubbed or edited, refusal with a reason, taking
down, the company's words, 409 for a state that refuses the step, 400 naming the field, and 404
for everyone who does not moderate here."""

import json

import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from shared.narratives.responses import ResponseKind
from shared.notifications.models import OutboundEmail
from tenants.narratives.api import moderation
from tenants.narratives.models import NarrativeStatus, ResponseTextStatus
from tests.factories import ConsumerFactory, staff
from tests.support.clients import token_client
from tests.tenants.complaints.factories import at_cip_sent, file_complaint
from tests.tenants.narratives.factories import (
    FACTS,
    company_words,
    narrative,
    outsiders,
    pending,
    public_copy,
    published,
)

pytestmark = pytest.mark.django_db

PT = {"HTTP_ACCEPT_LANGUAGE": "pt-br"}


@pytest.fixture
def api(procon, attendant) -> Client:
    return token_client(attendant, procon.host, **PT)


def post(client: Client, path: str, data: object) -> object:
    return client.post(path, json.dumps(data), content_type="application/json")


def test_the_queue_lists_pending_narratives_oldest_first_in_pages(
    procon, attendant, consumer, company, api, monkeypatch
) -> None:
    first = pending(procon, attendant, consumer, company)
    second = pending(procon, attendant, ConsumerFactory(), company)
    published(procon, attendant, ConsumerFactory(), company)
    with tenant_context(procon):
        at_cip_sent(attendant, company=company)
    monkeypatch.setattr(moderation, "PAGE_SIZE", 1)
    page = api.get("/api/v1/narratives/")
    assert page.status_code == 200
    body = page.json()
    assert [row["number"] for row in body["results"]] == [first]
    assert body["results"][0]["redactions"]["[CPF]"] == 1
    assert body["results"][0]["links"]["page"].endswith(f"/relatos/{first}/")
    following = api.get(body["next"]).json()
    assert [row["number"] for row in following["results"]] == [second]
    assert following["next"] is None
    assert api.get("/api/v1/narratives/?cursor=nonsense").json() == {"cursor": ["Cursor inválido."]}


def test_one_narrative_shows_the_original_facts_and_the_scrub(
    procon, attendant, consumer, company, api
) -> None:
    number = pending(procon, attendant, consumer, company)
    body = api.get(f"/api/v1/narratives/{number}/").json()
    assert "529.982.247-25" in body["facts"]
    assert "529.982.247-25" not in body["scrubbed_text"] and "[CPF]" in body["text"]
    assert body["status"] == "pending" and body["publishable"] is True
    assert body["response"] is None
    assert api.get("/api/v1/narratives/SANTOS-0000-999999/").status_code == 404


def test_approval_as_scrubbed_and_as_edited(procon, attendant, consumer, company, api) -> None:
    as_is = pending(procon, attendant, consumer, company)
    edited = pending(procon, attendant, ConsumerFactory(), company)
    response = post(api, f"/api/v1/narratives/{as_is}/approve/", {})
    assert response.status_code == 200 and response.json()["status"] == "published"
    assert public_copy(procon, as_is).text == narrative(procon, as_is).scrubbed_text
    text = narrative(procon, edited).text.replace("geladeira", "geladeira (modelo X)")
    assert post(api, f"/api/v1/narratives/{edited}/approve/", {"text": text}).status_code == 200
    assert public_copy(procon, edited).text == text
    assert OutboundEmail.objects.filter(key__startswith=f"narrative:{edited}:published").exists()
    # Edited again once published.
    again = post(api, f"/api/v1/narratives/{edited}/approve/", {"text": "Outro texto."})
    assert again.json()["text"] == "Outro texto." == public_copy(procon, edited).text
    assert post(api, f"/api/v1/narratives/{edited}/approve/", {"text": " "}).json() == {
        "text": ["Escreva o texto a publicar, ou recuse-o com um motivo."]
    }


def test_refusal_needs_a_reason_and_tells_the_consumer(
    procon, attendant, consumer, company, api
) -> None:
    number = pending(procon, attendant, consumer, company)
    for data in ({}, {"reason": "  "}):
        missing = post(api, f"/api/v1/narratives/{number}/refuse/", data)
        assert missing.status_code == 400
        assert missing.json() == {"reason": ["Diga o motivo, para quem vai lê-lo."]}
    assert post(api, f"/api/v1/narratives/{number}/refuse/", ["x"]).status_code == 400
    refused = post(api, f"/api/v1/narratives/{number}/refuse/", {"reason": "Cita terceiros."})
    assert refused.status_code == 200 and refused.json()["refusal_reason"] == "Cita terceiros."
    email = OutboundEmail.objects.get(key__startswith=f"narrative:{number}:refused")
    assert email.to == [consumer.email] and "Cita terceiros." in email.body
    # A refused narrative cannot be approved: 409 with the domain's message.
    conflict = post(api, f"/api/v1/narratives/{number}/approve/", {})
    assert conflict.status_code == 409
    assert conflict.json()["code"] == "illegal_step"
    assert "aguardando moderação" in conflict.json()["detail"]


def test_a_published_narrative_is_taken_down(procon, attendant, consumer, company, api) -> None:
    number = published(procon, attendant, consumer, company)
    response = post(api, f"/api/v1/narratives/{number}/refuse/", {"reason": "Expõe alguém."})
    assert response.status_code == 200 and response.json()["status"] == "refused"
    assert public_copy(procon, number) is None


def test_an_untriaged_complaint_cannot_be_approved(procon, consumer, company, api) -> None:
    with tenant_context(procon):
        number = file_complaint(
            consumer=consumer, company=company, facts=FACTS, publish_narrative=True
        ).number
    assert api.get(f"/api/v1/narratives/{number}/").json()["publishable"] is False
    response = post(api, f"/api/v1/narratives/{number}/approve/", {})
    assert response.status_code == 409
    assert "triagem" in response.json()["detail"]
    assert public_copy(procon, number) is None


def test_the_company_words_are_moderated(procon, attendant, consumer, company, agent, api) -> None:
    approved = company_words(
        procon, attendant, consumer, company, agent, "Pedimos desculpas à Joana."
    )
    refused = company_words(procon, attendant, ConsumerFactory(), company, agent, "Mentira.")
    queue = api.get("/api/v1/narratives/responses/").json()
    assert [row["number"] for row in queue["results"]] == [approved, refused]
    assert queue["results"][0]["kind"] == ResponseKind.ISOLATED_ERROR
    detail = api.get(f"/api/v1/narratives/{approved}/").json()["response"]
    assert detail["text"] == "Pedimos desculpas à Joana." and detail["text_status"] == "pending"
    assert "Joana" not in detail["scrubbed_text"]
    ok = post(api, f"/api/v1/narratives/{approved}/response/approve/", {"text": "Desculpas."})
    assert ok.status_code == 200 and ok.json()["response"]["published_text"] == "Desculpas."
    assert public_copy(procon, approved).response_text == "Desculpas."
    missing = post(api, f"/api/v1/narratives/{refused}/response/refuse/", {})
    assert missing.status_code == 400 and "reason" in missing.json()
    no = post(api, f"/api/v1/narratives/{refused}/response/refuse/", {"reason": "Ofensivo."})
    assert no.json()["response"]["text_status"] == ResponseTextStatus.REFUSED
    assert public_copy(procon, refused).response_kind == ResponseKind.ISOLATED_ERROR
    assert public_copy(procon, refused).response_text == ""
    assert [
        row["number"] for row in api.get("/api/v1/narratives/responses/").json()["results"]
    ] == []
    # A narrative without a response: 404 on the response's decisions.
    bare = pending(procon, attendant, ConsumerFactory(), company)
    assert post(api, f"/api/v1/narratives/{bare}/response/approve/", {}).status_code == 404


@pytest.mark.parametrize("who", ["conciliator", "inspector", "agent", "consumer", "elsewhere"])
def test_others_get_404_and_change_nothing(
    who, procon, other_procon, attendant, consumer, company, agent, conciliator
) -> None:
    number = company_words(procon, attendant, consumer, company, agent, "Nossas palavras.")
    user = {
        **outsiders(procon, conciliator=conciliator, agent=agent, consumer=consumer),
        "elsewhere": staff(other_procon, "attendant"),
    }[who]
    client = token_client(user, procon.host, **PT)
    for path in (
        "/api/v1/narratives/",
        "/api/v1/narratives/responses/",
        f"/api/v1/narratives/{number}/",
    ):
        assert client.get(path).status_code == 404, path
    for path, data in (
        (f"/api/v1/narratives/{number}/approve/", {"text": "Outro."}),
        (f"/api/v1/narratives/{number}/refuse/", {"reason": "Motivo."}),
        (f"/api/v1/narratives/{number}/response/approve/", {"text": "Outro."}),
        (f"/api/v1/narratives/{number}/response/refuse/", {"reason": "Motivo."}),
    ):
        assert post(client, path, data).status_code == 404, path
    assert narrative(procon, number).status == NarrativeStatus.PUBLISHED
    assert public_copy(procon, number).response_text == ""


def test_anonymous_callers_get_401(procon, attendant, consumer, company) -> None:
    number = pending(procon, attendant, consumer, company)
    client = Client(HTTP_HOST=procon.host)
    assert client.get("/api/v1/narratives/").status_code == 401
    assert post(client, f"/api/v1/narratives/{number}/refuse/", {"reason": "x"}).status_code == 401
    assert narrative(procon, number).status == NarrativeStatus.PENDING


def test_an_administrator_moderates(procon, attendant, consumer, company) -> None:
    number = pending(procon, attendant, consumer, company)
    admin = token_client(staff(procon, "tenant_admin"), procon.host)
    assert admin.get("/api/v1/narratives/").status_code == 200
    assert post(admin, f"/api/v1/narratives/{number}/approve/", {}).status_code == 200


def _query_count(client: Client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_the_queues_cost_the_same_queries_however_long(
    procon, attendant, consumer, company, agent, api
) -> None:
    company_words(procon, attendant, consumer, company, agent, "Palavras.")
    pending(procon, attendant, ConsumerFactory(), company)
    api.get("/api/v1/narratives/")  # warm-up: the token's user and the host
    few = [
        _query_count(api, path) for path in ("/api/v1/narratives/", "/api/v1/narratives/responses/")
    ]
    for _n in range(3):
        company_words(procon, attendant, ConsumerFactory(), company, agent, "Mais palavras.")
        pending(procon, attendant, ConsumerFactory(), company)
    many = [
        _query_count(api, path) for path in ("/api/v1/narratives/", "/api/v1/narratives/responses/")
    ]
    assert few == many
