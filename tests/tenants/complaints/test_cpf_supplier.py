"""Complaints about a supplier identified by CPF (a person selling as an individual, SINDEC's
Tipo 0): filed through the page and the API, the CIP reaching the person through the access code,
the CPF in full only on the case page for the Procon's staff, and no company's agents reaching
the case through it."""

import uuid

import pytest
from django_tenants.utils import tenant_context

from kernel.workflow.codes import ACCESS_CODE_DATA_KEY
from shared.accounts.roles import StaffRole
from shared.companies.actions import do_register_company
from shared.companies.models import Company, DocumentKind
from shared.notifications.models import OutboundEmail
from shared.webhooks.actions import do_create_webhook_endpoint
from shared.webhooks.models import WebhookDelivery
from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.complaints.models import Complaint
from tests.conftest import host_client
from tests.factories import CompanyFactory, ConsumerFactory, company_agent, staff
from tests.support.clients import logged_in_client, post_json, status_of
from tests.support.pdf import pdf_text
from tests.tenants.complaints.factories import at_cip_sent, catalogue_ids

pytestmark = pytest.mark.django_db

CPF = "390.533.447-05"
CPF_DIGITS = "39053344705"
MASKED = "***.533.447-**"
NAME = "José Encanador da Silva"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _api_filing(procon, **overrides: object) -> dict[str, object]:
    catalogue = catalogue_ids(procon)
    return {
        "supplier_cpf": CPF,
        "company_name": NAME,
        "subject_id": catalogue["subject"],
        "problem_id": catalogue["problem"],
        "contacted_company_first": False,
        "facts": "Contratei o conserto de um vazamento, paguei e ele não voltou.",
        "request": "Quero o dinheiro de volta.",
        "lgpd_consent": True,
    } | overrides


def _page_filing(procon, **overrides: object) -> dict[str, object]:
    return {
        "company_cnpj": "",
        "supplier_cpf": CPF,
        "company_name": NAME,
        **catalogue_ids(procon),
        "contacted_company_first": "no",
        "facts": "Contratei o conserto de um vazamento, paguei e ele não voltou.",
        "request": "Quero o dinheiro de volta.",
        "lgpd_consent": "on",
        "form_token": uuid.uuid4().hex,
    } | overrides


def _supplier() -> Company:
    return Company.objects.get(kind=DocumentKind.CPF, cpf=CPF_DIGITS)


# --- filing -------------------------------------------------------------------------------------


def test_filing_through_the_api_against_a_cpf_registers_the_person_supplier(procon) -> None:
    client = logged_in_client(ConsumerFactory(), procon.host)

    response = post_json(client, "/api/v1/complaints/", _api_filing(procon))

    assert response.status_code == 201, response.json()
    supplier = _supplier()
    assert (supplier.cnpj, supplier.legal_name, supplier.is_person) == ("", NAME, True)
    assert response.json()["company"]["id"] == supplier.pk
    assert CPF_DIGITS not in response.content.decode()
    # filing again against the same CPF reuses the supplier
    again = post_json(client, "/api/v1/complaints/", _api_filing(procon, supplier_cpf=CPF_DIGITS))
    assert again.status_code == 201
    assert again.json()["company"]["id"] == supplier.pk


def test_an_invalid_cpf_through_the_api_is_a_400_naming_the_field_in_portuguese(procon) -> None:
    client = logged_in_client(ConsumerFactory(), procon.host)

    response = post_json(
        client,
        "/api/v1/complaints/",
        _api_filing(procon, supplier_cpf="390.533.447-06"),
        HTTP_ACCEPT_LANGUAGE="pt-br",
    )

    assert response.status_code == 400
    assert response.json()["supplier_cpf"] == ["Informe um CPF válido."]
    assert not Company.objects.filter(kind=DocumentKind.CPF).exists()


def test_a_cnpj_and_a_cpf_together_or_neither_are_refused_through_the_api(procon) -> None:
    client = logged_in_client(ConsumerFactory(), procon.host)
    company = CompanyFactory()

    both = post_json(client, "/api/v1/complaints/", _api_filing(procon, company_cnpj=company.cnpj))
    # (a name alone files against a supplier known by name: tests/tenants/complaints/
    # test_company_by_name.py)
    neither = post_json(
        client, "/api/v1/complaints/", _api_filing(procon, supplier_cpf="", company_name="")
    )

    assert both.status_code == 400 and "supplier_cpf" in both.json()
    assert neither.status_code == 400 and "company_id" in neither.json()
    with tenant_context(procon):
        assert not Complaint.objects.exists()


