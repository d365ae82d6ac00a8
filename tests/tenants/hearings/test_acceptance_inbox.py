"""The company accepts the minutes from its inbox (platform host): the case page shows the held
hearing's terms, due date, attendance and acceptances with the acceptance form, and links the
minutes' PDF and the preposto's letter; agents of other companies get 404."""

import pytest
from django_tenants.utils import tenant_context

from tenants.complaints.lifecycle import Step
from tenants.hearings.models import ConciliationHearing, MinutesAcceptance
from tests.factories import CompanyFactory, company_agent
from tests.support.clients import logged_in_client
from tests.tenants.hearings.attendance_factories import PREPOSTO_CAME, minutes_with
from tests.tenants.hearings.factories import at_hearing_scheduled, hearing_time_arrives

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(procon, attendant, conciliator) -> ConciliationHearing:
    with tenant_context(procon):
        hearing = hearing_time_arrives(at_hearing_scheduled(attendant, conciliator))
        minutes_with(hearing, conciliator, company=PREPOSTO_CAME, with_letter=True)
        return hearing


def case_path(hearing: ConciliationHearing) -> str:
    return f"/empresa/caixa/santos/{hearing.complaint.number}/"


def test_an_agent_accepts_from_the_inbox_and_downloads_the_documents(procon, held) -> None:
    agent = company_agent(held.complaint.company)
    client = logged_in_client(agent, REMOTE_ADDR="198.51.100.30")
    base = f"{case_path(held)}audiencias/{held.pk}/"

    page = client.get(case_path(held)).content.decode()
    assert 'data-testid="company-minutes"' in page
    assert "Troca do aparelho por um novo." in page
    assert "Paulo Preposto" in page
    assert f'action="{base}aceite/"' in page
    assert f'href="{base}ata.pdf"' in page
    assert f'href="{base}carta-de-preposicao/"' in page

    assert client.post(f"{base}aceite/", {}).status_code == 302  # box not ticked
    with tenant_context(procon):
        assert not MinutesAcceptance.objects.exists()
    response = client.post(f"{base}aceite/", {"accept-agree": "on"})
    assert response.status_code == 302
    assert response["Location"] == case_path(held)
    assert client.post(f"{base}aceite/", {"accept-agree": "on"}).status_code == 302
    with tenant_context(procon):
        acceptance = MinutesAcceptance.objects.get()
        assert (acceptance.party, acceptance.accepted_by_id, acceptance.ip_address) == (
            "company",
            agent.pk,
            "198.51.100.30",
        )
        assert held.complaint.events.filter(step=Step.ACCEPT_MINUTES).count() == 1
    page = client.get(case_path(held)).content.decode()
    assert 'data-testid="minutes-accept-form"' not in page
    assert 'data-testid="minutes-accepted-by-you"' in page

    pdf = client.get(f"{base}ata.pdf")
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    letter = client.get(f"{base}carta-de-preposicao/")
    assert letter.status_code == 200
    assert b"".join(letter.streaming_content).startswith(b"%PDF-")


def test_another_companys_agent_gets_404(procon, held) -> None:
    client = logged_in_client(company_agent(CompanyFactory()))
    base = f"{case_path(held)}audiencias/{held.pk}/"
    assert client.post(f"{base}aceite/", {"accept-agree": "on"}).status_code == 404
    assert client.get(f"{base}ata.pdf").status_code == 404
    assert client.get(f"{base}carta-de-preposicao/").status_code == 404
    with tenant_context(procon):
        assert not MinutesAcceptance.objects.exists()
