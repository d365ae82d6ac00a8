"""The inbox API on the platform's host: the list (keyset `next`), the counts, one case and the
answer (JSON or multipart); 401 for anonymous callers, 404 outside the company group."""

import pytest
from django_tenants.utils import tenant_context

from shared.accounts.actions import do_issue_api_token
from shared.caseindex.models import CaseIndexEntry
from tenants.complaints.lifecycle import ComplaintStatus as S
from tests.conftest import host_client
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import pdf_upload

pytestmark = pytest.mark.django_db


def _walk(client, url: str) -> list[str]:
    numbers: list[str] = []
    for _ in range(10):
        body = client.get(url).json()
        numbers += [row["number"] for row in body["results"]]
        if not body["next"]:
            return numbers
        url = body["next"]
    raise AssertionError("too many pages")


def test_the_list_has_the_groups_cases_of_every_procon(agent_client, cases) -> None:
    response = agent_client.get("/api/v1/inbox/")

    assert response.status_code == 200
    body = response.json()
    assert {r["number"] for r in body["results"]} == {c.number for c in cases.group()}
    assert {r["procon"]["slug"] for r in body["results"]} == {"santos", "campinas"}
    first = next(r for r in body["results"] if r["number"] == cases.santos_due.number)
    assert first["deadlines"]["running"]["kind"] in {"on_time", "due_soon"}
    assert first["links"]["page"].endswith(f"/empresa/caixa/santos/{cases.santos_due.number}/")
    assert body["next"] is None


@pytest.mark.parametrize("sort", ["deadline", "opened", "updated"])
def test_keyset_next_links_walk_every_case_once(agent_client, cases, sort, monkeypatch) -> None:
    monkeypatch.setattr("portals.inbox.selectors.PAGE_SIZE", 1)
    numbers = _walk(agent_client, f"http://localhost/api/v1/inbox/?sort={sort}")
    assert len(numbers) == len(set(numbers)) == 3


def test_filters_and_a_bad_cursor(agent_client, cases) -> None:
    body = agent_client.get("/api/v1/inbox/?procon=campinas").json()
    assert [r["number"] for r in body["results"]] == [cases.campinas_answered.number]
    body = agent_client.get("/api/v1/inbox/?status=cip_sent&deadline=on_time").json()
    assert {r["number"] for r in body["results"]} == {
        cases.santos_due.number,
        cases.santos_branch.number,
    }
    bad = agent_client.get("/api/v1/inbox/?cursor=bm9wZQ")
    assert bad.status_code == 400
    assert "cursor" in bad.json()
    assert agent_client.get("/api/v1/inbox/?sort=sideways").status_code == 400


def test_counts_per_status(agent_client, cases) -> None:
    body = agent_client.get("/api/v1/inbox/counts/").json()
    assert body == {"total": 3, "by_status": {"cip_sent": 2, "answered": 1}}
    body = agent_client.get("/api/v1/inbox/counts/?procon=santos&status=answered").json()
    assert body == {"total": 2, "by_status": {"cip_sent": 2}}


def test_one_case_shows_what_the_company_may_see(agent_client, cases) -> None:
    response = agent_client.get(f"/api/v1/inbox/santos/{cases.santos_due.number}/")

    assert response.status_code == 200
    body = response.json()
    assert body["can_answer"] is True
    assert body["consumer_name"]
    # the customer as the company identifies them (the filing consent says so)
    assert set(body["customer"]) == {"name", "cpf", "email", "phone", "reference"}
    assert body["customer"]["name"] == body["consumer_name"]
    steps = [e["step"] for e in body["timeline"]]
    assert steps == ["file", "accept", "send_cip"]
    assert "access_code" not in str(body)


def test_answering_as_json_changes_the_case_and_its_index_row(agent_client, cases, procon) -> None:
    number = cases.santos_due.number
    response = agent_client.post(
        f"/api/v1/inbox/santos/{number}/answer/",
        {"answer_type": "refused_not_customer", "text": "Não localizamos o cliente."},
        content_type="application/json",
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == S.ANSWERED
    assert body["answers"][0]["answer_type"] == "refused_not_customer"
    assert CaseIndexEntry.objects.get(procon=procon, number=number).status == S.ANSWERED
    with tenant_context(procon):
        cases.santos_due.refresh_from_db()
    assert cases.santos_due.answer_refused is True


def test_answering_as_multipart_with_a_document(agent_client, cases) -> None:
    number = cases.santos_branch.number
    response = agent_client.post(
        f"/api/v1/inbox/santos/{number}/answer/",
        {"answer_type": "solved_monetary", "text": "Estornado.", "attachments": [pdf_upload()]},
    )
    assert response.status_code == 200, response.json()
    attachment = response.json()["attachments"][0]
    assert attachment["download_url"].endswith(
        f"/empresa/caixa/santos/{number}/anexos/{attachment['id']}/"
    )
    assert agent_client.get(attachment["download_url"]).status_code == 200


def test_a_company_system_downloads_a_document_with_its_token(agent, foreign_agent, cases) -> None:
    # given a document on the case and the agent's API token
    number = cases.santos_branch.number
    answered = logged_in_client(agent).post(
        f"/api/v1/inbox/santos/{number}/answer/",
        {"answer_type": "explained", "text": "Segue o comprovante.", "attachments": [pdf_upload()]},
    )
    api_url = answered.json()["attachments"][0]["api_url"]
    _token, key = do_issue_api_token(agent, name="ERP")
    _other, other_key = do_issue_api_token(foreign_agent, name="ERP")

    # when the company's system fetches it with the token
    response = host_client("localhost").get(api_url, HTTP_AUTHORIZATION=f"Token {key}")

    # then it gets the PDF, and another company's token gets 404
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith("attachment;")
    foreign = host_client("localhost").get(api_url, HTTP_AUTHORIZATION=f"Token {other_key}")
    assert foreign.status_code == 404


def test_answer_errors_name_the_field_and_a_second_answer_is_409(agent_client, cases) -> None:
    path = f"/api/v1/inbox/santos/{cases.santos_due.number}/answer/"
    missing = agent_client.post(path, {"text": "Sem tipo."}, content_type="application/json")
    assert missing.status_code == 400
    assert set(missing.json()) == {"answer_type"}
    again = agent_client.post(
        f"/api/v1/inbox/campinas/{cases.campinas_answered.number}/answer/",
        {"answer_type": "explained", "text": "De novo."},
        content_type="application/json",
    )
    assert again.status_code == 409
    assert again.json()["code"] == "illegal_step"


def test_foreign_agents_get_404_and_anonymous_callers_401(foreign_agent, cases) -> None:
    client = logged_in_client(foreign_agent)
    number = cases.santos_due.number
    assert client.get(f"/api/v1/inbox/santos/{number}/").status_code == 404
    assert (
        client.post(
            f"/api/v1/inbox/santos/{number}/answer/",
            {"answer_type": "explained", "text": "x"},
            content_type="application/json",
        ).status_code
        == 404
    )
    listed = {r["number"] for r in client.get("/api/v1/inbox/").json()["results"]}
    assert listed == {c.number for c in cases.foreign()}
    anonymous = host_client("localhost")
    assert anonymous.get("/api/v1/inbox/").status_code == 401
    assert anonymous.get(f"/api/v1/inbox/santos/{number}/").status_code == 401
