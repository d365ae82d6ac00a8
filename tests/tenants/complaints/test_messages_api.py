"""The case's threads in API v1 on the Procon's host: list and post messages, staff's requests for
information, the consumer's documents after filing; each refusal the pages have (404 for another
party's thread or case, 409 for a closed case or a role that may not), errors naming the field in
Portuguese, and the timeline of the case filtered the same way."""

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from tenants.complaints.actions.closing import do_withdraw_complaint
from tenants.complaints.models import CaseMessage, Thread
from tests.factories import ConsumerFactory, staff
from tests.support.clients import token_client
from tests.tenants.complaints.factories import at_cip_sent, pdf_upload, posted_message

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

PT = {"HTTP_ACCEPT_LANGUAGE": "pt-br"}


@pytest.fixture
def case(procon, attendant, consumer, company):
    with tenant_context(procon):
        complaint = at_cip_sent(attendant, consumer=consumer, company=company)
        posted_message(complaint, attendant, "attendant", Thread.COMPANY, "Só para a empresa")
    return complaint


def _api(complaint, tail: str = "messages/") -> str:
    return f"/api/v1/complaints/{complaint.number}/{tail}"


def _json(client, path, data, **headers):
    return client.post(path, json.dumps(data), content_type="application/json", **headers)


def test_the_consumer_lists_and_posts_in_their_thread_only(procon, consumer, case):
    client = token_client(consumer, procon.host)
    assert client.get(_api(case)).json() == {"results": []}
    response = _json(client, _api(case), {"body": "Tenho novidades"})
    assert response.status_code == 201, response.content
    assert response.json()["thread"] == "consumer"
    bodies = [m["body"] for m in client.get(_api(case)).json()["results"]]
    assert bodies == ["Tenho novidades"]


def test_the_consumer_reading_or_writing_the_company_thread_is_refused(procon, consumer, case):
    client = token_client(consumer, procon.host)
    assert client.get(_api(case) + "?thread=company").status_code == 404
    response = _json(client, _api(case), {"thread": "company", "body": "Para a empresa"})
    assert response.status_code == 409
    assert response.json()["code"] == "not_allowed"
    with tenant_context(procon):
        assert not CaseMessage.objects.filter(body="Para a empresa").exists()


def test_the_case_timeline_hides_the_other_partys_thread(procon, consumer, case):
    detail = token_client(consumer, procon.host).get(_api(case, "")).json()
    notes = [entry["note"] for entry in detail["timeline"]]
    assert "Só para a empresa" not in notes


def test_staff_read_both_threads_and_ask_for_information(procon, attendant, consumer, case):
    desk = token_client(attendant, procon.host)
    due = timezone.localdate() + timedelta(days=5)
    response = _json(
        desk,
        _api(case, "information-requests/"),
        {"thread": "consumer", "body": "Envie a nota fiscal", "reply_due_on": due.isoformat()},
    )
    assert response.status_code == 201, response.content
    assert response.json()["pending"] is True
    assert response.json()["reply_due_on"] == due.isoformat()
    threads = {m["thread"] for m in desk.get(_api(case)).json()["results"]}
    assert threads == {"consumer", "company"}

    mine = token_client(consumer, procon.host)
    [request] = mine.get(_api(case)).json()["results"]
    assert request["is_request"] and request["pending"]
    _json(mine, _api(case), {"body": "Segue a nota"})
    assert mine.get(_api(case)).json()["results"][0]["pending"] is False


def test_a_consumer_cannot_ask_for_information(procon, consumer, case):
    client = token_client(consumer, procon.host)
    response = _json(
        client, _api(case, "information-requests/"), {"thread": "consumer", "body": "?"}
    )
    assert response.status_code == 409


