"""What an integrator reads in the schema holds: the enumerations come from the lifecycle (and
include `agreement`), every document is linked from its resource and opens with a token for whoever
may read it, a caller with no role on a host is answered as any consumer there, and each status
code these operations answer is one their schema documents."""

import json

import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from shared.accounts.actions import do_issue_api_token
from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from shared.procons.models import Procon
from tenants.complaints.lifecycle import Classification, Step
from tests.conftest import host_client
from tests.factories import CompanyFactory, ConsumerFactory, company_agent, staff
from tests.tenants.complaints.factories import at_cip_sent, file_complaint, pdf_upload

pytestmark = pytest.mark.django_db


def token_client(procon: Procon, user: User) -> Client:
    _, key = do_issue_api_token(user, name="integrator")
    return Client(HTTP_HOST=procon.host, HTTP_AUTHORIZATION=f"Token {key}")


def _schema(procon: Procon, language: str = "en") -> dict:
    response = host_client(procon.host).get(
        "/api/v1/schema/", HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    return json.loads(response.content)


def _enum(schema: dict, component: str, field: str) -> list[str]:
    node = schema["components"]["schemas"][component]["properties"][field]
    return node["allOf"][0]["enum"]


def test_classifications_and_timeline_steps_are_enumerated_from_the_lifecycle(procon) -> None:
    schema = _schema(procon)

    classifications = _enum(schema, "ComplaintDetailOutput", "classification")
    assert classifications == ["", *Classification.values]
    assert "agreement" in classifications
    assert _enum(schema, "EventOutput", "step") == Step.values
    assert "record_minutes" in _enum(schema, "EventOutput", "step")


def test_the_santos_staff_token_on_campinas_is_answered_as_any_consumer_there(
    procon, other_procon
) -> None:
    # given a Santos attendant and a consumer who never filed at Campinas, with tokens there
    santos_attendant = staff(procon, StaffRole.ATTENDANT, cpf=ConsumerFactory.build().cpf)
    campinas = other_procon
    attendant = token_client(campinas, santos_attendant)
    stranger = token_client(campinas, ConsumerFactory())

    # then the default list is their own complaints there (none), alike
    mine = attendant.get("/api/v1/complaints/")
    assert mine.status_code == 200
    assert (
        mine.json()
        == stranger.get("/api/v1/complaints/").json()
        == {
            "next": None,
            "results": [],
        }
    )
    # and a scope they do not hold on this host is 404 for both, staff or company
    for client in (attendant, stranger):
        assert client.get("/api/v1/complaints/?scope=staff").status_code == 404
        assert client.get("/api/v1/complaints/?scope=company").status_code == 404

    # when the Santos attendant files a complaint at Campinas as a consumer, it is theirs there
    with tenant_context(campinas):
        complaint = file_complaint(consumer=santos_attendant)
    numbers = [c["number"] for c in attendant.get("/api/v1/complaints/").json()["results"]]
    assert numbers == [complaint.number]
    assert stranger.get("/api/v1/complaints/").json()["results"] == []


def test_the_cip_and_attachments_are_linked_and_open_with_a_token(santos) -> None:
    company = CompanyFactory()
    attendant = staff(santos, StaffRole.ATTENDANT)
    complaint = at_cip_sent(attendant, company=company, uploads=[pdf_upload()])
    path = f"/api/v1/complaints/{complaint.number}/"
    agent = token_client(santos, company_agent(company))
    consumer = token_client(santos, complaint.consumer)
    outsiders = [
        token_client(santos, ConsumerFactory()),
        token_client(santos, company_agent(CompanyFactory())),
    ]

    as_agent = agent.get(path).json()
    as_consumer = consumer.get(path).json()

    host = f"http://{santos.host}"
    cip = as_agent["links"]["cip_pdf"]
    assert cip == f"{host}/api/v1/complaints/{complaint.number}/cip.pdf"
    assert as_consumer["links"]["cip_pdf"] is None
    assert as_agent["links"]["hearings"] == f"{host}{path}hearings/"
    response = agent.get(cip.removeprefix(host), HTTP_ACCEPT="application/pdf")
    assert (response.status_code, response.content[:4]) == (200, b"%PDF")
    assert consumer.get(cip.removeprefix(host)).status_code == 404

    [attachment] = as_consumer["attachments"]
    url = attachment["api_url"].removeprefix(host)
    assert url == f"{path}attachments/{attachment['id']}/"
    for client in (consumer, agent, token_client(santos, attendant)):
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    for client in outsiders:
        assert client.get(url).status_code == 404
        assert client.get(cip.removeprefix(host)).status_code == 404


def _documented(schema: dict, path: str, method: str) -> set[int]:
    return {int(code) for code in schema["paths"][path][method]["responses"]}


def test_every_status_these_operations_answer_is_documented(santos, procon) -> None:
    schema = _schema(procon)
    company = CompanyFactory()
    attendant = staff(santos, StaffRole.ATTENDANT)
    complaint = at_cip_sent(attendant, company=company, uploads=[pdf_upload()])
    agent = token_client(santos, company_agent(company))
    stranger = token_client(santos, ConsumerFactory())
    anonymous = host_client(santos.host)
    number = complaint.number
    seen: dict[tuple[str, str], set[int]] = {}

    def call(client: Client, method: str, url: str, operation: str, **kwargs: object) -> None:
        response = getattr(client, method)(url, **kwargs)
        seen.setdefault((operation, method), set()).add(response.status_code)

    list_path = "/api/v1/complaints/"
    for client, query in (
        (agent, ""),
        (stranger, "?scope=company"),
        (stranger, "?status=nope"),
        (anonymous, ""),
    ):
        call(client, "get", list_path + query, list_path)
    cip = "/api/v1/complaints/{number}/cip.pdf"
    for client in (agent, stranger, anonymous):
        call(client, "get", f"/api/v1/complaints/{number}/cip.pdf", cip)
    attachment = "/api/v1/complaints/{number}/attachments/{attachment_id}/"
    attachment_id = complaint.attachments.get().pk
    for client in (agent, stranger, anonymous):
        call(client, "get", f"/api/v1/complaints/{number}/attachments/{attachment_id}/", attachment)
    for template in (
        "/api/v1/hearings/{hearing_id}/invitation.ics",
        "/api/v1/hearings/{hearing_id}/minutes.pdf",
    ):
        for client in (agent, anonymous):
            call(client, "get", template.replace("{hearing_id}", "999999"), template)
    send_cip = "/api/v1/complaints/{number}/send-cip/"
    for client in (token_client(santos, attendant), stranger, anonymous):
        call(
            client,
            "post",
            f"/api/v1/complaints/{number}/send-cip/",
            send_cip,
            content_type="application/json",
        )

    assert seen[(list_path, "get")] == {200, 400, 401, 404}
    assert seen[(send_cip, "post")] == {409, 404, 401}
    for (path, method), statuses in seen.items():
        assert statuses <= _documented(schema, path, method), (method, path, statuses)
