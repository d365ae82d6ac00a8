"""The case between the parties: the complaint identifies the customer to the company (name, CPF,
contacts and an optional contract, account, line or order number), as the filing consent
promises. The company and the Procon's staff see them on the case page, the inbox, the API and
the CIP; another company gets 404 and the public never sees them."""

import json

import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from shared import formats
from shared.accounts.models import User
from shared.companies.models import Company
from shared.procons.models import Procon
from tenants.complaints.models import Complaint
from tests.factories import CompanyFactory, ConsumerFactory, company_agent
from tests.support.clients import logged_in_client
from tests.support.pdf import pdf_text
from tests.tenants.complaints.factories import at_cip_sent, catalogue_ids, filing_form

pytestmark = pytest.mark.django_db

REFERENCE = "Contrato 7781-XPTO"


@pytest.fixture
def consumer() -> User:
    return ConsumerFactory(
        full_name="Genoveva Albuquerque",
        email="genoveva@exemplo.test",
        phone="(13) 99777-1234",
    )


@pytest.fixture
def company() -> Company:
    return CompanyFactory(legal_name="Telefonia Litoral S.A.")


@pytest.fixture
def complaint(procon: Procon, attendant: User, consumer: User, company: Company) -> Complaint:
    with tenant_context(procon):
        return at_cip_sent(
            attendant, consumer=consumer, company=company, customer_reference=f"  {REFERENCE} "
        )


@pytest.fixture
def company_client(procon: Procon, company: Company) -> Client:
    """An agent of the complaint's company, signed in on the Procon's host."""
    return logged_in_client(company_agent(company), procon.host)


def _cpf(user: User) -> str:
    return formats.cpf(user.cpf)


def _stored_reference(procon: Procon, number: str) -> str:
    with tenant_context(procon):
        return Complaint.objects.get(number=number).customer_reference


def _api_filing(procon: Procon, company: Company, **overrides: object) -> dict[str, object]:
    ids = catalogue_ids(procon)
    return {
        "company_id": company.pk,
        "subject_id": ids["subject"],
        "problem_id": ids["problem"],
        "contacted_company_first": False,
        "facts": "A linha foi cortada sem aviso.",
        "request": "Quero a linha de volta.",
        "lgpd_consent": True,
    } | overrides


# --- filing -------------------------------------------------------------------------------------


def test_the_filing_page_keeps_the_reference(procon, consumer, company) -> None:
    client = logged_in_client(consumer, procon.host)
    page = client.get("/reclamar/").content.decode()
    assert 'name="customer_reference"' in page

    response = client.post(
        "/reclamar/", filing_form(procon, company, customer_reference=f" {REFERENCE} ")
    )

    assert response.status_code == 302
    number = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert _stored_reference(procon, number) == REFERENCE
    # the consumer sees their own reference on their case page
    html = client.get(response["Location"]).content.decode()
    assert 'data-testid="complaint-customer-reference"' in html and REFERENCE in html
    assert 'data-testid="customer"' not in html


