"""The CIP letter as a PDF (/reclamacoes/<number>/cip.pdf): for this Procon's staff and the
company's agents once the CIP was sent; 404 for everyone else and before."""

import pytest
from django_tenants.utils import tenant_context

from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from shared.companies.models import Company
from shared.procons.models import Procon
from tenants.complaints.actions.triage import do_accept_complaint
from tenants.complaints.models import Complaint
from tenants.configuration.actions import do_update_procon_settings
from tests.conftest import host_client
from tests.factories import CompanyFactory, ConsumerFactory, company_agent, staff
from tests.support.clients import logged_in_client
from tests.support.pdf import pdf_text
from tests.tenants.complaints.factories import at_cip_sent, file_complaint

pytestmark = pytest.mark.django_db


def _path(complaint: Complaint) -> str:
    return f"/reclamacoes/{complaint.number}/cip.pdf"


@pytest.fixture
def company() -> Company:
    return CompanyFactory(legal_name="Eletro Santista Comércio Ltda")


@pytest.fixture
def consumer() -> User:
    return ConsumerFactory(full_name="Maria Consumidora")


@pytest.fixture
def complaint(procon: Procon, attendant: User, company: Company, consumer: User) -> Complaint:
    with tenant_context(procon):
        do_update_procon_settings(contact_email="atendimento@santos.test", phone="(13) 3201-5000")
        return at_cip_sent(attendant, company=company, consumer=consumer)


def test_staff_download_the_cip_with_number_deadline_and_company(
    procon, attendant, complaint, company, consumer
) -> None:
    # when
    response = logged_in_client(attendant, procon.host).get(_path(complaint))
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text(response.content)
    assert complaint.number in text
    assert complaint.cip_due_on.strftime("%d/%m/%Y") in text
    assert company.cnpj_display in text
    assert "Eletro Santista" in text
    assert "Maria Consumidora" in text
    assert "8.078/1990" in text and "2.181/1997" in text
    assert f"{procon.host}" in text and "atendimento@santos.test" in text


def test_the_cip_identifies_the_customer_by_cpf_and_e_mail(
    procon, attendant, complaint, consumer
) -> None:
    # the filing consent says the company sees the consumer's CPF and contacts to identify them
    text = pdf_text(logged_in_client(attendant, procon.host).get(_path(complaint)).content)
    cpf = consumer.cpf
    assert f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}" in text
    assert consumer.email in text


def test_the_companys_agent_downloads_the_cip(procon, complaint, company) -> None:
    agent = company_agent(company)
    response = logged_in_client(agent, procon.host).get(_path(complaint))
    assert response.status_code == 200
    assert complaint.number in pdf_text(response.content)


def test_the_consumer_of_another_complaint_gets_404(procon, complaint) -> None:
    someone = ConsumerFactory()
    with tenant_context(procon):
        file_complaint(consumer=someone)
    assert logged_in_client(someone, procon.host).get(_path(complaint)).status_code == 404


def test_campinas_staff_get_404_on_either_host(procon, other_procon, complaint) -> None:
    campinas = staff(other_procon, StaffRole.TENANT_ADMIN)
    assert logged_in_client(campinas, procon.host).get(_path(complaint)).status_code == 404
    assert logged_in_client(campinas, other_procon.host).get(_path(complaint)).status_code == 404


def test_before_the_cip_there_is_no_letter(procon, attendant) -> None:
    with tenant_context(procon):
        accepted = do_accept_complaint(file_complaint(), actor=attendant, as_role="attendant")
    assert logged_in_client(attendant, procon.host).get(_path(accepted)).status_code == 404


def test_anonymous_users_go_to_the_login_page(procon, complaint) -> None:
    response = host_client(procon.host).get(_path(complaint))
    assert response.status_code == 302
    assert response["Location"].startswith("/entrar/")


def test_the_complaint_page_links_the_cip_for_staff_and_company_only(
    procon, attendant, complaint, company, consumer
) -> None:
    link = b'data-testid="cip-pdf"'
    page = f"/reclamacoes/{complaint.number}/"
    assert link in logged_in_client(attendant, procon.host).get(page).content
    assert link in logged_in_client(company_agent(company), procon.host).get(page).content
    assert link not in logged_in_client(consumer, procon.host).get(page).content


def test_the_complaint_page_has_no_cip_link_before_the_cip(procon, attendant) -> None:
    with tenant_context(procon):
        registered = file_complaint()
    content = (
        logged_in_client(attendant, procon.host).get(f"/reclamacoes/{registered.number}/").content
    )
    assert b'data-testid="cip-pdf"' not in content


def test_the_letter_is_addressed_to_the_company_not_to_the_consumer(
    procon, complaint, consumer
) -> None:
    assert logged_in_client(consumer, procon.host).get(_path(complaint)).status_code == 404


def test_the_staffs_copy_carries_the_access_code_and_the_companys_never(
    procon: Procon, attendant: User, company: Company, complaint: Complaint
) -> None:
    from kernel.workflow.codes import ACCESS_CODE_DATA_KEY
    from tenants.complaints.actions.closing import do_withdraw_complaint

    with tenant_context(procon):
        code = complaint.events.get(step="send_cip").data[ACCESS_CODE_DATA_KEY]
    pdf = _path(complaint)

    staff_copy = pdf_text(b"".join(logged_in_client(attendant, procon.host).get(pdf)))
    company_copy = pdf_text(
        b"".join(logged_in_client(company_agent(company), procon.host).get(pdf))
    )
    api_copy = pdf_text(
        b"".join(
            logged_in_client(attendant, procon.host).get(
                f"/api/v1/complaints/{complaint.number}/cip.pdf"
            )
        )
    )

    # the letter a Procon prints for a company without an account says how to answer with it
    assert f"Código de acesso: {code}" in staff_copy
    assert "/responder/" in staff_copy.replace("\n", "")
    assert code in api_copy
    # the company's own copy never carries it (its agents answer signed in)
    assert code not in company_copy
    # and once the case closes, the code opens nothing and is no longer printed
    with tenant_context(procon):
        do_withdraw_complaint(complaint, actor=complaint.consumer, reason="")
    closed_copy = pdf_text(b"".join(logged_in_client(attendant, procon.host).get(pdf)))
    assert code not in closed_copy
