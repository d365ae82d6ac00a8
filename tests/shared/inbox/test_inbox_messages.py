"""The company's thread in its inbox (platform host), page and API: an agent reads and writes the
Procon and company thread of its group's cases, never the consumer's; another company's agent
gets 404; a company API key writes only with `cases:answer`; one e-mail reaches the assignee."""

import json

import pytest
from django_tenants.utils import tenant_context

from shared.companies.actions import do_issue_company_api_key
from shared.notifications.models import OutboundEmail
from tenants.complaints.actions.closing import do_withdraw_complaint
from tenants.complaints.actions.triage import do_assign_complaint
from tenants.complaints.models import CaseMessage, Thread
from tests.factories import company_agent
from tests.support.clients import logged_in_client
from tests.support.html import assert_shows
from tests.tenants.complaints.factories import pdf_upload, posted_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(procon, cases, santos_attendant):
    """Santos's case against the group, with a message in each thread."""
    complaint = cases.santos_due
    with tenant_context(procon):
        secret = (
            complaint.consumer,
            "consumer",
            Thread.CONSUMER,
            "Confidencial do consumidor",
        )
        to_company = (santos_attendant, "attendant", Thread.COMPANY, "Pergunta do Procon à empresa")
        posted_message(complaint, *secret, uploads=[pdf_upload("rg-consumidor.pdf")])
        posted_message(complaint, *to_company, is_request=True)
    return complaint


def _page(procon, complaint) -> str:
    return f"/empresa/caixa/{procon.slug}/{complaint.number}/"


def _api(procon, complaint) -> str:
    return f"/api/v1/inbox/{procon.slug}/{complaint.number}/messages/"


def _bodies(procon, complaint) -> list[str]:
    with tenant_context(procon):
        return list(CaseMessage.objects.filter(complaint=complaint).values_list("body", flat=True))


def test_the_agent_sees_the_company_thread_and_never_the_consumers(procon, agent_client, case):
    page = agent_client.get(_page(procon, case)).content.decode()
    assert_shows(
        page,
        'data-testid="thread-company"',
        "Pergunta do Procon à empresa",
        'data-testid="pending-request-company"',
        hidden=("Confidencial do consumidor", "rg-consumidor.pdf", 'data-testid="thread-consumer"'),
    )


def test_the_agent_answers_the_request_from_the_inbox(procon, agent_client, case):
    response = agent_client.post(
        f"{_page(procon, case)}mensagens/",
        {"thread-company-body": "Segue a gravação", "thread-company-form_token": "inbox-1"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#thread-company")
    page = agent_client.get(_page(procon, case)).content.decode()
    assert "Segue a gravação" in page
    assert 'data-testid="pending-request-company"' not in page


def test_a_blank_message_comes_back_with_its_error(procon, agent_client, case):
    response = agent_client.post(f"{_page(procon, case)}mensagens/", {"thread-company-body": ""})
    assert response.status_code == 400
    assert 'data-testid="form-errors"' in response.content.decode()


def test_another_companys_agent_gets_404_and_writes_nothing(procon, foreign_agent, case):
    client = logged_in_client(foreign_agent)
    assert client.get(_page(procon, case)).status_code == 404
    response = client.post(f"{_page(procon, case)}mensagens/", {"thread-company-body": "Intruso"})
    assert response.status_code == 404
    assert client.get(_api(procon, case)).status_code == 404
    assert "Intruso" not in _bodies(procon, case)


def test_a_case_not_yet_sent_to_the_company_is_404(procon, agent_client, cases):
    response = agent_client.post(
        f"{_page(procon, cases.santos_new)}mensagens/", {"thread-company-body": "Cedo demais"}
    )
    assert response.status_code == 404


def test_a_closed_case_refuses_the_message(procon, agent_client, case):
    with tenant_context(procon):
        do_withdraw_complaint(case, actor=case.consumer)
    response = agent_client.post(
        f"{_page(procon, case)}mensagens/", {"thread-company-body": "Tarde demais"}
    )
    assert response.status_code == 409
    assert "Tarde demais" not in _bodies(procon, case)


def test_the_api_lists_the_company_thread_only_and_the_case_timeline_hides_the_consumers(
    procon, agent_client, case
):
    results = agent_client.get(_api(procon, case)).json()["results"]
    assert [m["body"] for m in results] == ["Pergunta do Procon à empresa"]
    assert results[0]["pending"] is True
    detail = agent_client.get(f"/api/v1/inbox/{procon.slug}/{case.number}/").json()
    notes = [entry["note"] for entry in detail["timeline"]]
    assert "Pergunta do Procon à empresa" in notes
    assert "Confidencial do consumidor" not in notes
    assert "rg-consumidor.pdf" not in [a["name"] for a in detail["attachments"]]


def test_the_api_writes_and_e_mails_the_assignee_once(procon, agent_client, case, santos_attendant):
    with tenant_context(procon):
        do_assign_complaint(
            case, actor=santos_attendant, as_role="attendant", assignee=santos_attendant
        )
    response = agent_client.post(
        _api(procon, case),
        json.dumps({"body": "Resposta pela API"}),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="erp-1",
    )
    assert response.status_code == 201, response.content
    again = agent_client.post(
        _api(procon, case),
        json.dumps({"body": "Resposta pela API"}),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="erp-1",
    )
    assert again.json()["id"] == response.json()["id"]
    with tenant_context(procon):
        mails = list(OutboundEmail.objects.filter(key__contains=":message:"))
    to_staff = [m for m in mails if "Resposta pela API" in m.body]
    assert len(to_staff) == 1 and to_staff[0].to == [santos_attendant.email]
    assert all(
        "Confidencial do consumidor" not in m.body for m in mails if m.to != [case.consumer.email]
    )


def test_a_key_writes_only_with_cases_answer(procon, company, case):
    from django.test import Client

    admin = company_agent(company, role="admin")
    _read, read_secret = do_issue_company_api_key(
        company, actor=admin, name="leitura", scopes=["cases:read"]
    )
    _answer, answer_secret = do_issue_company_api_key(
        company, actor=admin, name="erp", scopes=["cases:answer"]
    )
    body = json.dumps({"body": "Pela chave"})
    reader = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Bearer {read_secret}")
    refused = reader.post(_api(procon, case), body, content_type="application/json")
    assert refused.status_code == 403
    writer = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Bearer {answer_secret}")
    done = writer.post(_api(procon, case), body, content_type="application/json")
    assert done.status_code == 201, done.content
    assert "Pela chave" in _bodies(procon, case)
