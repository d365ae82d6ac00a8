"""The complaint pages on Santos's host: filing, the consumer's list, one complaint and its steps,
its documents, and the staff queue; everything outside a viewer's reach is 404."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from shared.companies.models import Company
from tenants.complaints.actions.answer import do_send_cip
from tenants.complaints.actions.triage import (
    do_accept_complaint,
    do_assign_complaint,
    do_request_information,
)
from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.complaints.models import Attachment, Complaint
from tests.conftest import host_client
from tests.factories import CompanyFactory, ConsumerFactory, UserFactory, staff
from tests.support.clients import logged_in_client, status_of
from tests.support.html import assert_shows
from tests.tenants.complaints.factories import (
    at_answered,
    at_cip_sent,
    file_complaint,
    filing_form,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


def _complaints(procon) -> list[Complaint]:
    with tenant_context(procon):
        return list(Complaint.objects.order_by("id"))


# --- filing ------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(procon) -> None:
    response = host_client(procon.host).get("/reclamar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/entrar/?next=/reclamar/")


def test_the_form_offers_grouped_subjects_a_token_and_the_file_input(procon, consumer) -> None:
    response = logged_in_client(consumer, procon.host).get("/reclamar/")
    assert response.status_code == 200
    html = response.content.decode()
    assert_shows(
        html, "<optgroup", 'name="form_token"', 'accept=".pdf,.jpg,.jpeg,.png"', "multiple"
    )
    assert 'data-testid="file-form"' in html


def test_a_consumer_files_with_a_pdf_gets_a_protocol_and_sees_the_timeline(
    procon, consumer, company
) -> None:
    client = logged_in_client(consumer, procon.host)
    data = filing_form(procon, company) | {"attachments": [pdf_upload()]}

    response = client.post("/reclamar/", data)

    [complaint] = _complaints(procon)
    assert response.status_code == 302
    assert response["Location"] == f"/reclamacoes/{complaint.number}/"
    assert complaint.consumer_id == consumer.pk and complaint.company_id == company.pk
    assert complaint.contacted_company_first is True and complaint.company_protocol == "ABC-123"
    with tenant_context(procon):
        assert complaint.attachments.get().content_type == "application/pdf"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert complaint.number in html
    assert any(complaint.number in str(message) for message in page.context["messages"])
    assert 'data-testid="timeline-entry" data-step="file"' in html
    assert 'data-testid="attachment-link"' in html


def test_the_same_form_token_posted_twice_makes_one_complaint(procon, consumer, company) -> None:
    client = logged_in_client(consumer, procon.host)
    data = filing_form(procon, company)
    first = client.post("/reclamar/", data)
    second = client.post("/reclamar/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert len(_complaints(procon)) == 1


def test_missing_fields_give_field_errors_and_store_nothing(procon, consumer, company) -> None:
    client = logged_in_client(consumer, procon.host)
    data = filing_form(procon, company)
    for name in ["subject", "problem", "facts", "request", "lgpd_consent", "company_cnpj"]:
        data.pop(name)
    response = client.post("/reclamar/", data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"subject", "problem", "facts", "request", "lgpd_consent", "company_cnpj"} <= set(errors)
    assert 'aria-invalid="true"' in response.content.decode()
    assert _complaints(procon) == []


def test_an_account_without_cpf_cannot_file(procon, company) -> None:
    no_cpf = UserFactory()
    response = logged_in_client(no_cpf, procon.host).post(
        "/reclamar/", filing_form(procon, company)
    )
    assert response.status_code == 400
    assert "__all__" in response.context["form"].errors
    assert _complaints(procon) == []


def test_a_script_renamed_pdf_is_refused_and_nothing_is_stored(procon, consumer, company) -> None:
    script = SimpleUploadedFile(
        "nota.pdf", b"#!/bin/sh\nrm -rf /\n", content_type="application/pdf"
    )
    data = filing_form(procon, company) | {"attachments": [pdf_upload(), script]}
    response = logged_in_client(consumer, procon.host).post("/reclamar/", data)
    assert response.status_code == 400
    assert "attachments" in response.context["form"].errors
    assert _complaints(procon) == []
    with tenant_context(procon):
        assert Attachment.objects.count() == 0


def test_more_than_ten_files_are_refused(procon, consumer, company) -> None:
    uploads = [pdf_upload(f"nota-{n}.pdf") for n in range(11)]
    data = filing_form(procon, company) | {"attachments": uploads}
    response = logged_in_client(consumer, procon.host).post("/reclamar/", data)
    assert response.status_code == 400
    assert "attachments" in response.context["form"].errors
    assert _complaints(procon) == []


def test_an_unknown_cnpj_needs_a_name_and_is_then_registered(procon, consumer) -> None:
    client = logged_in_client(consumer, procon.host)
    cnpj = "11.222.333/0001-81"
    data = filing_form(procon, CompanyFactory.build(cnpj="11222333000181"))
    missing_name = client.post("/reclamar/", data)
    assert missing_name.status_code == 400
    assert "company_name" in missing_name.context["form"].errors
    assert not Company.objects.filter(cnpj="11222333000181").exists()

    response = client.post("/reclamar/", data | {"company_cnpj": cnpj, "company_name": "Loja X"})
    assert response.status_code == 302
    registered = Company.objects.get(cnpj="11222333000181")
    assert registered.legal_name == "Loja X"
    assert _complaints(procon)[0].company_id == registered.pk


def test_an_invalid_cnpj_is_a_field_error(procon, consumer, company) -> None:
    data = filing_form(procon, company) | {"company_cnpj": "11.222.333/0001-00"}
    response = logged_in_client(consumer, procon.host).post("/reclamar/", data)
    assert response.status_code == 400
    assert "company_cnpj" in response.context["form"].errors


def test_the_company_search_answers_at_most_20_by_name_or_cnpj(procon, consumer) -> None:
    companies = [CompanyFactory(legal_name=f"Buscável Comércio {n}") for n in range(22)]
    client = logged_in_client(consumer, procon.host)
    by_name = client.get("/reclamar/empresas/", {"q": "buscável"}).json()["results"]
    assert len(by_name) == 20
    assert set(by_name[0]) == {"id", "name", "cnpj", "label", "value"}
    target = companies[3]
    by_cnpj = client.get("/reclamar/empresas/", {"q": target.cnpj_display}).json()["results"]
    assert [r["id"] for r in by_cnpj] == [target.pk]


def test_the_filing_pickers_search_ignores_accents_and_case(procon, consumer) -> None:
    # given a company registered with accents, searched without them
    itau = CompanyFactory(legal_name="ITAÚ UNIBANCO S.A.", trade_name="Itaú")
    client = logged_in_client(consumer, procon.host)
    # when / then: "itau" and "ITAU" both find it first
    for query in ("itau", "ITAU"):
        results = client.get("/reclamar/empresas/", {"q": query}).json()["results"]
        assert results and results[0]["id"] == itau.pk, query


# --- who sees what -----------------------------------------------------------------------------


def test_a_consumer_sees_only_their_own_complaints(procon, consumer) -> None:
    with tenant_context(procon):
        mine = file_complaint(consumer=consumer)
        theirs = file_complaint()
    client = logged_in_client(consumer, procon.host)

    listing = client.get("/minhas-reclamacoes/")
    assert listing.status_code == 200
    assert [c.number for c, _badge in listing.context["rows"]] == [mine.number]
    assert client.get(f"/reclamacoes/{mine.number}/").status_code == 200
    assert client.get(f"/reclamacoes/{theirs.number}/").status_code == 404
    assert client.post(f"/reclamacoes/{theirs.number}/desistir/", {}).status_code == 404


def test_staff_of_campinas_get_404_on_every_santos_complaint_route(
    procon, other_procon, attendant
) -> None:
    with tenant_context(procon):
        complaint = file_complaint(uploads=[pdf_upload()])
        document = complaint.attachments.get()
    outsider = staff(other_procon, StaffRole.ATTENDANT)
    routes = [
        ("get", f"/reclamacoes/{complaint.number}/"),
        ("get", f"/reclamacoes/{complaint.number}/anexos/{document.pk}/"),
        ("post", f"/reclamacoes/{complaint.number}/aceitar/"),
        ("post", f"/reclamacoes/{complaint.number}/enviar-cip/"),
        ("get", "/atendimento/"),
    ]
    on_santos = logged_in_client(outsider, procon.host)
    for method, path in routes:
        assert getattr(on_santos, method)(path).status_code == 404, path
    on_campinas = logged_in_client(outsider, other_procon.host)
    for method, path in routes[:-1]:
        assert getattr(on_campinas, method)(path).status_code == 404, path
    with tenant_context(procon):
        assert Complaint.objects.get(pk=complaint.pk).status == S.REGISTERED


def test_a_consumer_cannot_take_a_staff_step(procon, consumer) -> None:
    with tenant_context(procon):
        complaint = file_complaint(consumer=consumer)
    response = logged_in_client(consumer, procon.host).post(
        f"/reclamacoes/{complaint.number}/aceitar/", {}
    )
    assert response.status_code == 404


# --- steps through the page --------------------------------------------------------------------


def test_an_attendant_accepts_and_sends_the_cip_and_the_consumer_sees_the_deadline(
    procon, consumer, attendant
) -> None:
    with tenant_context(procon):
        complaint = file_complaint(consumer=consumer)
    desk = logged_in_client(attendant, procon.host)
    page = desk.get(f"/reclamacoes/{complaint.number}/").content.decode()
    assert 'data-testid="step-aceitar"' in page
    assert 'data-testid="step-enviar-cip"' not in page

    accepted = desk.post(f"/reclamacoes/{complaint.number}/aceitar/", {})
    assert accepted.status_code == 302
    sent = desk.post(f"/reclamacoes/{complaint.number}/enviar-cip/", {})
    assert sent.status_code == 302

    with tenant_context(procon):
        complaint.refresh_from_db()
    assert complaint.status == S.CIP_SENT and complaint.cip_due_on
    seen = logged_in_client(consumer, procon.host).get(f"/reclamacoes/{complaint.number}/")
    html = seen.content.decode()
    assert f'data-testid="cip-due-on" data-date="{complaint.cip_due_on:%Y-%m-%d}"' in html
    assert 'data-testid="deadline-badge" data-kind="on_time"' in html
    assert [e.step for e in seen.context["events"]] == ["file", "accept", "send_cip"]
    assert 'data-testid="step-aceitar"' not in html


def _attendant_posts(procon, attendant, slug: str, data: dict) -> tuple[Complaint, object]:
    """The attendant posts the page's `slug` step on a complaint just filed: (it, the answer)."""
    with tenant_context(procon):
        complaint = file_complaint()
    client = logged_in_client(attendant, procon.host)
    return complaint, client.post(f"/reclamacoes/{complaint.number}/{slug}/", data)


