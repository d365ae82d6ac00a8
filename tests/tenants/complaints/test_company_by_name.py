"""A consumer names the company by name or CNPJ: a name picks the company of that exact name, or
files against a supplier known only by name (a small local business) that the CIP cannot reach
until the attendant gives its CNPJ or CPF on the case page."""

import uuid

import pytest
from django_tenants.utils import tenant_context

from shared.companies.actions import do_identify_company, do_register_named_supplier
from shared.companies.models import NO_DOCUMENT, Company, DocumentKind
from shared.registry.names import open_data_company_name
from tenants.complaints.actions.triage import do_accept_complaint
from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.complaints.lifecycle import Step
from tenants.complaints.models import Complaint
from tests.factories import CompanyFactory, ConsumerFactory, cnpj_for
from tests.support.clients import logged_in_client, post_json
from tests.tenants.complaints.factories import (
    catalogue_ids,
    filing_form,
    reclassify_company_on_page,
)

pytestmark = pytest.mark.django_db

BAKERY = "Padaria Pão Quente"


def _file_by_name(procon, name: str) -> Complaint:
    form = filing_form(procon, CompanyFactory()) | {"company_cnpj": name, "company_name": ""}
    response = logged_in_client(ConsumerFactory(), procon.host).post("/reclamar/", form)
    assert response.status_code == 302, response.context["form"].errors
    with tenant_context(procon):
        return Complaint.objects.select_related("company").get(
            number=response["Location"].split("/")[2]
        )


def test_a_business_named_without_a_cnpj_is_filed_against(procon) -> None:
    complaint = _file_by_name(procon, f"  {BAKERY} ")
    company = complaint.company
    assert (company.kind, company.legal_name, company.cnpj, company.cpf) == (
        DocumentKind.NAME,
        BAKERY,
        "",
        "",
    )
    # the consumer's city (a municipal Procon's own when not given)
    assert (company.city, company.state) == ("Santos", "SP")
    assert company.is_identified is False
    # never a blank document on a page
    assert company.cnpj_display == company.document_display == str(NO_DOCUMENT)
    page = logged_in_client(complaint.consumer, procon.host).get(
        f"/reclamacoes/{complaint.number}/"
    )
    assert f"{BAKERY} ({NO_DOCUMENT})" in page.content.decode()


def test_a_name_typed_exactly_picks_the_known_company(procon) -> None:
    known = CompanyFactory(legal_name="Eletro Lar Comércio Ltda", trade_name="Eletro Lar")
    complaint = _file_by_name(procon, "ELETRO LAR")
    assert complaint.company_id == known.pk


