"""A company agent logs in on the platform's host, filters the inbox, opens a case of Sorocaba,
answers it there, and the consumer sees the answer on Sorocaba's host."""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e

PASSWORD = "senha-da-caixa-123"


@dataclass(frozen=True)
class InboxJourney:
    agent_email: str
    consumer_email: str
    number: str


@pytest.fixture(scope="session")
def inbox_journey(committed_procon, django_db_blocker) -> InboxJourney:
    """A complaint waiting for the company's answer at Sorocaba, its consumer and an agent of the
    company, committed so that the server process sees them."""
    from django.db import connection
    from django_tenants.utils import tenant_context
    from validate_docbr import CNPJ, CPF

    from shared.accounts.actions import do_create_user, do_grant_company_role, do_grant_staff_role
    from shared.companies.actions import do_register_company
    from tests.tenants.complaints.factories import at_cip_sent

    with django_db_blocker.unblock():
        suffix = CPF().generate()[:6]
        agent = do_create_user(
            email=f"caixa.preposto.{suffix}@exemplo.test",
            full_name="Paula Preposta",
            password=PASSWORD,
            email_verified=True,
        )
        consumer = do_create_user(
            email=f"caixa.consumidor.{suffix}@exemplo.test",
            full_name="Carlos Consumidor",
            password=PASSWORD,
            cpf=CPF().generate(),
            email_verified=True,
        )
        attendant = do_create_user(
            email=f"caixa.atendente.{suffix}@exemplo.test",
            full_name="Ana Atendente",
            password=PASSWORD,
            email_verified=True,
        )
        do_grant_staff_role(attendant, procon=committed_procon, role="attendant")
        company = do_register_company(
            cnpj=CNPJ().generate(), legal_name="Loja da Caixa Ltda", trade_name="Loja da Caixa"
        )
        do_grant_company_role(agent, company=company, role="agent")
        with tenant_context(committed_procon):
            complaint = at_cip_sent(attendant, consumer=consumer, company=company)
        connection.set_schema_to_public()
    return InboxJourney(agent.email, consumer.email, complaint.number)


def _log_in(page: Page, base: str, email: str) -> None:
    login(page, base, email, PASSWORD)


def test_an_agent_answers_a_sorocaba_case_from_the_inbox(
    page: Page, live_server_url: str, inbox_journey: InboxJourney
) -> None:
    number = inbox_journey.number

    # given the agent logged in on the platform's host
    _log_in(page, live_server_url, inbox_journey.agent_email)
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
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0

    # and the consumer sees the answer on Sorocaba's host
    context = page.context.browser.new_context(
        locale="pt-BR", viewport={"width": 390, "height": 844}
    )
    consumer = context.new_page()
    try:
        site = live_server_url.replace("://localhost", "://sorocaba.localhost")
        _log_in(consumer, site, inbox_journey.consumer_email)
        consumer.goto(f"{site}/reclamacoes/{number}/")
        expect(consumer.get_by_test_id("complaint-status")).to_have_attribute(
            "data-status", "answered"
        )
        answer = consumer.get_by_test_id("company-answer")
        expect(answer).to_contain_text("Estornamos o valor cobrado em dobro.")
        expect(answer.get_by_test_id("answer-type")).to_have_attribute(
            "data-answer-type", "solved_monetary"
        )
    finally:
        context.close()
