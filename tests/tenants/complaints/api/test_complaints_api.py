"""The complaint API on a Procon's host: filing, lists, the case, the steps and their refusals."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django_tenants.utils import tenant_context

from shared.accounts.actions import do_issue_api_token
from shared.accounts.roles import StaffRole
from shared.companies.models import Company
from shared.procons.models import Procon
from tenants.catalogue.hierarchy import problems_for
from tenants.catalogue.models import PurchaseChannel, Subject
from tenants.complaints.actions.triage import do_assign_complaint
from tenants.complaints.api import pagination
from tenants.complaints.errors import ILLEGAL_STEP_MESSAGE
from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.complaints.models import Attachment, Complaint
from tests.conftest import host_client
from tests.factories import CompanyFactory, UserFactory, company_agent, staff
from tests.support.clients import logged_in_client, post_json
from tests.tenants.complaints.factories import (
    API_STEPS,
    at_answered,
    at_cip_sent,
    file_complaint,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


def filing(company: Company | None, **overrides: object) -> dict[str, object]:
    with tenant_context(Procon.objects.get(slug="santos")):
        subject = Subject.objects.filter(active=True).first()
        catalogue = {
            "subject_id": subject.pk,
            "problem_id": problems_for(subject).first().pk,
            "purchase_channel_id": PurchaseChannel.objects.first().pk,
        }
    return {
        "company_id": company.pk if company else None,
        **catalogue,
        "contacted_company_first": True,
        "company_protocol": "ABC-123",
        "facts": "Comprei uma geladeira que chegou quebrada e a loja não troca.",
        "request": "Quero a troca do produto.",
        "lgpd_consent": True,
    } | overrides


def count_in(procon: Procon, model: type) -> int:
    with tenant_context(procon):
        return model.objects.count()


# --- filing -------------------------------------------------------------------------------------


def test_filing_as_json_answers_201_with_the_case(procon, consumer, company) -> None:
    client = logged_in_client(consumer, procon.host)

    response = post_json(client, "/api/v1/complaints/", filing(company))

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"].startswith("SANTOS-")
    assert body["status"] == S.REGISTERED
    assert body["company"]["id"] == company.pk
    assert body["deadlines"] == {
        "cip_due_on": None,
        "rating_due_on": None,
        "agreement_due_on": None,
        "running": None,
    }
    assert body["links"]["api"] == f"http://{procon.host}/api/v1/complaints/{body['number']}/"
    assert body["links"]["page"] == f"http://{procon.host}/reclamacoes/{body['number']}/"
    assert body["your_roles"] == ["consumer"]
    assert body["allowed_steps"] == ["withdraw"]
    assert [e["step"] for e in body["timeline"]] == ["file"]


def test_filing_as_multipart_stores_the_pdf_and_links_its_download(
    procon, consumer, company
) -> None:
    client = logged_in_client(consumer, procon.host)
    data = filing(company, purchase_channel_id="", attachments=[pdf_upload()])

    response = client.post("/api/v1/complaints/", data)

    assert response.status_code == 201, response.json()
    body = response.json()
    [attachment] = body["attachments"]
    assert attachment["content_type"] == "application/pdf"
    assert attachment["download_url"] == (
        f"http://{procon.host}/reclamacoes/{body['number']}/anexos/{attachment['id']}/"
    )
    with tenant_context(procon):
        assert Attachment.objects.get().complaint.number == body["number"]


def test_the_same_idempotency_key_returns_the_same_complaint_and_files_one(
    procon, consumer, company
) -> None:
    client = logged_in_client(consumer, procon.host)

    first = post_json(client, "/api/v1/complaints/", filing(company), HTTP_IDEMPOTENCY_KEY="k-1")
    again = post_json(client, "/api/v1/complaints/", filing(company), HTTP_IDEMPOTENCY_KEY="k-1")

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["number"] == again.json()["number"]
    assert count_in(procon, Complaint) == 1


def test_filing_against_a_company_new_to_the_platform_registers_it(procon, consumer) -> None:
    client = logged_in_client(consumer, procon.host)
    data = filing(None, company_cnpj="11.222.333/0001-81", company_name="Loja X")

    response = post_json(client, "/api/v1/complaints/", data)

    assert response.status_code == 201, response.json()
    assert response.json()["company"]["cnpj"] == "11222333000181"
    assert Company.objects.get(cnpj="11222333000181").legal_name == "Loja X"


def _disguised() -> SimpleUploadedFile:
    return SimpleUploadedFile("recibo.pdf", b"#!/bin/sh\nrm -rf /\n", "application/pdf")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            {"company_id": None, "company_cnpj": "11.222.333/0001-00", "company_name": "X"},
            "company_cnpj",
        ),
        ({"company_id": None}, "company_id"),
        ({"facts": None}, "facts"),
        ({"lgpd_consent": False}, "lgpd_consent"),
        ({"facts": "x" * 10_001}, "facts"),
        ({"subject_id": "abc"}, "subject_id"),
        ({"problem_id": 10**30}, "problem_id"),
        ({"contacted_company_first": {"a": 1}}, "contacted_company_first"),
        ({"attachments": "disguised"}, "attachments"),
    ],
)
def test_a_field_error_is_a_400_naming_the_field_and_nothing_is_stored(
    procon, consumer, company, change, field
) -> None:
    client = logged_in_client(consumer, procon.host)
    data = filing(company, **change)
    data = {k: v for k, v in data.items() if v is not None}
    if data.get("attachments") == "disguised":
        data["attachments"] = [_disguised()]
        response = client.post("/api/v1/complaints/", data)
    else:
        response = post_json(client, "/api/v1/complaints/", data)

    assert response.status_code == 400
    assert field in response.json()
    assert count_in(procon, Complaint) == 0
    assert count_in(procon, Attachment) == 0
    assert not Company.objects.filter(cnpj="11222333000100").exists()


def test_a_company_is_not_registered_when_the_complaint_is_refused(procon, consumer) -> None:
    client = logged_in_client(consumer, procon.host)
    data = filing(None, company_cnpj="11222333000181", company_name="Loja X")
    data["lgpd_consent"] = False

    response = post_json(client, "/api/v1/complaints/", data)

    assert response.status_code == 400
    assert "lgpd_consent" in response.json()
    assert not Company.objects.filter(cnpj="11222333000181").exists()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'{"facts": "sem fim', "application/json"),
        (b"[" * 100_000, "application/json"),
        (b"\xff\xfe\x00", "application/json"),
        (b'"just a string"', "application/json"),
        (b"--x\r\nbroken", "multipart/form-data; boundary=x"),
        (b"--\r\n", "multipart/form-data"),
    ],
)
def test_what_a_client_sends_wrong_is_a_400_never_a_500(
    procon, consumer, body, content_type
) -> None:
    client = logged_in_client(consumer, procon.host)
    response = client.post("/api/v1/complaints/", body, content_type=content_type)
    assert response.status_code == 400, response.content


def test_bad_query_parameters_and_odd_numbers_are_refused_cleanly(procon, consumer) -> None:
    client = logged_in_client(consumer, procon.host)
    assert client.get("/api/v1/complaints/?status=nope").status_code == 400
    assert client.get("/api/v1/complaints/?company_id=99999999999999999999").status_code == 400
    assert client.get("/api/v1/complaints/?cursor=%00%00").status_code == 400
    assert client.get("/api/v1/complaints/?cursor=WzEsMiwzXQ").status_code == 400
    assert client.get("/api/v1/complaints/%00/").status_code == 404
    assert client.get("/api/v1/complaints/" + "A" * 5000 + "/").status_code == 404
    key = post_json(client, "/api/v1/complaints/", {}, HTTP_IDEMPOTENCY_KEY="x" * 81)
    assert key.status_code == 400
    assert "idempotency_key" in key.json()


def test_anonymous_callers_get_401(procon) -> None:
    client = host_client(procon.host)
    assert client.get("/api/v1/complaints/").status_code == 401
    assert post_json(client, "/api/v1/complaints/", {}).status_code == 401


# --- who sees what ---------------------------------------------------------------------------------


def test_a_consumer_lists_only_their_own(santos, consumer) -> None:
    mine = file_complaint(consumer=consumer)
    file_complaint()

    response = logged_in_client(consumer, santos.host).get("/api/v1/complaints/")

    assert response.status_code == 200
    assert [c["number"] for c in response.json()["results"]] == [mine.number]
    assert response.json()["next"] is None


def test_another_consumer_gets_404_on_the_case_and_every_step(santos, consumer) -> None:
    complaint = file_complaint()
    client = logged_in_client(consumer, santos.host)

    assert client.get(f"/api/v1/complaints/{complaint.number}/").status_code == 404
    for step in API_STEPS:
        response = post_json(client, f"/api/v1/complaints/{complaint.number}/{step}/", {})
        assert response.status_code == 404, step
    with tenant_context(santos):
        assert Complaint.objects.get().status == S.REGISTERED


def test_staff_of_another_procon_get_404_on_both_hosts(santos, other_procon) -> None:
    complaint = file_complaint()
    campinas_attendant = staff(other_procon, StaffRole.ATTENDANT)
    path = f"/api/v1/complaints/{complaint.number}/"

    via_campinas = logged_in_client(campinas_attendant, other_procon.host)
    via_santos = logged_in_client(campinas_attendant, santos.host)

    assert via_campinas.get(path).status_code == 404
    assert post_json(via_campinas, f"{path}accept/").status_code == 404
    assert via_santos.get(path).status_code == 404
    assert post_json(via_santos, f"{path}accept/").status_code == 404
    assert via_santos.get("/api/v1/complaints/").json()["results"] == []
    assert via_santos.get("/api/v1/complaints/?scope=staff").status_code == 404


def test_consumers_and_companies_do_not_see_internal_timeline_entries(
    santos, attendant, consumer, company
) -> None:
    complaint = at_cip_sent(attendant, consumer=consumer, company=company)
    do_assign_complaint(complaint, actor=attendant, as_role="attendant", assignee=attendant)
    path = f"/api/v1/complaints/{complaint.number}/"

    as_staff = logged_in_client(attendant, santos.host).get(path).json()
    as_consumer = logged_in_client(consumer, santos.host).get(path).json()
    as_company = logged_in_client(company_agent(company), santos.host).get(path).json()

    assert [e["step"] for e in as_staff["timeline"]] == ["file", "accept", "send_cip", "assign"]
    assert as_staff["assignee"]["id"] == attendant.pk
    assert [e["step"] for e in as_consumer["timeline"]] == ["file", "accept", "send_cip"]
    assert as_consumer["assignee"] is None
    assert [e["step"] for e in as_company["timeline"]] == ["file", "accept", "send_cip"]
    assert as_company["your_roles"] == ["company"]
    assert as_company["allowed_steps"] == ["answer"]


def test_a_company_agent_lists_the_complaints_against_their_company(santos, company) -> None:
    branch = CompanyFactory(cnpj=_branch_of(company.cnpj), legal_name="Filial")
    attendant = staff(santos, StaffRole.ATTENDANT)
    ours = [at_cip_sent(attendant, company=company), at_cip_sent(attendant, company=branch)]
    at_cip_sent(attendant)
    file_complaint(company=company)  # still in triage: not yet the company's

    response = logged_in_client(company_agent(company), santos.host).get("/api/v1/complaints/")

    assert response.status_code == 200
    assert {c["number"] for c in response.json()["results"]} == {c.number for c in ours}


def _branch_of(cnpj: str) -> str:
    from validate_docbr import CNPJ

    base = f"{cnpj[:8]}0002"
    return next(f"{base}{d:02d}" for d in range(100) if CNPJ().validate(f"{base}{d:02d}"))


# --- the staff queue ----------------------------------------------------------------------------------


def test_the_staff_queue_filters(santos, attendant) -> None:
    waiting = at_cip_sent(attendant)
    new = file_complaint()
    do_assign_complaint(new, actor=attendant, as_role="attendant", assignee=attendant)
    unassigned = file_complaint()
    client = logged_in_client(attendant, santos.host)

    def numbers(query: str) -> list[str]:
        response = client.get(f"/api/v1/complaints/{query}")
        assert response.status_code == 200, response.json()
        return [c["number"] for c in response.json()["results"]]

    assert numbers("") == [waiting.number, new.number, unassigned.number]
    assert numbers("?status=cip_sent") == [waiting.number]
    assert numbers(f"?assignee_id={attendant.pk}") == [new.number]
    assert numbers("?unassigned=true") == [waiting.number, unassigned.number]
    assert numbers("?deadline=on_time") == [waiting.number]
    assert numbers("?deadline=overdue") == []
    assert numbers(f"?company_id={new.company_id}") == [new.number]
    assert numbers(f"?subject_id={new.subject_id}")[:1] == [waiting.number]


def test_pages_follow_the_cursor_without_repeats(santos, attendant, monkeypatch) -> None:
    monkeypatch.setattr(pagination, "PAGE_SIZE", 2)
    filed = [at_cip_sent(attendant)] + [file_complaint() for _ in range(4)]
    client = logged_in_client(attendant, santos.host)

    seen, url = [], "/api/v1/complaints/"
    while url:
        body = client.get(url).json()
        seen += [c["number"] for c in body["results"]]
        url = body["next"]

    assert seen == [c.number for c in filed]


def test_the_list_costs_the_same_queries_for_1_or_10_complaints(
    santos, attendant, django_assert_max_num_queries
) -> None:
    client = logged_in_client(attendant, santos.host)
    file_complaint()
    client.get("/api/v1/complaints/")  # the session is bound to the host on the first request
    # The host's Procon, the session, the user, the session's two-step verification device, their
    # roles here, one page; each query after django-tenants' SET search_path.
    with django_assert_max_num_queries(12):
        assert len(client.get("/api/v1/complaints/").json()["results"]) == 1
    for _ in range(9):
        file_complaint()
    with django_assert_max_num_queries(12):
        assert len(client.get("/api/v1/complaints/").json()["results"]) == 10


# --- steps -----------------------------------------------------------------------------------------


def test_the_attendant_accepts_and_sends_the_cip(santos, attendant) -> None:
    complaint = file_complaint()
    client = logged_in_client(attendant, santos.host)
    path = f"/api/v1/complaints/{complaint.number}/"
    assert client.get(path).json()["allowed_steps"] == [
        "assign",
        "request-information",
        "accept",
        "reject",
    ]

    accepted = post_json(client, f"{path}accept/")
    sent = post_json(client, f"{path}send-cip/")

    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["status"] == S.ACCEPTED
    assert sent.status_code == 200, sent.json()
    body = sent.json()
    assert body["status"] == S.CIP_SENT
    assert body["deadlines"]["cip_due_on"] is not None
    assert body["deadlines"]["running"]["kind"] in {"on_time", "due_soon"}
    assert [e["step"] for e in body["timeline"]] == ["file", "accept", "send_cip"]


def test_the_company_agent_answers_and_the_consumer_rates(
    santos, attendant, consumer, company
) -> None:
    complaint = at_cip_sent(attendant, consumer=consumer, company=company)
    agent = company_agent(company)
    path = f"/api/v1/complaints/{complaint.number}/"

    answered = logged_in_client(agent, santos.host).post(
        f"{path}answer/",
        {
            "text": "Trocamos o produto.",
            "offer": "Troca",
            "answer_type": "solved_non_monetary",
            "attachments": [pdf_upload()],
        },
    )
    rated = post_json(
        logged_in_client(consumer, santos.host),
        f"{path}rate/",
        {"resolved": True, "satisfaction": 5},
    )

    assert answered.status_code == 200, answered.json()
    assert answered.json()["answers"][0]["channel"] == "platform"
    assert len(answered.json()["attachments"]) == 1
    assert rated.status_code == 200, rated.json()
    assert (rated.json()["status"], rated.json()["classification"]) == (S.CLOSED, "resolved_at_cip")
    assert rated.json()["rating"]["satisfaction"] == 5


def test_an_attendant_records_an_answer_received_outside_the_platform(santos, attendant) -> None:
    complaint = at_cip_sent(attendant)

    response = post_json(
        logged_in_client(attendant, santos.host),
        f"/api/v1/complaints/{complaint.number}/answer/",
        {"text": "Resposta recebida por ofício."},
    )

    assert response.status_code == 200, response.json()
    assert response.json()["answers"][0]["channel"] == "recorded_by_staff"


def test_step_field_errors_name_the_field(santos, attendant) -> None:
    complaint = file_complaint()
    client = logged_in_client(attendant, santos.host)
    path = f"/api/v1/complaints/{complaint.number}/"

    assert "reason" in post_json(client, f"{path}reject/", {"reason": "x"}).json()
    outsider = UserFactory()
    assign = post_json(client, f"{path}assign/", {"assignee_id": outsider.pk})
    assert assign.status_code == 400
    assert "assignee_id" in assign.json()
    assert post_json(client, f"{path}assign/", {"assignee_id": 10**12}).status_code == 400


def test_an_illegal_step_is_a_409_with_the_message_in_the_callers_language(
    santos, attendant
) -> None:
    complaint = at_answered(attendant)
    path = f"/api/v1/complaints/{complaint.number}/send-cip/"
    client = logged_in_client(attendant, santos.host)

    portuguese = post_json(client, path)
    english = post_json(client, path, HTTP_ACCEPT_LANGUAGE="en")

    assert portuguese.status_code == english.status_code == 409
    assert portuguese.json()["code"] == english.json()["code"] == "illegal_step"
    with translation.override("pt-br"):
        expected = ILLEGAL_STEP_MESSAGE % {"status": S.ANSWERED.label}
    assert portuguese.json()["detail"] == str(expected)
    assert (
        english.json()["detail"]
        == "This action is not possible now: the complaint is “Company answered”."
    )


def test_the_illegal_step_message_is_portuguese(santos, attendant) -> None:
    complaint = at_answered(attendant)
    response = post_json(
        logged_in_client(attendant, santos.host), f"/api/v1/complaints/{complaint.number}/send-cip/"
    )
    assert response.status_code == 409
    assert response.json()["detail"] == (
        "Esta ação não é possível agora: a situação da reclamação é “Empresa respondeu”."
    )


def test_a_step_the_callers_role_may_not_take_is_a_409(santos, consumer) -> None:
    complaint = file_complaint(consumer=consumer)

    response = post_json(
        logged_in_client(consumer, santos.host), f"/api/v1/complaints/{complaint.number}/accept/"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "not_allowed"


def test_an_api_token_works_like_the_session(santos, attendant) -> None:
    complaint = file_complaint()
    _token, key = do_issue_api_token(attendant, name="integração")
    client = host_client(santos.host)
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    listed = client.get("/api/v1/complaints/", **auth)
    accepted = post_json(client, f"/api/v1/complaints/{complaint.number}/accept/", **auth)

    assert listed.status_code == 200
    assert [c["number"] for c in listed.json()["results"]] == [complaint.number]
    assert accepted.status_code == 200
    assert accepted.json()["status"] == S.ACCEPTED
    bad = client.get("/api/v1/complaints/", HTTP_AUTHORIZATION="Token nope")
    assert bad.status_code == 401


def test_the_consumer_withdraws_and_an_attendant_reopens(santos, attendant, consumer) -> None:
    complaint = file_complaint(consumer=consumer)
    path = f"/api/v1/complaints/{complaint.number}/"

    withdrawn = post_json(
        logged_in_client(consumer, santos.host), f"{path}withdraw/", {"reason": "Resolvi."}
    )
    reopened = post_json(
        logged_in_client(attendant, santos.host), f"{path}reopen/", {"reason": "Pedido."}
    )

    assert withdrawn.json()["classification"] == "withdrawn"
    assert reopened.status_code == 200, reopened.json()
    assert reopened.json()["status"] == S.ACCEPTED


def test_the_tenant_schema_documents_every_complaint_operation(procon) -> None:
    response = host_client(procon.host).get("/api/v1/schema/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/complaints/"])
    assert "get" in paths["/api/v1/complaints/{number}/"]
    for step in API_STEPS:
        operation = paths[f"/api/v1/complaints/{{number}}/{step}/"]["post"]
        assert operation["summary"]
        assert "409" in operation["responses"]
    filing = paths["/api/v1/complaints/"]["post"]
    assert "multipart/form-data" in filing["requestBody"]["content"]
    assert filing["requestBody"]["content"]["application/json"]["examples"]