def test_an_illegal_step_answers_409_with_the_message(procon, attendant) -> None:
    complaint, response = _attendant_posts(procon, attendant, "enviar-cip", {})
    assert response.status_code == 409
    assert response.context["message"]
    assert 'data-testid="conflict-message"' in response.content.decode()
    with tenant_context(procon):
        assert Complaint.objects.get(pk=complaint.pk).status == S.REGISTERED


def test_an_unknown_step_slug_is_404(procon, attendant) -> None:
    _complaint, response = _attendant_posts(procon, attendant, "voar", {})
    assert response.status_code == 404


def test_a_step_form_with_missing_fields_names_them(procon, attendant) -> None:
    complaint, response = _attendant_posts(
        procon, attendant, "rejeitar", {"rejeitar-reason": "not_this_procon"}
    )
    assert response.status_code == 400
    [form] = [form for step, form in response.context["offered"] if step.slug == "rejeitar"]
    assert "explanation" in form.errors
    with tenant_context(procon):
        assert Complaint.objects.get(pk=complaint.pk).status == S.REGISTERED


def test_the_consumer_replies_to_a_request_with_a_document(procon, consumer, attendant) -> None:
    with tenant_context(procon):
        complaint = do_request_information(
            file_complaint(consumer=consumer),
            actor=attendant,
            as_role="attendant",
            question="Nota?",
        )
    response = logged_in_client(consumer, procon.host).post(
        f"/reclamacoes/{complaint.number}/responder/",
        {"responder-text": "Segue a nota.", "responder-attachments": [pdf_upload()]},
    )
    assert response.status_code == 302
    with tenant_context(procon):
        complaint.refresh_from_db()
        assert complaint.status == S.REGISTERED
        assert complaint.attachments.count() == 1