def test_errors_name_the_field_in_portuguese(procon, attendant, case):
    desk = token_client(attendant, procon.host, **PT)
    blank = _json(desk, _api(case), {"thread": "consumer", "body": ""})
    assert blank.status_code == 400 and "body" in blank.json()
    assert "obrigatório" in blank.json()["body"][0] or "branco" in blank.json()["body"][0]
    past = _json(
        desk,
        _api(case, "information-requests/"),
        {
            "thread": "company",
            "body": "Prazo",
            "reply_due_on": timezone.localdate().isoformat(),
        },
    )
    assert past.status_code == 400
    assert past.json()["reply_due_on"] == ["Escolha um dia depois de hoje."]
    wrong = _json(desk, _api(case), {"thread": "public", "body": "x"})
    assert wrong.status_code == 400 and "thread" in wrong.json()


def test_another_procons_staff_and_another_consumer_get_404(procon, other_procon, case):
    for user in (staff(other_procon, StaffRole.ATTENDANT), ConsumerFactory()):
        client = token_client(user, procon.host)
        assert client.get(_api(case)).status_code == 404
        assert _json(client, _api(case), {"body": "Intruso"}).status_code == 404
        foreign_host = token_client(user, other_procon.host)
        assert foreign_host.get(_api(case)).status_code == 404
    with tenant_context(procon):
        assert not CaseMessage.objects.filter(body="Intruso").exists()


def test_a_closed_case_answers_409(procon, consumer, case):
    with tenant_context(procon):
        do_withdraw_complaint(case, actor=consumer)
    response = _json(token_client(consumer, procon.host), _api(case), {"body": "Ainda aqui"})
    assert response.status_code == 409
    assert response.json()["code"] == "illegal_step"


def test_the_same_idempotency_key_posts_once(procon, consumer, case):
    client = token_client(consumer, procon.host)
    first = _json(client, _api(case), {"body": "Uma vez"}, HTTP_IDEMPOTENCY_KEY="abc")
    second = _json(client, _api(case), {"body": "Uma vez"}, HTTP_IDEMPOTENCY_KEY="abc")
    assert first.json()["id"] == second.json()["id"]


def test_a_message_takes_documents_in_multipart(procon, consumer, case):
    client = token_client(consumer, procon.host)
    response = client.post(
        _api(case), {"body": "Com anexo", "attachments": [pdf_upload("boleto.pdf")]}
    )
    assert response.status_code == 201, response.content
    [document] = response.json()["attachments"]
    assert document["name"] == "boleto.pdf"
    assert client.get(document["url"]).status_code == 200


def test_the_consumer_adds_documents_and_a_hostile_file_is_refused(procon, consumer, case):
    client = token_client(consumer, procon.host, **PT)
    ok = client.post(_api(case, "documents/"), {"attachments": [pdf_upload("extrato.pdf")]})
    assert ok.status_code == 200, ok.content
    assert "extrato.pdf" in [a["name"] for a in ok.json()["attachments"]]
    script = SimpleUploadedFile("x.pdf", b"MZ\x90\x00 executable", "application/pdf")
    bad = client.post(_api(case, "documents/"), {"attachments": [script]})
    assert bad.status_code == 400 and "attachments" in bad.json()
    none = _json(client, _api(case, "documents/"), {})
    assert none.status_code == 400 and "attachments" in none.json()


def test_staff_cannot_add_documents_as_the_consumer(procon, attendant, case):
    desk = token_client(attendant, procon.host)
    response = desk.post(_api(case, "documents/"), {"attachments": [pdf_upload()]})
    assert response.status_code == 409


def test_a_key_another_author_used_never_returns_their_message(procon, consumer, agent, case):
    mine = token_client(consumer, procon.host)
    theirs = token_client(agent, procon.host)
    first = _json(mine, _api(case), {"body": "Dado do consumidor"}, HTTP_IDEMPOTENCY_KEY="k")
    second = _json(theirs, _api(case), {"body": "Da empresa"}, HTTP_IDEMPOTENCY_KEY="k")
    assert second.status_code == 201, second.content
    assert second.json()["id"] != first.json()["id"]
    assert second.json()["body"] == "Da empresa"
    assert "Dado do consumidor" not in second.content.decode()
