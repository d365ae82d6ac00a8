"""A sanction process in the browser: Sorocaba's inspector records an inspection and issues an
auto de infração, the company's agent files a defence from its inbox, the judging authority
decides with a fine computed step by step, and the company appeals from its inbox."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support import e2e

pytestmark = pytest.mark.e2e

PASSWORD = "senha-da-fiscalizacao-123"
SOROCABA_IBGE = 3552205


@pytest.fixture(scope="session")
def sanction_journey(committed_procon, django_db_blocker) -> e2e.Committed:
    """Sorocaba's inspector and judge, a company and its agent, committed so that the server
    process sees them."""
    from django_tenants.utils import tenant_context

    from tenants.penalties.models import LegalProvision

    people = e2e.People("fiscalizacao", PASSWORD)
    with e2e.committed_writes(django_db_blocker):
        inspector = people.staff("fiscal", "Fábio Fiscal", committed_procon, "inspector")
        judge = people.staff("julgador", "Júlia Julgadora", committed_procon, "judge")
        agent = people.person("preposto", "Paulo Preposto")
        company = e2e.company_with_agent(
            agent, legal_name="Mercado Fiscalizado Ltda", trade_name="Mercado F"
        )
        with tenant_context(committed_procon):
            provision = LegalProvision.objects.get(code="CDC art. 31")
    return e2e.Committed(
        **e2e.emails(inspector=inspector, judge=judge, agent=agent),
        inspector_id=inspector.pk,
        company_cnpj=company.cnpj,
        provision_id=provision.pk,
    )


def test_an_auto_is_defended_decided_with_a_fine_and_appealed(
    page: Page, live_server_url: str, sanction_journey: e2e.Committed
) -> None:
    journey = sanction_journey
    sorocaba = e2e.on_host(live_server_url, "sorocaba")

    # given the inspector records an inspection at Sorocaba
    e2e.login(
        page, sorocaba, journey.inspector_email, PASSWORD, then="/fiscalizacao/inspecoes/nova/"
    )
    page.locator("#id_origin").select_option("planned")
    page.locator("#id_company_cnpj").fill(journey.company_cnpj)
    page.locator("#id_place_address").fill("Rua XV de Novembro, 200, Centro")
    city = page.get_by_role("combobox", name="Município")
    city.fill("")
    city.press_sequentially("soroc")
    page.get_by_role("option", name="Sorocaba/SP").click()
    expect(city).to_have_value("Sorocaba")
    expect(page.locator("#id_municipality_ibge")).to_have_value(str(SOROCABA_IBGE))
    page.locator("#id_inspected_at").fill("2026-11-02T10:30")
    page.locator(f'input[name="inspectors"][value="{journey.inspector_id}"]').check()
    page.locator("#id_findings").fill("Produtos expostos sem preço na vitrine.")
    page.get_by_test_id("inspection-submit").click()

    # when they draw up and sign the auto de infração, then notify the company
    page.get_by_test_id("issue-notice").click()
    page.locator("#id_occurred_at").fill("2026-11-02T10:30")
    page.locator("#id_facts").fill("Doze produtos expostos sem preço, contra o CDC art. 31.")
    page.locator(f'input[name="provisions"][value="{journey.provision_id}"]').check()
    page.locator("#id_revenue_estimate").fill("1000000.00")
    page.locator("#id_inspector_registration").fill("F-2026")
    page.get_by_test_id("notice-submit").click()
    expect(page).to_have_url(re.compile(r"/fiscalizacao/processos/[^/]+/$"))
    number = page.url.rstrip("/").rsplit("/", 1)[1]
    page.get_by_test_id("notify").click()
    expect(page.get_by_test_id("process-stage")).to_have_attribute(
        "data-status", "awaiting_defence"
    )

    # then the company's agent finds it in the inbox and files a defence with a witness
    with e2e.session_page(page.context.browser) as agent:
        e2e.login(agent, live_server_url, journey.agent_email, PASSWORD)
        agent.goto(f"{live_server_url}/empresa/caixa/")
        row = agent.locator(f'[data-testid="inbox-row"][data-number="{number}"]')
        expect(row).to_have_attribute("data-kind", "sanction")
        row.get_by_test_id("inbox-link").click()
        expect(agent).to_have_url(re.compile(rf"/empresa/caixa/sorocaba/processos/{number}/$"))
        expect(agent.get_by_test_id("base-amount")).to_have_attribute("data-amount", "3759.40")
        agent.locator("#step-defence #id_text").fill("Os preços estavam no sistema do caixa.")
        agent.locator("#id_witness_1_name").fill("Marta Gerente")
        agent.locator("#id_witness_1_contact").fill("marta@exemplo.test")
        agent.get_by_test_id("submit-defence").click()
        expect(agent.get_by_test_id("process-status")).to_have_attribute(
            "data-status", "defence_filed"
        )
        expect(agent.get_by_test_id("step-defence")).to_have_count(0)
        assert e2e.horizontal_overflow(agent) == 0

        # when the judging authority decides with a fine
        with e2e.session_page(page.context.browser) as judge:
            e2e.login(judge, sorocaba, journey.judge_email, PASSWORD)
            judge.goto(f"{sorocaba}/fiscalizacao/processos/{number}/")
            decide_link = judge.get_by_test_id("decide")
            if decide_link.count():
                decide_link.click()
            judge.locator('input[name="dismiss"][value="0"]').check()
            judge.locator('input[name="sanctions"][value="fine"]').check()
            judge.locator("#id_reasoning").fill("Infração comprovada pelas fotos da vitrine.")
            judge.get_by_test_id("decision-submit").click()
            judge.goto(f"{sorocaba}/fiscalizacao/processos/{number}/")
            expect(judge.get_by_test_id("process-stage")).to_have_attribute(
                "data-status", "appeal_window"
            )

        # then the company sees the fine (group I: R$ 1,000,000.00 x 0.0037594), its calculation
        # step by step, and appeals
        agent.reload()
        expect(agent.get_by_test_id("decision-fine")).to_have_attribute("data-amount", "3759.40")
        expect(agent.get_by_test_id("fine-calculation")).to_be_visible()
        agent.locator("#step-appeal #id_text").fill("A multa ignora a correção imediata.")
        agent.get_by_test_id("submit-appeal").click()
        expect(agent.get_by_test_id("process-status")).to_have_attribute("data-status", "appealed")
        expect(
            agent.locator('[data-testid="timeline-entry"][data-step="file_appeal"]')
        ).to_have_count(1)
