"""The thread sections of the case pages on the Procon's host: the consumer's and staff's case
page, and the company's with the case's access code. Each side sees its own thread only, writes
there, is refused elsewhere (404), and a refused form comes back with its error."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import tenant_context

from kernel.workflow.codes import ACCESS_CODE_DATA_KEY
from shared.accounts.roles import StaffRole
from tenants.complaints.actions.closing import do_withdraw_complaint
from tenants.complaints.lifecycle import Step
from tenants.complaints.models import CaseMessage, Thread
from tests.conftest import host_client
from tests.factories import ConsumerFactory, staff
from tests.support.clients import logged_in_client
from tests.support.html import assert_shows
from tests.tenants.complaints.factories import (
    at_cip_sent,
    file_complaint,
    pdf_upload,
    posted_message,
)

COMPANY_NOTE = "Mensagem reservada à empresa"
CONSUMER_NOTE = "Mensagem reservada ao consumidor"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


@pytest.fixture
def case(procon, attendant, consumer, company):
    with tenant_context(procon):
        complaint = at_cip_sent(attendant, consumer=consumer, company=company)
        to_company = (attendant, "attendant", Thread.COMPANY, COMPANY_NOTE)
        to_consumer = (consumer, "consumer", Thread.CONSUMER, CONSUMER_NOTE)
        posted_message(complaint, *to_company, uploads=[pdf_upload("contrato-empresa.pdf")])
        posted_message(complaint, *to_consumer, uploads=[pdf_upload("rg-consumidor.pdf")])
    return complaint


def _page(client, complaint) -> str:
    response = client.get(f"/reclamacoes/{complaint.number}/")
    assert response.status_code == 200
    return response.content.decode()


def _write(client, complaint, thread: str, body: str):
    """Posts `body` to the case's `thread` ("consumer" or "company") form on its page."""
    slug = {"consumer": "consumidor", "company": "empresa"}[thread]
    return client.post(
        f"/reclamacoes/{complaint.number}/mensagens/{slug}/", {f"thread-{thread}-body": body}
    )


def _messages(procon, complaint, **filters) -> list[CaseMessage]:
    with tenant_context(procon):
        return list(CaseMessage.objects.filter(complaint=complaint, **filters))


def test_the_consumer_sees_their_thread_and_never_the_companys(procon, consumer, case):
    page = _page(logged_in_client(consumer, procon.host), case)
    assert_shows(
        page,
        'data-testid="thread-consumer"',
        CONSUMER_NOTE,
        hidden=(
            'data-testid="thread-company"',
            COMPANY_NOTE,
            "contrato-empresa.pdf",
        ),
    )


def test_staff_see_both_threads_with_a_form_each(procon, attendant, case):
    page = _page(logged_in_client(attendant, procon.host), case)
    assert CONSUMER_NOTE in page and COMPANY_NOTE in page
    assert 'data-testid="thread-form-consumer"' in page
    assert 'data-testid="thread-form-company"' in page
    assert 'name="thread-company-is_request"' in page


