"""The company's sanction API on the platform's host: its notified processes across Procons,
one process with the fine's calculation, and the defence, payment and appeal steps; 400 naming
the field, 409 for a step the stage refuses, 404 outside the company group."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from tenants.sanctions.lifecycle import ProcessStatus
from tenants.sanctions.models import InfractionNotice
from tests.support.clients import logged_in_client
from tests.tenants.queries import data_statements
from tests.tenants.sanctions.factories import notified

pytestmark = pytest.mark.django_db


def _api(notice: InfractionNotice, step: str = "") -> str:
    return f"/api/v1/inbox/santos/processes/{notice.number}/{step}"


def test_the_list_holds_the_groups_notified_processes_only(agent_client, processes):
    response = agent_client.get("/api/v1/inbox/sanctions/")

    assert response.status_code == 200
    rows = response.json()
    assert [r["number"] for r in rows] == [processes.awaiting.number]
    assert rows[0]["stage"] == "awaiting_defence"
    assert rows[0]["company_due_on"] == processes.awaiting.defence_due_on.isoformat()
    assert rows[0]["url"] == _api(processes.awaiting)


def test_the_list_reads_as_many_queries_for_one_process_as_for_three(
    agent_client, processes, procon, inspector, company
):
    agent_client.get("/api/v1/inbox/sanctions/")  # the session is warm
    with CaptureQueriesContext(connection) as one:
        agent_client.get("/api/v1/inbox/sanctions/")
    with tenant_context(procon):
        notified(inspector, company=company)
        notified(inspector, company=company)
    with CaptureQueriesContext(connection) as three:
        response = agent_client.get("/api/v1/inbox/sanctions/")

    assert len(response.json()) == 3

    def reads(captured: CaptureQueriesContext) -> list[str]:
        # Without the schema switches: creating the processes above left the connection on the
        # Procon's search path, which the next request on the platform's host sets back.
        return data_statements(captured)

    assert len(reads(three)) == len(reads(one))


def test_the_complaint_inbox_api_still_lists_complaints_only(agent_client, processes):
    response = agent_client.get("/api/v1/inbox/")
    assert response.status_code == 200
    assert processes.awaiting.number not in response.content.decode()


def test_one_process_with_its_next_steps_and_base_value(agent_client, processes):
    body = agent_client.get(_api(processes.awaiting)).json()

    assert body["number"] == processes.awaiting.number
    assert body["next_steps"] == ["file_defence", "pay_at_base"]
    assert Decimal(body["base_amount"]).quantize(Decimal("0.01")) == Decimal("7518.80")
    assert all("access_code" not in event for event in body["timeline"])


def test_the_company_defends_through_the_api(agent_client, processes, procon):
    response = agent_client.post(
        _api(processes.awaiting, "defence/"),
        {
            "text": "Preços no sistema.",
            "witnesses": [{"name": "Ana", "contact": "ana@example.com"}],
        },
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["stage"] == "defence_filed"
    assert response.json()["defence"]["witnesses"] == [
        {"name": "Ana", "contact": "ana@example.com"}
    ]


@pytest.mark.parametrize(
    "body,field",
    [
        ({}, "text"),
        ({"text": "x", "witnesses": [{"name": str(i)} for i in range(4)]}, "witnesses"),
        ({"text": "x", "witnesses": "Ana"}, "witnesses"),
        ({"text": "x", "witnesses": [{"name": "A" * 151}]}, "witnesses"),
        ({"text": "x", "witnesses": [{"name": "Ana", "contact": "9" * 151}]}, "witnesses"),
        ({"text": "x", "witnesses": [{"name": "  "}]}, "witnesses"),
        ({"text": "x", "contests_revenue": True, "claimed_revenue": "100"}, "revenue_documents"),
        ({"text": "x", "contests_revenue": True, "claimed_revenue": "-1"}, "claimed_revenue"),
    ],
)
def test_bad_defence_input_is_a_400_naming_the_field(agent_client, processes, body, field):
    response = agent_client.post(
        _api(processes.awaiting, "defence/"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert field in response.json()


def test_too_many_witnesses_are_refused_in_portuguese(agent_client, processes):
    response = agent_client.post(
        _api(processes.awaiting, "defence/"),
        {"text": "x", "witnesses": [{"name": str(i)} for i in range(4)]},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="pt-BR",
    )
    assert response.json()["witnesses"] == ["Uma lista de no máximo 3 testemunhas."]


def test_a_long_witness_name_is_refused_in_portuguese_not_cut(agent_client, processes):
    response = agent_client.post(
        _api(processes.awaiting, "defence/"),
        {"text": "x", "witnesses": [{"name": "Maria " * 30}]},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="pt-BR",
    )
    assert response.status_code == 400
    assert response.json()["witnesses"] == [
        "O nome e o contato de uma testemunha têm no máximo 150 caracteres cada."
    ]


def test_paying_at_base_then_appealing_is_a_409(agent_client, processes, procon):
    paid = agent_client.post(
        _api(processes.awaiting, "pay-at-base/"),
        {"reference": "PIX 42"},
        content_type="application/json",
    )
    appeal = agent_client.post(
        _api(processes.awaiting, "appeal/"), {"text": "x"}, content_type="application/json"
    )

    assert paid.status_code == 200
    assert (paid.json()["stage"], paid.json()["outcome"]) == ("closed", "paid_at_base")
    assert appeal.status_code == 409
    assert appeal.json()["code"] == "illegal_step"


def test_the_company_appeals_a_fine_and_sees_the_calculation(agent_client, fined, procon):
    body = agent_client.get(_api(fined)).json()
    calculation = body["decisions"][0]["calculation"]
    assert calculation["amount_rounded"] == "7518.80"
    assert [s["code"] for s in calculation["steps"]][-1] == "fine"
    assert body["next_steps"] == ["file_appeal"]

    response = agent_client.post(
        _api(fined, "appeal/"), {"text": "Multa excessiva."}, content_type="application/json"
    )

    assert response.status_code == 200
    with tenant_context(procon):
        assert InfractionNotice.objects.get(pk=fined.pk).status == ProcessStatus.APPEALED


def test_outside_the_group_everything_is_404(foreign_agent, agent_client, processes):
    foreign = logged_in_client(foreign_agent)
    assert foreign.get(_api(processes.awaiting)).status_code == 404
    assert (
        foreign.post(
            _api(processes.awaiting, "defence/"), {"text": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert agent_client.get(_api(processes.issued)).status_code == 404
    assert agent_client.get(_api(processes.foreign)).status_code == 404
    assert [r["number"] for r in foreign.get("/api/v1/inbox/sanctions/").json()] == [
        processes.foreign.number
    ]