def test_filing_through_the_page_against_a_cpf_redirects_to_the_case(procon) -> None:
    client = logged_in_client(ConsumerFactory(), procon.host)

    form = client.get("/reclamar/")
    response = client.post("/reclamar/", _page_filing(procon))

    assert 'name="supplier_cpf"' in form.content.decode()
    assert response.status_code == 302
    with tenant_context(procon):
        complaint = Complaint.objects.get()
    assert response["Location"] == f"/reclamacoes/{complaint.number}/"
    assert complaint.company_id == _supplier().pk


def test_an_invalid_cpf_on_the_page_is_a_field_error_in_portuguese(procon) -> None:
    client = logged_in_client(ConsumerFactory(), procon.host)

    response = client.post(
        "/reclamar/",
        _page_filing(procon, supplier_cpf="111.111.111-11"),
        HTTP_ACCEPT_LANGUAGE="pt-br",
    )

    assert response.status_code == 400
    assert response.context["form"].errors["supplier_cpf"] == ["Informe um CPF válido."]
    assert not Company.objects.filter(kind=DocumentKind.CPF).exists()


def test_a_new_cpf_supplier_needs_a_name_on_the_page(procon) -> None:
    response = logged_in_client(ConsumerFactory(), procon.host).post(
        "/reclamar/", _page_filing(procon, company_name="")
    )

    assert response.status_code == 400
    assert "company_name" in response.context["form"].errors


# --- the case -----------------------------------------------------------------------------------


def _cip_sent_against_the_supplier(procon, attendant, consumer=None):
    with tenant_context(procon):
        supplier = Company.objects.filter(kind=DocumentKind.CPF, cpf=CPF_DIGITS).first()
        if supplier is None:
            supplier = do_register_company(cpf=CPF, legal_name=NAME)
        complaint = at_cip_sent(attendant, company=supplier, consumer=consumer or ConsumerFactory())
        code = complaint.events.get(step="send_cip").data[ACCESS_CODE_DATA_KEY]
    return complaint, code


def test_the_cip_reaches_the_person_through_the_access_code(procon) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    complaint, code = _cip_sent_against_the_supplier(procon, attendant)
    client = host_client(procon.host)

    opened = client.post("/responder/", {"number": complaint.number, "code": code})
    page = client.get(f"/responder/{complaint.number}/")
    answered = client.post(
        f"/responder/{complaint.number}/enviar/",
        {"answer_type": "solved_monetary", "text": "Devolvi o valor por Pix."},
    )

    assert opened.status_code == 302
    assert page.status_code == 200 and 'data-testid="step-answer"' in page.content.decode()
    assert answered.status_code == 302
    with tenant_context(procon):
        complaint.refresh_from_db()
    assert complaint.status == S.ANSWERED


def test_no_companys_agents_reach_a_cpf_suppliers_case_nor_hear_of_it(procon) -> None:
    # given agents (and a webhook) of an unrelated company
    attendant = staff(procon, StaffRole.ATTENDANT)
    other = CompanyFactory()
    agent = company_agent(other)
    admin = company_agent(other, role="admin")
    do_create_webhook_endpoint(
        company=other,
        actor=admin,
        url="https://example.com/hook",
        events=["complaint.cip_sent"],
    )

    # when a CIP goes to a supplier identified by CPF
    complaint, _code = _cip_sent_against_the_supplier(procon, attendant)

    # then the other company's agents neither see the case nor get its e-mail or webhook
    assert status_of(agent, procon.host, f"/reclamacoes/{complaint.number}/") == 404
    assert status_of(agent, procon.host, f"/api/v1/complaints/{complaint.number}/") == 404
    with tenant_context(procon):
        mails = OutboundEmail.objects.filter(key__endswith=":company")
        assert not [m for m in mails if agent.email in m.to or admin.email in m.to]
    assert not WebhookDelivery.objects.filter(endpoint__company=other).exists()


def test_staff_see_the_whole_cpf_on_the_case_page_the_consumer_a_masked_one(procon) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    consumer = ConsumerFactory()
    complaint, _code = _cip_sent_against_the_supplier(procon, attendant, consumer=consumer)
    path = f"/reclamacoes/{complaint.number}/"

    desk = logged_in_client(attendant, procon.host).get(path).content.decode()
    mine = logged_in_client(consumer, procon.host).get(path).content.decode()

    assert CPF in desk
    assert MASKED in mine and CPF not in mine and CPF_DIGITS not in mine
    # the CIP letter, addressed to the person, names them by their whole CPF
    cip = logged_in_client(attendant, procon.host).get(f"/reclamacoes/{complaint.number}/cip.pdf")
    assert cip.status_code == 200
    letter = b"".join(cip.streaming_content) if cip.streaming else cip.content
    text = pdf_text(letter)
    assert CPF in text and NAME in text