def test_the_consumer_writes_with_a_document_and_returns_to_the_thread(procon, consumer, case):
    client = logged_in_client(consumer, procon.host)
    response = client.post(
        f"/reclamacoes/{case.number}/mensagens/consumidor/",
        {
            "thread-consumer-body": "Segue o comprovante",
            "thread-consumer-attachments": [pdf_upload("comprovante.pdf")],
            "thread-consumer-form_token": "t-1",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/reclamacoes/{case.number}/#thread-consumer")
    page = _page(client, case)
    assert "Segue o comprovante" in page and "comprovante.pdf" in page
    # A second post of the same form (double click) posts nothing new.
    client.post(
        f"/reclamacoes/{case.number}/mensagens/consumidor/",
        {"thread-consumer-body": "Segue o comprovante", "thread-consumer-form_token": "t-1"},
    )
    assert len(_messages(procon, case, body="Segue o comprovante")) == 1


def test_the_consumer_posting_to_the_company_thread_gets_404(procon, consumer, case):
    client = logged_in_client(consumer, procon.host)
    response = _write(client, case, "company", "Quero falar com a empresa")
    assert response.status_code == 404
    assert not _messages(procon, case, body="Quero falar com a empresa")


def test_another_consumer_and_another_procons_staff_get_404(procon, other_procon, case):
    stranger = logged_in_client(ConsumerFactory(), procon.host)
    foreign = logged_in_client(staff(other_procon, StaffRole.ATTENDANT), procon.host)
    for client in (stranger, foreign):
        response = _write(client, case, "consumer", "Intruso")
        assert response.status_code == 404
        assert client.get(f"/reclamacoes/{case.number}/").status_code == 404
    assert not _messages(procon, case, body="Intruso")


def test_a_blank_message_comes_back_with_its_error_in_portuguese(procon, consumer, case):
    client = logged_in_client(consumer, procon.host, HTTP_ACCEPT_LANGUAGE="pt-br")
    response = client.post(
        f"/reclamacoes/{case.number}/mensagens/consumidor/", {"thread-consumer-body": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="form-errors"' in page
    assert 'aria-invalid="true"' in page


def test_a_hostile_document_is_refused_on_the_page(procon, consumer, case):
    client = logged_in_client(consumer, procon.host)
    script = SimpleUploadedFile("nota.pdf", b"<script>alert(1)</script>", "application/pdf")
    response = client.post(
        f"/reclamacoes/{case.number}/mensagens/consumidor/",
        {"thread-consumer-body": "Com anexo", "thread-consumer-attachments": [script]},
    )
    assert response.status_code == 400
    assert "nota.pdf" in response.content.decode()
    assert not _messages(procon, case, body="Com anexo")


def test_a_request_shows_as_pending_with_its_date_until_the_consumer_replies(
    procon, attendant, consumer, case
):
    due = timezone.localdate() + timedelta(days=7)
    desk = logged_in_client(attendant, procon.host)
    response = desk.post(
        f"/reclamacoes/{case.number}/mensagens/consumidor/",
        {
            "thread-consumer-body": "Envie a fatura de março",
            "thread-consumer-is_request": "on",
            "thread-consumer-reply_due_on": due.isoformat(),
        },
    )
    assert response.status_code == 302
    mine = logged_in_client(consumer, procon.host)
    page = _page(mine, case)
    assert 'data-testid="pending-request-consumer"' in page
    assert due.strftime("%d/%m/%Y") in page
    _write(mine, case, "consumer", "Segue a fatura")
    assert 'data-testid="pending-request-consumer"' not in _page(mine, case)


def test_a_past_reply_date_is_refused_on_its_field(procon, attendant, case):
    desk = logged_in_client(attendant, procon.host)
    response = desk.post(
        f"/reclamacoes/{case.number}/mensagens/empresa/",
        {
            "thread-company-body": "Prazo no passado",
            "thread-company-is_request": "on",
            "thread-company-reply_due_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert 'id="id_thread-company-reply_due_on_error"' in response.content.decode()
    assert not _messages(procon, case, body="Prazo no passado")


def test_a_closed_case_shows_the_threads_without_forms_and_refuses_posts(procon, consumer, case):
    with tenant_context(procon):
        do_withdraw_complaint(case, actor=consumer)
    client = logged_in_client(consumer, procon.host)
    page = _page(client, case)
    assert_shows(
        page,
        CONSUMER_NOTE,
        hidden=('data-testid="thread-form-consumer"', 'data-testid="add-documents"'),
    )
    response = _write(client, case, "consumer", "Depois de fechado")
    assert response.status_code == 409
    assert not _messages(procon, case, body="Depois de fechado")


def test_before_the_cip_staff_see_only_the_consumer_thread(procon, attendant, consumer):
    with tenant_context(procon):
        complaint = file_complaint(consumer=consumer)
    page = _page(logged_in_client(attendant, procon.host), complaint)
    assert 'data-testid="thread-consumer"' in page
    assert 'data-testid="thread-company"' not in page


def test_the_consumer_adds_documents_from_the_case_page(procon, consumer, case):
    client = logged_in_client(consumer, procon.host)
    assert 'data-testid="add-documents"' in _page(client, case)
    response = client.post(
        f"/reclamacoes/{case.number}/documentos/",
        {"documents-attachments": [pdf_upload("laudo.pdf")], "documents-note": "Laudo técnico"},
    )
    assert response.status_code == 302
    page = _page(client, case)
    assert "laudo.pdf" in page
    with tenant_context(procon):
        assert case.events.filter(step=Step.ADD_DOCUMENT).count() == 1
    empty = client.post(f"/reclamacoes/{case.number}/documentos/", {"documents-note": "nada"})
    assert empty.status_code == 400


def test_staff_cannot_use_the_consumers_document_form(procon, attendant, case):
    desk = logged_in_client(attendant, procon.host)
    assert 'data-testid="add-documents"' not in _page(desk, case)
    response = desk.post(
        f"/reclamacoes/{case.number}/documentos/", {"documents-attachments": [pdf_upload()]}
    )
    assert response.status_code == 404


def test_the_consumer_cannot_download_a_company_thread_document(procon, consumer, case):
    with tenant_context(procon):
        secret = case.attachments.get(original_name="contrato-empresa.pdf")
    client = logged_in_client(consumer, procon.host)
    assert client.get(f"/reclamacoes/{case.number}/anexos/{secret.pk}/").status_code == 404


# --- with the access code ----------------------------------------------------------------------


def _with_code(procon, case):
    with tenant_context(procon):
        code = case.events.get(step="send_cip").data[ACCESS_CODE_DATA_KEY]
    client = host_client(procon.host)
    assert client.post("/responder/", {"number": case.number, "code": code}).status_code == 302
    return client


def test_with_the_access_code_the_company_reads_and_writes_its_thread_only(procon, case):
    client = _with_code(procon, case)
    page = client.get(f"/responder/{case.number}/").content.decode()
    assert COMPANY_NOTE in page
    assert CONSUMER_NOTE not in page
    assert "rg-consumidor.pdf" not in page
    response = client.post(
        f"/responder/{case.number}/mensagens/", {"thread-company-body": "Somos a loja, sem conta"}
    )
    assert response.status_code == 302
    [message] = _messages(procon, case, body="Somos a loja, sem conta")
    assert message.thread == Thread.COMPANY and message.author_kind == "company_code"
    with tenant_context(procon):
        secret = case.attachments.get(original_name="rg-consumidor.pdf")
    assert client.get(f"/responder/{case.number}/anexos/{secret.pk}/").status_code == 404


def test_without_the_code_the_company_thread_form_is_404(procon, case):
    client = host_client(procon.host)
    response = client.post(f"/responder/{case.number}/mensagens/", {"thread-company-body": "x"})
    assert response.status_code == 404


def test_the_consumers_list_flags_the_case_awaiting_their_reply(procon, attendant, consumer, case):
    client = logged_in_client(consumer, procon.host)
    assert (
        'data-testid="pending-request"' not in client.get("/minhas-reclamacoes/").content.decode()
    )
    with tenant_context(procon):
        posted_message(
            case, attendant, "attendant", Thread.COMPANY, "Pedido à empresa", is_request=True
        )
    # A request to the company is not the consumer's to answer.
    assert (
        'data-testid="pending-request"' not in client.get("/minhas-reclamacoes/").content.decode()
    )
    with tenant_context(procon):
        posted_message(
            case, attendant, "attendant", Thread.CONSUMER, "Pedido ao consumidor", is_request=True
        )
    listing = client.get("/minhas-reclamacoes/").content.decode()
    assert f'/reclamacoes/{case.number}/#thread-consumer" data-testid="pending-request"' in listing


def test_the_companys_agent_on_the_procons_host_reads_and_writes_its_thread_only(
    procon, agent, case
):
    client = logged_in_client(agent, procon.host)
    page = _page(client, case)
    assert_shows(page, COMPANY_NOTE, hidden=(CONSUMER_NOTE, 'data-testid="thread-consumer"'))
    refused = _write(client, case, "consumer", "Para o consumidor")
    assert refused.status_code == 404
    done = _write(client, case, "company", "Resposta da empresa")
    assert done.status_code == 302
    [message] = _messages(procon, case, body="Resposta da empresa")
    assert (message.thread, message.author_kind) == (Thread.COMPANY, "company")
    assert not _messages(procon, case, body="Para o consumidor")