def test_the_consumer_rates_the_answer_with_radio_buttons(procon, consumer, attendant) -> None:
    with tenant_context(procon):
        complaint = at_answered(attendant, consumer=consumer)
    client = logged_in_client(consumer, procon.host)
    page = client.get(f"/reclamacoes/{complaint.number}/").content.decode()
    assert 'data-testid="rating-deadline"' in page
    assert 'type="radio" name="avaliar-satisfaction"' in page
    response = client.post(
        f"/reclamacoes/{complaint.number}/avaliar/",
        {"avaliar-resolved": "no", "avaliar-satisfaction": "2", "avaliar-comment": "Não trocaram."},
    )
    assert response.status_code == 302
    with tenant_context(procon):
        complaint.refresh_from_db()
    assert (complaint.status, complaint.satisfaction, complaint.resolved) == (
        S.NOT_RESOLVED,
        2,
        False,
    )


def test_withdrawing_needs_the_confirmation(procon, consumer) -> None:
    with tenant_context(procon):
        complaint = file_complaint(consumer=consumer)
    client = logged_in_client(consumer, procon.host)
    refused = client.post(f"/reclamacoes/{complaint.number}/desistir/", {})
    assert refused.status_code == 400
    withdrawn = client.post(
        f"/reclamacoes/{complaint.number}/desistir/", {"desistir-confirm": "on"}
    )
    assert withdrawn.status_code == 302
    with tenant_context(procon):
        assert Complaint.objects.get(pk=complaint.pk).classification == "withdrawn"


