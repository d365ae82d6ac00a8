"""Suppliers identified by CPF (a person selling as an individual, SINDEC's Tipo 0): one document
each, held by the database's constraints; never found by the company search (nor their CPF shown
by it); no public page, no team; a group of one."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from shared.companies.actions import do_invite_company_agent, do_register_company
from shared.companies.models import Company, DocumentKind
from shared.companies.selectors import company_group, company_search
from shared.documents import mask_cpf
from tests.conftest import host_client
from tests.factories import CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db

CPF = "11144477735"
OTHER_CPF = "39053344705"
NAME = "Maria Vendedora das Redes Sociais"


def test_a_cpf_is_masked_showing_only_its_middle_six_digits() -> None:
    assert mask_cpf("529.982.247-25") == "***.982.247-**"
    assert mask_cpf("12") == "***.***.***-**"


def test_a_person_supplier_holds_the_cpf_and_no_cnpj_and_is_registered_once() -> None:
    first = do_register_company(cpf="111.444.777-35", legal_name=NAME)
    again = do_register_company(cpf=CPF, legal_name="Outro nome")
    other = do_register_company(cpf=OTHER_CPF, legal_name="Zé Encanador")

    assert (first.kind, first.cpf, first.cnpj) == (DocumentKind.CPF, CPF, "")
    assert again.pk == first.pk
    # two suppliers without a CNPJ live side by side
    assert other.pk != first.pk and other.cnpj == ""
    assert first.cnpj_display == "CPF ***.444.777-**"
    assert first.cpf_display == "111.444.777-35"


def test_an_invalid_cpf_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as refused:
        do_register_company(cpf="111.444.777-36", legal_name=NAME)
    assert "cpf" in refused.value.error_dict
    assert not Company.objects.filter(kind=DocumentKind.CPF).exists()


@pytest.mark.parametrize(
    "row",
    [
        {"kind": DocumentKind.CPF, "cpf": CPF, "cnpj": "11222333000181"},  # both documents
        {"kind": DocumentKind.CPF, "cpf": "", "cnpj": ""},  # none
        {"kind": DocumentKind.CNPJ, "cpf": CPF, "cnpj": "11222333000181"},  # a CPF on a company
        {"kind": DocumentKind.CNPJ, "cpf": "", "cnpj": ""},  # a company without its CNPJ
        {"kind": DocumentKind.CPF, "cpf": "1114447773", "cnpj": ""},  # ten digits
    ],
)
def test_the_database_holds_exactly_one_document_of_the_suppliers_kind(row) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Company.objects.create(legal_name=NAME, **row)


def test_a_cnpj_and_a_cpf_stay_unique_in_the_database() -> None:
    company = CompanyFactory()
    do_register_company(cpf=CPF, legal_name=NAME)
    with pytest.raises(IntegrityError), transaction.atomic():
        Company.objects.create(kind=DocumentKind.CNPJ, cnpj=company.cnpj, legal_name="Cópia")
    with pytest.raises(IntegrityError), transaction.atomic():
        Company.objects.create(kind=DocumentKind.CPF, cpf=CPF, legal_name="Cópia")


def test_a_person_suppliers_group_is_itself_not_every_company() -> None:
    CompanyFactory()
    person = do_register_company(cpf=CPF, legal_name=NAME)
    do_register_company(cpf=OTHER_CPF, legal_name="Zé Encanador")

    assert list(company_group(person)) == [person]


def test_the_company_search_never_finds_a_person_supplier_nor_shows_a_cpf(procon) -> None:
    do_register_company(cpf=CPF, legal_name=NAME)
    CompanyFactory(legal_name="Maria Modas Comércio Ltda", trade_name="Maria Modas")

    by_name = [c.legal_name for c in company_search(query="Maria")]
    by_cpf = list(company_search(query=CPF))
    api = host_client("localhost").get("/api/v1/companies/", {"q": "Maria Vendedora"})
    picker = host_client(procon.host)
    picker.force_login(UserFactory())
    filing_picker = picker.get("/reclamar/empresas/", {"q": "Vendedora"})

    assert by_name == ["Maria Modas Comércio Ltda"]
    assert by_cpf == []
    assert api.status_code == 200 and api.json()["count"] == 0
    assert filing_picker.status_code == 200 and filing_picker.json()["results"] == []
    for body in (api.content.decode(), filing_picker.content.decode()):
        assert CPF not in body and "444.777" not in body and NAME not in body


def test_a_person_supplier_has_no_public_page_and_no_team() -> None:
    person = do_register_company(cpf=CPF, legal_name=NAME)
    client = host_client("localhost")

    assert client.get(f"/empresas/{CPF}/").status_code == 404
    assert client.get("/empresas/00000000000000/").status_code == 404
    with pytest.raises(ValidationError):
        do_invite_company_agent(person, actor=None, email="vendedora@example.com", role="admin")
