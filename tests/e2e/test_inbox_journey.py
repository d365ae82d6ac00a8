"""A company agent logs in on the platform's host, filters the inbox, opens a case of Sorocaba,
answers it there, and the consumer sees the answer on Sorocaba's host."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support import e2e

pytestmark = pytest.mark.e2e

PASSWORD = "senha-da-caixa-123"


@pytest.fixture(scope="session")
def inbox_journey(committed_procon, django_db_blocker) -> e2e.Committed:
    """A complaint waiting for the company's answer at Sorocaba, its consumer and an agent of the
    company, committed so that the server process sees them."""
    from django_tenants.utils import tenant_context
    from validate_docbr import CNPJ, CPF

    from shared.accounts.actions import do_grant_company_role, do_grant_staff_role
    from shared.companies.actions import do_register_company
    from tests.tenants.complaints.factories import at_cip_sent

    suffix = e2e.unique_suffix()

    def person(role: str, name: str, **extra: object):
        return e2e.committed_person(f"caixa.{role}.{suffix}@exemplo.test", name, PASSWORD, **extra)

    with e2e.committed_writes(django_db_blocker):
        agent = person("preposto", "Paula Preposta")
        consumer = person("consumidor", "Carlos Consumidor", cpf=CPF().generate())
        attendant = person("atendente", "Ana Atendente")
        do_grant_staff_role(attendant, procon=committed_procon, role="attendant")
        company = do_register_company(
            cnpj=CNPJ().generate(), legal_name="Loja da Caixa Ltda", trade_name="Loja da Caixa"
        )
        do_grant_company_role(agent, company=company, role="agent")
        with tenant_context(committed_procon):
            complaint = at_cip_sent(attendant, consumer=consumer, company=company)
    return e2e.Committed(
        agent_email=agent.email, consumer_email=consumer.email, number=complaint.number
    )


def test_an_agent_answers_a_sorocaba_case_from_the_inbox(
    page: Page, live_server_url: str, inbox_journey: e2e.Committed
) -> None:
    number = inbox_journey.number

    # given the agent logged in on the platform's host
    e2e.login(page, live_server_url, inbox_journey.agent_email, PASSWORD)
    page.get_by_test_id("nav-inbox").click()
    expect(page.get_by_test_id("inbox-filters")).to_be_visible()

    # when they filter the inbox by Sorocaba and by cases waiting for them
    page.locator("#id_procon").select_option("sorocaba")
    page.locator("#id_status").select_option("cip_sent")
    page.get_by_test_id("inbox-filter-submit").click()
    row = page.locator(f'[data-testid="inbox-row"][data-number="{number}"]')
    expect(row).to_be_visible()
    expect(page.locator('[data-testid="inbox-row"]:not([data-procon="sorocaba"])')).to_have_count(0)

    # and open the case and answer it
    row.get_by_test_id("inbox-link").click()
    expect(page.get_by_test_id("complaint-number")).to_have_text(number)
    expect(page).to_have_url(re.compile(rf"/empresa/caixa/sorocaba/{number}/$"))
    page.locator('input[name="answer_type"][value="solved_monetary"]').check()
    page.locator("#id_text").fill("Estornamos o valor cobrado em dobro.")
    page.locator("#id_offer").fill("Estorno integral")
    page.get_by_test_id("submit-answer").click()

    # then the case shows as answered, and the form is gone
    expect(page.get_by_test_id("complaint-status")).to_have_attribute("data-status", "answered")
    expect(page.get_by_test_id("company-answer")).to_have_attribute(
        "data-answer-type", "solved_monetary"
    )
    expect(page.get_by_test_id("step-answer")).to_have_count(0)
    assert e2e.horizontal_overflow(page) == 0

    # and the consumer sees the answer on Sorocaba's host
    with e2e.session_page(page.context.browser) as consumer:
        site = e2e.on_host(live_server_url, "sorocaba")
        e2e.login(consumer, site, inbox_journey.consumer_email, PASSWORD)
        consumer.goto(f"{site}/reclamacoes/{number}/")
        expect(consumer.get_by_test_id("complaint-status")).to_have_attribute(
            "data-status", "answered"
        )
        answer = consumer.get_by_test_id("company-answer")
        expect(answer).to_contain_text("Estornamos o valor cobrado em dobro.")
        expect(answer.get_by_test_id("answer-type")).to_have_attribute(
            "data-answer-type", "solved_monetary"
        )
