"""A consented narrative in a browser, from the consumer's consent to the company's public page:
the consumer agrees on the case's page (the scrub is shown at once); the attendant approves the
scrubbed text in the moderation queue; the company's agent chooses a public response with words
of its own from the inbox; the attendant approves the words; an anonymous visitor reads the
narrative with the response on the company's page, on a phone, with none of the personal data the
consumer typed. Then the consumer withdraws and the page has it no more."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support import e2e

pytestmark = pytest.mark.e2e

PASSWORD = "senha-do-relato-123"
CPF_TYPED = "529.982.247-25"
PHONE_TYPED = "(15) 99876-5432"


@pytest.fixture(scope="session")
def narrative_case(committed_procon, django_db_blocker) -> e2e.Committed:
    """At Sorocaba, a complaint waiting for the company's answer whose facts carry the consumer's
    name, CPF and phone and an attendant's name; its consumer, an attendant and an agent."""
    from django_tenants.utils import tenant_context
    from validate_docbr import CPF

    from tests.tenants.complaints.factories import at_cip_sent

    people = e2e.People("relato", PASSWORD)
    with e2e.committed_writes(django_db_blocker):
        consumer = people.person("consumidora", "Renata Vasconcelos Lima", cpf=CPF().generate())
        attendant = people.staff("atendente", "Olga Moderadora", committed_procon, "attendant")
        agent = people.person("preposto", "Mauro Preposto")
        company = e2e.company_with_agent(
            agent, legal_name="Geladeiras do Relato Ltda", trade_name="GelaBem"
        )
        facts = (
            f"Sou Renata Vasconcelos Lima, CPF {CPF_TYPED}. A geladeira que comprei na GelaBem "
            f"chegou com a porta amassada; liguei do {PHONE_TYPED} e a atendente Marcia "
            "prometeu a troca, que nunca veio."
        )
        with tenant_context(committed_procon):
            complaint = at_cip_sent(attendant, consumer=consumer, company=company, facts=facts)
    return e2e.Committed(
        **e2e.emails(consumer=consumer, attendant=attendant, agent=agent),
        number=complaint.number,
        cnpj=company.cnpj,
    )


def _company_page(page: Page, url: str, cnpj: str) -> None:
    page.goto(f"{url}/empresas/{cnpj}/relatos/")


def test_a_narrative_from_consent_to_the_company_page_and_back(
    browser: Browser, live_server_url: str, narrative_case: e2e.Committed
) -> None:
    procon_url = e2e.on_host(live_server_url, "sorocaba")
    number = narrative_case.number

    # The consumer agrees on the case's page and sees the scrub before anyone else does.
    with e2e.session_page(browser) as consumer:
        e2e.login(consumer, procon_url, narrative_case.consumer_email, PASSWORD)
        consumer.goto(f"{procon_url}/reclamacoes/{number}/")
        consumer.get_by_test_id("narrative-panel-link").click()
        consumer.get_by_test_id("narrative-consent-submit").click()
        expect(consumer.get_by_test_id("narrative-status")).to_contain_text("Aguardando moderação")
        card = consumer.get_by_test_id("narrative-text-card")
        expect(card).to_contain_text("[CPF]")
        expect(card).not_to_contain_text(CPF_TYPED)
        expect(card).not_to_contain_text("Vasconcelos")
        assert e2e.horizontal_overflow(consumer) == 0

        # The attendant approves the scrubbed text from the queue, on a desktop screen.
        with e2e.session_page(browser, {"width": 1280, "height": 900}) as attendant:
            e2e.login(attendant, procon_url, narrative_case.attendant_email, PASSWORD)
            attendant.get_by_test_id("nav-narratives").click()
            attendant.get_by_test_id("narrative-queue").get_by_role("link", name=number).click()
            expect(attendant.get_by_test_id("original-facts")).to_contain_text(CPF_TYPED)
            expect(attendant.get_by_test_id("scrubbed")).not_to_contain_text(CPF_TYPED)
            attendant.get_by_test_id("approve").click()
            expect(attendant.get_by_test_id("narrative-status")).to_contain_text("Publicado")
            expect(attendant.locator(".message").first).to_contain_text("Relato publicado")

            # The company's agent answers in public from the inbox.
            with e2e.session_page(browser) as agent:
                e2e.login(agent, live_server_url, narrative_case.agent_email, PASSWORD)
                agent.goto(f"{live_server_url}/empresa/caixa/sorocaba/{number}/")
                panel = agent.get_by_test_id("public-response")
                expect(panel.get_by_test_id("published-narrative")).to_contain_text("[CPF]")
                form = panel.get_by_test_id("public-response-form")
                form.get_by_label("A empresa entende que foi um erro isolado").check()
                form.get_by_label("Suas palavras (opcional)").fill(
                    "Trocamos a geladeira da cliente Renata em 48 horas."
                )
                form.get_by_test_id("submit-public-response").click()
                expect(agent.get_by_test_id("response-text-status")).to_contain_text(
                    "Aguardando moderação"
                )
                assert e2e.horizontal_overflow(agent) == 0

            # The attendant approves the company's words (scrubbed of the consumer's name).
            attendant.goto(f"{procon_url}/relatos/{number}/resposta/")
            expect(attendant.get_by_test_id("scrubbed")).not_to_contain_text("Renata")
            attendant.get_by_test_id("approve").click()

        # Anyone reads it on the company's page, with the response, on a phone.
        with e2e.session_page(browser) as visitor:
            _company_page(visitor, live_server_url, narrative_case.cnpj)
            narrative = visitor.get_by_test_id("narrative").first
            expect(narrative.get_by_test_id("narrative-text")).to_contain_text("porta amassada")
            expect(narrative.get_by_test_id("narrative-text")).not_to_contain_text(CPF_TYPED)
            expect(narrative.get_by_test_id("narrative-text")).not_to_contain_text(PHONE_TYPED)
            expect(narrative.get_by_test_id("narrative-response-kind")).to_contain_text(
                "erro isolado"
            )
            expect(narrative.get_by_test_id("narrative-response-text")).to_contain_text(
                "Trocamos a geladeira da cliente [NOME]"
            )
            assert e2e.horizontal_overflow(visitor) == 0

            # The consumer withdraws: the page has it no more.
            consumer.get_by_test_id("narrative-withdraw-submit").click()
            expect(consumer.get_by_test_id("narrative-status")).to_contain_text(
                "Autorização retirada"
            )
            _company_page(visitor, live_server_url, narrative_case.cnpj)
            expect(visitor.get_by_test_id("narrative")).to_have_count(0)
            expect(visitor.get_by_test_id("narratives-empty")).to_be_visible()
