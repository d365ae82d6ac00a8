"""Triage suggestions in a browser: an attendant opens a new complaint filed under the wrong
subject, follows the reclassification panel to the suggestions, sees the closed complaints that
read alike and uses the suggested classification; the case page then shows it on the timeline."""

import pytest
from playwright.sync_api import Page, expect

from tests.support import e2e

pytestmark = pytest.mark.e2e

PASSWORD = "senha-da-triagem-123"
FRIDGE = "A geladeira chegou quebrada, com a porta amassada, e a loja não troca o produto."


@pytest.fixture(scope="session")
def triage_case(committed_procon, django_db_blocker) -> e2e.Committed:
    """At Sorocaba: three closed complaints against a company about a broken fridge (one subject
    and problem), and a new one against it filed under another subject."""
    from django_tenants.utils import tenant_context
    from validate_docbr import CNPJ

    from shared.companies.actions import do_register_company
    from tenants.catalogue.hierarchy import problems_for
    from tenants.catalogue.models import Subject
    from tenants.complaints.actions.answer import do_record_company_answer
    from tenants.complaints.actions.closing import do_rate_answer
    from tests.tenants.complaints.factories import at_cip_sent, file_complaint

    people = e2e.People("triagem", PASSWORD)
    with e2e.committed_writes(django_db_blocker):
        attendant = people.staff("atendente", "Tânia Triagem", committed_procon, "attendant")
        company = do_register_company(cnpj=CNPJ().generate(), legal_name="Geladeiras da Triagem SA")
        with tenant_context(committed_procon):
            fridge, other = Subject.objects.filter(active=True).order_by("id")[2:4]
            fridge_problem = problems_for(fridge).order_by("id").first()
            for _ in range(3):
                complaint = at_cip_sent(
                    attendant,
                    company=company,
                    subject=fridge,
                    problem=fridge_problem,
                    facts=FRIDGE,
                )
                complaint = do_record_company_answer(
                    complaint, actor=attendant, as_role="attendant", text="Trocamos a geladeira."
                )
                do_rate_answer(complaint, actor=complaint.consumer, resolved=True, satisfaction=5)
            new = file_complaint(
                company=company,
                subject=other,
                problem=problems_for(other).order_by("id").first(),
                facts="Minha geladeira veio quebrada e com a porta amassada.",
            )
    return e2e.Committed(
        **e2e.emails(attendant=attendant),
        number=new.number,
        fridge=fridge.name,
        fridge_problem=fridge_problem.name,
    )


def test_the_attendant_uses_a_suggested_classification(
    page: Page, live_server_url: str, triage_case: e2e.Committed
) -> None:
    procon_url = e2e.on_host(live_server_url, "sorocaba")
    e2e.login(page, procon_url, triage_case.attendant_email, PASSWORD)
    page.goto(f"{procon_url}/reclamacoes/{triage_case.number}/")

    page.get_by_test_id("suggestions-link").click()
    expect(page.get_by_test_id("suggested-subjects")).to_contain_text(triage_case.fridge)
    expect(page.get_by_test_id("similar-case")).to_have_count(3)
    pair = page.get_by_test_id("suggested-pair").filter(has_text=triage_case.fridge_problem)
    pair.get_by_test_id("use-suggestion").click()

    expect(page).to_have_url(f"{procon_url}/reclamacoes/{triage_case.number}/")
    reclassified = page.get_by_test_id("timeline").get_by_text(triage_case.fridge).first
    expect(reclassified).to_be_visible()
    assert e2e.horizontal_overflow(page) == 0