def test_staff_assign_a_colleague_and_record_an_answer_received_outside(procon, attendant) -> None:
    colleague = staff(procon, StaffRole.CONCILIATOR)
    with tenant_context(procon):
        complaint = at_cip_sent(attendant)
    desk = logged_in_client(attendant, procon.host)
    page = desk.get(f"/reclamacoes/{complaint.number}/")
    [assign] = [form for step, form in page.context["offered"] if step.slug == "atribuir"]
    assert str(colleague.pk) in dict(assign.fields["assignee"].choices)

    assert (
        desk.post(
            f"/reclamacoes/{complaint.number}/atribuir/", {"atribuir-assignee": colleague.pk}
        ).status_code
        == 302
    )
    answered = desk.post(
        f"/reclamacoes/{complaint.number}/registrar-resposta/",
        {"registrar-resposta-text": "Trocamos.", "registrar-resposta-offer": "Troca"},
    )
    assert answered.status_code == 302
    with tenant_context(procon):
        complaint.refresh_from_db()
        assert complaint.assignee_id == colleague.pk
        assert complaint.status == S.ANSWERED
        assert complaint.answers.get().channel == "recorded_by_staff"


def test_staff_close_with_a_classification_and_reopen(procon, attendant) -> None:
    admin = staff(procon, StaffRole.TENANT_ADMIN)
    with tenant_context(procon):
        complaint = at_cip_sent(attendant)
        from tenants.complaints.actions.answer import do_lapse_cip

        do_lapse_cip(complaint, today=complaint.cip_due_on + timedelta(days=1))
    desk = logged_in_client(attendant, procon.host)
    bad = desk.post(
        f"/reclamacoes/{complaint.number}/encerrar/", {"encerrar-classification": "withdrawn"}
    )
    assert bad.status_code == 400
    closed = desk.post(
        f"/reclamacoes/{complaint.number}/encerrar/",
        {"encerrar-classification": "founded_not_met", "encerrar-note": "Sem resposta."},
    )
    assert closed.status_code == 302
    reopened = logged_in_client(admin, procon.host).post(
        f"/reclamacoes/{complaint.number}/reabrir/", {"reabrir-reason": "Erro."}
    )
    assert reopened.status_code == 302
    with tenant_context(procon):
        assert Complaint.objects.get(pk=complaint.pk).status == S.ACCEPTED


# --- documents -----------------------------------------------------------------------------------


def test_the_attachment_is_served_to_the_owner_and_staff_and_refused_to_others(
    procon, consumer, attendant
) -> None:
    with tenant_context(procon):
        complaint = file_complaint(consumer=consumer, uploads=[pdf_upload("nota.pdf")])
        document = complaint.attachments.get()
    path = f"/reclamacoes/{complaint.number}/anexos/{document.pk}/"

    response = logged_in_client(consumer, procon.host).get(path)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "nota.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert logged_in_client(attendant, procon.host).get(path).status_code == 200
    assert logged_in_client(ConsumerFactory(), procon.host).get(path).status_code == 404
    assert host_client(procon.host).get(path).status_code == 302
    with tenant_context(procon):
        other = file_complaint(consumer=consumer)
    assert (
        status_of(consumer, procon.host, f"/reclamacoes/{other.number}/anexos/{document.pk}/")
        == 404
    )


# --- the queue ---------------------------------------------------------------------------------


def test_the_queue_is_for_staff_only(procon, consumer) -> None:
    assert logged_in_client(consumer, procon.host).get("/atendimento/").status_code == 404
    assert host_client(procon.host).get("/atendimento/").status_code == 302


