"""The company sees who its customer is in its inbox list, its CSV and its API (name, CPF,
contacts, the reference the consumer gave), for its own cases only: another company's agent, a
supervisor and a consumer never get them. CSV cells are neutralised (the name is user text)."""

import csv
import io

import pytest
from django_tenants.utils import tenant_context

from shared import formats
from shared.caseindex.models import CaseIndexEntry
from tests.factories import ConsumerFactory
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import at_cip_sent

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer_case(procon, company, santos_attendant):
    consumer = ConsumerFactory(full_name='=HYPERLINK("http://x")', phone="(13) 99876-5432")
    with tenant_context(procon):
        complaint = at_cip_sent(
            santos_attendant,
            consumer=consumer,
            company=company,
            customer_reference="Contrato ZK-40417",
        )
    return consumer, complaint


def _csv(client) -> list[list[str]]:
    body = b"".join(client.get("/empresa/caixa.csv").streaming_content)
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_the_company_s_csv_names_its_customer_in_neutralised_cells(agent_client, customer_case):
    consumer, complaint = customer_case
    rows = _csv(agent_client)
    row = next(row for row in rows if row[1] == complaint.number)
    assert row[-5:] == [
        "'" + consumer.full_name,  # a formula would run in a spreadsheet: neutralised
        formats.cpf(consumer.cpf),
        consumer.email,
        "(13) 99876-5432",
        "Contrato ZK-40417",
    ]


def test_the_company_s_api_list_names_its_customer(agent_client, customer_case):
    consumer, complaint = customer_case
    results = agent_client.get("/api/v1/inbox/").json()["results"]
    ours = next(row for row in results if row["number"] == complaint.number)
    assert ours["customer"] == {
        "name": consumer.full_name,
        "cpf": formats.cpf(consumer.cpf),
        "email": consumer.email,
        "phone": "(13) 99876-5432",
        "reference": "Contrato ZK-40417",
    }
    detail = agent_client.get(f"/api/v1/inbox/santos/{complaint.number}/").json()
    assert detail["customer"]["reference"] == "Contrato ZK-40417"
    assert detail["customer"]["cpf"] == formats.cpf(consumer.cpf)


def test_another_company_never_gets_them(foreign_agent, customer_case, cases):
    consumer, complaint = customer_case
    client = logged_in_client(foreign_agent)
    listing = client.get("/api/v1/inbox/").content.decode()
    rows = _csv(client)
    detail = client.get(f"/api/v1/inbox/santos/{complaint.number}/")
    for text in (listing, "\n".join(";".join(row) for row in rows)):
        assert complaint.number not in text
        assert formats.cpf(consumer.cpf) not in text
        assert "ZK-40417" not in text
    assert detail.status_code == 404


def test_a_supervisor_and_a_consumer_get_no_inbox(supervisor, customer_case, state_procon):
    consumer, complaint = customer_case
    for user in (supervisor, consumer):
        client = logged_in_client(user)
        assert client.get("/api/v1/inbox/").status_code in (403, 404)
        assert client.get("/empresa/caixa.csv").status_code in (302, 403, 404)
        assert client.get(f"/api/v1/inbox/santos/{complaint.number}/").status_code in (403, 404)


def test_a_placeholder_address_of_a_counter_account_is_not_shown(agent_client, customer_case):
    consumer, complaint = customer_case
    type(consumer).objects.filter(pk=consumer.pk).update(email="0a1b2c@sem-email.invalid")
    results = agent_client.get("/api/v1/inbox/").json()["results"]
    ours = next(row for row in results if row["number"] == complaint.number)
    assert ours["customer"]["email"] == ""


def test_the_index_keeps_the_reference(customer_case, procon):
    _consumer, complaint = customer_case
    entry = CaseIndexEntry.objects.get(procon=procon, number=complaint.number)
    assert entry.customer_reference == "Contrato ZK-40417"


def test_the_company_s_inbox_list_names_its_customer(agent_client, customer_case):
    _consumer, complaint = customer_case
    page = agent_client.get("/empresa/caixa/").content.decode()
    row = page[page.index(f'data-number="{complaint.number}"') :]
    cell = row[row.index('data-testid="inbox-customer"') :]
    cell = cell[: cell.index("</td>")]
    assert "=HYPERLINK(&quot;http://x&quot;)" in cell  # escaped as text, never markup
    assert "Contrato ZK-40417" in cell