def test_the_filing_api_keeps_the_reference_and_the_consumer_gets_no_customer_block(
    procon, consumer, company
) -> None:
    payload = _api_filing(procon, company, customer_reference=f"  {REFERENCE} ")
    client = logged_in_client(consumer, procon.host)

    response = client.post("/api/v1/complaints/", json.dumps(payload), "application/json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["customer_reference"] == REFERENCE
    # the consumer's own data is theirs already: the customer block is for the other side
    assert body["customer"] is None
    assert _stored_reference(procon, body["number"]) == REFERENCE
    again = client.get(f"/api/v1/complaints/{body['number']}/").json()
    assert again["customer_reference"] == REFERENCE and again["customer"] is None


def test_the_filing_api_refuses_a_reference_longer_than_60(procon, consumer, company) -> None:
    payload = _api_filing(procon, company, customer_reference="9" * 61)
    client = logged_in_client(consumer, procon.host)
    response = client.post("/api/v1/complaints/", json.dumps(payload), "application/json")
    assert response.status_code == 400
    assert "customer_reference" in response.json()


# --- what the company sees ------------------------------------------------------------------------


def _assert_customer_block(html: str, consumer: User) -> None:
    assert 'data-testid="customer"' in html
    assert consumer.full_name in html
    assert _cpf(consumer) in html
    assert consumer.email in html
    assert "(13) 99777-1234" in html
    assert REFERENCE in html


def test_the_companys_agent_sees_the_customer_on_the_case_page(
    complaint, consumer, company_client
) -> None:
    html = company_client.get(f"/reclamacoes/{complaint.number}/")
    assert html.status_code == 200
    _assert_customer_block(html.content.decode(), consumer)


def test_the_companys_agent_sees_the_customer_in_the_inbox(
    procon, complaint, company, consumer
) -> None:
    agent = company_agent(company)
    response = logged_in_client(agent, "localhost").get(
        f"/empresa/caixa/{procon.slug}/{complaint.number}/"
    )
    assert response.status_code == 200
    _assert_customer_block(response.content.decode(), consumer)


def test_staff_see_the_customer_on_the_case_page(procon, complaint, attendant, consumer) -> None:
    html = logged_in_client(attendant, procon.host).get(f"/reclamacoes/{complaint.number}/")
    _assert_customer_block(html.content.decode(), consumer)


def test_the_api_gives_the_company_and_staff_the_customer(
    procon, complaint, company, attendant, consumer
) -> None:
    expected = {
        "name": "Genoveva Albuquerque",
        "cpf": _cpf(consumer),
        "email": "genoveva@exemplo.test",
        "phone": "(13) 99777-1234",
        "reference": REFERENCE,
    }
    path = f"/api/v1/complaints/{complaint.number}/"
    for user in (company_agent(company), attendant):
        body = logged_in_client(user, procon.host).get(path).json()
        assert body["customer"] == expected
        assert body["customer_reference"] == REFERENCE


def test_the_inbox_api_gives_the_company_the_customer(procon, complaint, company, consumer) -> None:
    agent = company_agent(company)
    response = logged_in_client(agent, "localhost").get(
        f"/api/v1/inbox/{procon.slug}/{complaint.number}/"
    )
    assert response.status_code == 200
    assert response.json()["customer"] == {
        "name": "Genoveva Albuquerque",
        "cpf": _cpf(consumer),
        "email": "genoveva@exemplo.test",
        "phone": "(13) 99777-1234",
        "reference": REFERENCE,
    }


def test_another_companys_agent_gets_404_everywhere(procon, complaint, consumer) -> None:
    stranger = company_agent(CompanyFactory())
    client = logged_in_client(stranger, procon.host)
    for path in (
        f"/reclamacoes/{complaint.number}/",
        f"/reclamacoes/{complaint.number}/cip.pdf",
        f"/api/v1/complaints/{complaint.number}/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert _cpf(consumer).encode() not in response.content
        assert REFERENCE.encode() not in response.content
    platform = logged_in_client(stranger, "localhost")
    for path in (
        f"/empresa/caixa/{procon.slug}/{complaint.number}/",
        f"/api/v1/inbox/{procon.slug}/{complaint.number}/",
    ):
        assert platform.get(path).status_code == 404, path


def test_the_cip_carries_the_customers_cpf_contacts_and_reference(
    complaint, consumer, company_client
) -> None:
    response = company_client.get(f"/reclamacoes/{complaint.number}/cip.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Genoveva Albuquerque" in text
    assert _cpf(consumer) in text
    assert "genoveva@exemplo.test" in text
    assert "(13) 99777-1234" in text
    assert REFERENCE in text


def test_another_consumer_gets_404_without_the_customer(procon, complaint, consumer) -> None:
    response = logged_in_client(ConsumerFactory(), procon.host).get(
        f"/api/v1/complaints/{complaint.number}/"
    )
    assert response.status_code == 404
    assert REFERENCE.encode() not in response.content


def test_a_consumer_registered_without_an_e_mail_shows_none_to_the_company(
    procon, attendant, company
) -> None:
    """The reserved `.invalid` address of a consumer the counter registered without an e-mail is
    never shown as a contact: not on the case page, the CIP, the API nor the inbox."""
    from validate_docbr import CPF

    from shared.accounts.unclaimed import do_register_unclaimed_consumer

    walk_in, _created = do_register_unclaimed_consumer(
        full_name="Walter Sem E-mail", cpf=CPF().generate(), phone="(13) 3222-1234"
    )
    with tenant_context(procon):
        case = at_cip_sent(attendant, consumer=walk_in, company=company)
    agent = logged_in_client(company_agent(company), procon.host)

    page = agent.get(f"/reclamacoes/{case.number}/").content.decode()
    cip = pdf_text(agent.get(f"/reclamacoes/{case.number}/cip.pdf").content)
    api = agent.get(f"/api/v1/complaints/{case.number}/").json()["customer"]
    inbox = logged_in_client(company_agent(company), "localhost").get(
        f"/api/v1/inbox/{procon.slug}/{case.number}/"
    )

    assert ".invalid" not in page and ".invalid" not in cip
    assert "Walter Sem E-mail" in page and "(13) 3222-1234" in cip
    assert api["email"] == "" and api["phone"] == "(13) 3222-1234"
    assert inbox.json()["customer"]["email"] == ""