def test_the_queue_link_shows_in_the_header_for_staff_only(procon, consumer, attendant) -> None:
    assert (
        'data-testid="nav-queue"'
        in logged_in_client(attendant, procon.host).get("/").content.decode()
    )
    assert (
        'data-testid="nav-queue"'
        not in logged_in_client(consumer, procon.host).get("/").content.decode()
    )


def _numbers(response) -> list[str]:
    return [complaint.number for complaint, _badge in response.context["rows"]]


def test_the_queue_filters_work(procon, attendant) -> None:
    colleague = staff(procon, StaffRole.ATTENDANT)
    acme, other_company = CompanyFactory(), CompanyFactory()
    with tenant_context(procon):
        registered = file_complaint(company=acme)
        mine = do_assign_complaint(
            file_complaint(company=other_company),
            actor=attendant,
            as_role="attendant",
            assignee=attendant,
        )
        theirs = do_assign_complaint(
            file_complaint(), actor=attendant, as_role="attendant", assignee=colleague
        )
        cip = at_cip_sent(attendant)
        overdue = at_cip_sent(attendant)
        Complaint.objects.filter(pk=overdue.pk).update(
            cip_due_on=timezone.localdate() - timedelta(days=1)
        )
        soon = do_send_cip(
            do_accept_complaint(file_complaint(), actor=attendant, as_role="attendant"),
            actor=attendant,
            as_role="attendant",
        )
        Complaint.objects.filter(pk=soon.pk).update(cip_due_on=timezone.localdate())
    desk = logged_in_client(attendant, procon.host)

    everything = desk.get("/atendimento/")
    assert everything.status_code == 200
    assert set(_numbers(everything)) == {
        c.number for c in [registered, mine, theirs, cip, overdue, soon]
    }
    assert _numbers(desk.get("/atendimento/", {"company": acme.pk})) == [registered.number]
    assert _numbers(desk.get("/atendimento/", {"assignee": "mine"})) == [mine.number]
    assert _numbers(desk.get("/atendimento/", {"assignee": colleague.pk})) == [theirs.number]
    assert mine.number not in _numbers(desk.get("/atendimento/", {"assignee": "unassigned"}))
    assert _numbers(desk.get("/atendimento/", {"deadline": "overdue"})) == [overdue.number]
    assert _numbers(desk.get("/atendimento/", {"deadline": "due_soon"})) == [soon.number]
    assert _numbers(desk.get("/atendimento/", {"deadline": "on_time"})) == [cip.number]
    assert set(_numbers(desk.get("/atendimento/", {"status": "cip_sent"}))) == {
        cip.number,
        overdue.number,
        soon.number,
    }
    with tenant_context(procon):
        subject_id = registered.subject_id
    assert registered.number in _numbers(desk.get("/atendimento/", {"subject": subject_id}))
    html = desk.get("/atendimento/", {"deadline": "overdue"}).content.decode()
    assert 'data-testid="deadline-badge" data-kind="overdue"' in html
    assert 'class="badge badge-overdue"' in html


def test_the_queue_query_count_does_not_grow_with_rows(
    procon, attendant, django_assert_max_num_queries
) -> None:
    desk = logged_in_client(attendant, procon.host)
    with tenant_context(procon):
        for _n in range(3):
            at_cip_sent(attendant, company=CompanyFactory())
    desk.get("/atendimento/")  # warm the session and caches
    # (22: the session's two-step verification device is one query, after its SET search_path)
    with django_assert_max_num_queries(22) as few:
        assert desk.get("/atendimento/").status_code == 200
    with tenant_context(procon):
        for _n in range(20):
            do_assign_complaint(
                file_complaint(company=CompanyFactory()),
                actor=attendant,
                as_role="attendant",
                assignee=attendant,
            )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = desk.get("/atendimento/")
    assert len(response.context["rows"]) == 23


def test_the_queue_is_paginated_by_50(procon, attendant) -> None:
    with tenant_context(procon):
        consumer = ConsumerFactory()
        company = CompanyFactory()
        for _n in range(51):
            file_complaint(consumer=consumer, company=company)
    desk = logged_in_client(attendant, procon.host)
    first = desk.get("/atendimento/")
    assert len(first.context["rows"]) == 50
    assert 'data-testid="pagination"' in first.content.decode()
    assert len(desk.get("/atendimento/", {"page": 2}).context["rows"]) == 1