def test_the_api_files_with_a_name_alone(procon) -> None:
    ids = catalogue_ids(procon)
    response = logged_in_client(ConsumerFactory(), procon.host).post(
        "/api/v1/complaints/",
        {
            "company_name": BAKERY,
            "subject_id": ids["subject"],
            "problem_id": ids["problem"],
            "contacted_company_first": False,
            "facts": "Comprei um bolo estragado.",
            "request": "Quero o dinheiro de volta.",
            "lgpd_consent": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    company = Company.objects.get(pk=response.json()["company"]["id"])
    assert (company.kind, company.legal_name) == (DocumentKind.NAME, BAKERY)


def test_the_cip_is_refused_until_the_company_is_identified(procon, attendant) -> None:
    complaint = _file_by_name(procon, BAKERY)
    with tenant_context(procon):
        do_accept_complaint(complaint, actor=attendant, as_role="attendant")
    client = logged_in_client(attendant, procon.host)
    page = client.get(f"/reclamacoes/{complaint.number}/").content.decode()
    assert 'data-testid="company-unidentified"' in page
    # the page
    response = client.post(f"/reclamacoes/{complaint.number}/enviar-cip/")
    assert response.status_code == 400
    assert "Reclassif" in response.content.decode()
    # the API: the error names the company
    api = post_json(client, f"/api/v1/complaints/{complaint.number}/send-cip/", {})
    assert api.status_code == 400
    assert set(api.json()) == {"company"}
    with tenant_context(procon):
        complaint.refresh_from_db()
        assert complaint.status == S.ACCEPTED
        assert not complaint.events.filter(step=Step.SEND_CIP).exists()


def test_a_cnpj_the_platform_knows_moves_the_case_to_that_company(procon, attendant) -> None:
    known = CompanyFactory()
    complaint = _file_by_name(procon, BAKERY)
    named = complaint.company
    client = logged_in_client(attendant, procon.host)
    response = reclassify_company_on_page(client, complaint, known.cnpj_display)
    assert response.status_code == 302
    with tenant_context(procon):
        complaint.refresh_from_db()
        change = complaint.events.get(step=Step.RECLASSIFY).data["changes"]["company"]
    assert complaint.company_id == known.pk
    assert change["old"] == {"id": named.pk, "name": BAKERY, "document": str(NO_DOCUMENT)}
    named.refresh_from_db()
    assert named.kind == DocumentKind.NAME  # the named row is left as it was


def test_a_new_cnpj_completes_the_named_company_and_the_cip_goes(procon, attendant) -> None:
    complaint = _file_by_name(procon, BAKERY)
    named = complaint.company
    cnpj = cnpj_for("61234567")
    client = logged_in_client(attendant, procon.host)
    response = post_json(
        client, f"/api/v1/complaints/{complaint.number}/reclassify/", {"company_cnpj": cnpj}
    )
    assert response.status_code == 200, response.json()
    named.refresh_from_db()
    assert (named.kind, named.cnpj, named.legal_name) == (DocumentKind.CNPJ, cnpj, BAKERY)
    with tenant_context(procon):
        complaint.refresh_from_db()
        change = complaint.events.get(step=Step.RECLASSIFY).data["changes"]["company"]
    assert complaint.company_id == named.pk
    assert (change["old"]["document"], change["new"]["document"]) == (
        str(NO_DOCUMENT),
        f"CNPJ {named.cnpj_display}",
    )
    # the CIP now goes
    post_json(client, f"/api/v1/complaints/{complaint.number}/accept/", {})
    sent = post_json(client, f"/api/v1/complaints/{complaint.number}/send-cip/", {})
    assert sent.status_code == 200
    assert sent.json()["status"] == S.CIP_SENT


def test_identifying_twice_is_harmless_and_a_taken_cnpj_finds_its_owner() -> None:
    named = do_register_named_supplier(name=BAKERY, city="Santos", state="SP")
    owner = CompanyFactory()
    assert do_identify_company(named, cnpj=owner.cnpj) == owner
    cnpj = cnpj_for("71234567")
    completed = do_identify_company(named, cnpj=cnpj)
    assert (completed.pk, completed.cnpj) == (named.pk, cnpj)
    assert do_identify_company(completed, cnpj=cnpj).pk == named.pk


def test_the_open_data_never_prints_a_blank_for_a_named_company() -> None:
    name = open_data_company_name(
        cnpj="", legal_name=BAKERY, trade_name="", verified=False, kind=DocumentKind.NAME
    )
    assert name == "Fornecedor não identificado"


def test_the_company_picker_never_offers_a_named_company(procon) -> None:
    do_register_named_supplier(name="Padaria Única do Bairro", city="Santos", state="SP")
    client = logged_in_client(ConsumerFactory(), procon.host)
    response = client.get("/reclamar/empresas/?q=Padaria Única")
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_form_token_repeat_files_one_named_complaint(procon) -> None:
    consumer = ConsumerFactory()
    token = uuid.uuid4().hex
    form = filing_form(procon, CompanyFactory()) | {
        "company_cnpj": BAKERY,
        "company_name": "",
        "form_token": token,
    }
    client = logged_in_client(consumer, procon.host)
    assert client.post("/reclamar/", form).status_code == 302
    assert client.post("/reclamar/", form).status_code == 302
    with tenant_context(procon):
        assert Complaint.objects.filter(consumer=consumer).count() == 1
