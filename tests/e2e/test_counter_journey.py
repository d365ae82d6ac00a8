"""The counter, end to end in a browser: an attendant registers an orientação for a walk-in
consumer without an account and prints the comprovante; then opens a CIP for a consumer found by
CPF, with the contract number; the company sees the customer's CPF and contract number and
answers; that consumer later claims the account the Procon created and sees the complaint and the
atendimento online."""

import re
from io import BytesIO

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from tests.support import e2e

pytestmark = pytest.mark.e2e

PASSWORD = "senha-do-balcao-123"
NEW_PASSWORD = "senha-nova-do-consumidor-456"


@pytest.fixture(scope="session")
def counter_journey(committed_procon, django_db_blocker) -> e2e.Committed:
    """At Sorocaba: an attendant; a consumer the Procon registered earlier without a password
    (found by CPF, with an e-mail); a company with an agent; a walk-in's CPF nobody has; and a
    subject with a problem filed under it."""
    from django_tenants.utils import tenant_context
    from validate_docbr import CPF

    from shared.accounts.unclaimed import do_register_unclaimed_consumer
    from tenants.catalogue.models import Problem, Subject
    from tests.tenants.counter.test_counter import _subject_and_problem

    people = e2e.People("balcao", PASSWORD)
    with e2e.committed_writes(django_db_blocker):
        attendant = people.staff("atendente", "Beatriz Balcão", committed_procon, "attendant")
        agent = people.person("preposto", "Pedro Preposto")
        company = e2e.company_with_agent(
            agent, legal_name="Telefonia do Balcão S.A.", trade_name="Telebal"
        )
        consumer, _created = do_register_unclaimed_consumer(
            full_name="Rosa Registrada",
            cpf=CPF().generate(),
            email=f"balcao.rosa.{people.suffix}@exemplo.test",
        )
        walk_in_cpf = CPF().generate()
        subject_id, problem_id = _subject_and_problem(committed_procon)
        with tenant_context(committed_procon):
            subject = Subject.objects.get(pk=subject_id)
            problem = Problem.objects.get(pk=problem_id)
    return e2e.Committed(
        **e2e.emails(attendant=attendant, agent=agent, consumer=consumer),
        consumer_id=consumer.pk,
        consumer_cpf=consumer.cpf,
        company_cnpj=company.cnpj,
        walk_in_cpf=walk_in_cpf,
        subject=str(subject),
        problem=str(problem),
    )


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def _format_cpf(digits: str) -> str:
    return f"{digits[:3]}.{digits[3:6]}.{digits[6:9]}-{digits[9:]}"


def _find(page: Page, cpf: str) -> None:
    page.get_by_test_id("nav-counter").click()
    page.get_by_test_id("consumer-lookup-form").locator("#id_cpf").fill(cpf)
    page.get_by_test_id("consumer-lookup-form").get_by_role("button").click()


def test_the_counter_journey(
    browser: Browser, page: Page, live_server_url: str, counter_journey: e2e.Committed
) -> None:
    journey = counter_journey
    procon_url = e2e.on_host(live_server_url, "sorocaba")

    # --- an orientação for a walk-in consumer without an account, and its comprovante
    e2e.login(page, procon_url, journey.attendant_email, PASSWORD)
    _find(page, journey.walk_in_cpf)
    create = page.get_by_test_id("consumer-create-form")
    expect(create).to_be_visible()
    create.locator("#id_new-full_name").fill("Walter Sem Conta")
    create.locator("#id_new-mobile").fill("(15) 99876-5432")
    create.get_by_role("button").click()
    expect(page.get_by_test_id("intake-consumer")).to_contain_text("Walter Sem Conta")
    page.locator('input[name="kind"][value="guidance"]').check()
    page.locator("#id_summary").fill("Pergunta se a loja pode recusar a troca de um presente.")
    page.locator("#id_guidance").fill("A troca sem defeito depende da política da loja.")
    page.get_by_test_id("intake-submit").click()
    expect(page.get_by_test_id("intake-kind")).to_be_visible()
    guidance_number = re.search(r"/atendimentos/([^/]+)/$", page.url).group(1)
    with page.expect_download() as download:
        page.get_by_test_id("receipt-link").click()
    assert download.value.suggested_filename == f"comprovante-{guidance_number}.pdf"
    with open(download.value.path(), "rb") as pdf:
        text = _pdf_text(pdf.read())
    assert guidance_number in text and "Walter Sem Conta" in text and "/conta/ativar/" in text

    # --- a CIP for a consumer found by CPF, with the contract number, sent at once
    _find(page, _format_cpf(journey.consumer_cpf))
    expect(page.get_by_test_id("consumer-found")).to_contain_text("Rosa Registrada")
    page.get_by_test_id("new-intake-link").click()
    page.locator('input[name="kind"][value="preliminary"]').check()
    page.locator("#id_c-company_cnpj").fill(journey.company_cnpj)
    page.locator("#id_c-subject").select_option(label=journey.subject)
    page.locator("#id_c-problem").select_option(label=journey.problem)
    page.locator("#id_c-contacted_company_first_0").check()
    page.locator("#id_c-customer_reference").fill("CONTRATO-55123")
    page.locator("#id_c-facts").fill("Cobrança de um pacote de dados que a consumidora cancelou.")
    page.locator("#id_c-request").fill("Cancelamento e estorno em dobro.")
    page.locator("#id_c-lgpd_consent").check()
    page.locator("#id_send_cip_now").check()
    page.get_by_test_id("intake-submit").click()
    complaint_link = page.get_by_test_id("intake-complaint")
    expect(complaint_link).to_be_visible()
    complaint_number = complaint_link.inner_text().strip()
    intake_number = re.search(r"/atendimentos/([^/]+)/$", page.url).group(1)

    # --- the company sees its customer's CPF and contract number, and answers
    with e2e.session_page(browser) as company_page:
        e2e.login(company_page, live_server_url, journey.agent_email, PASSWORD)
        company_page.get_by_test_id("nav-inbox").click()
        row = company_page.locator(f'[data-testid="inbox-row"][data-number="{complaint_number}"]')
        row.get_by_test_id("inbox-link").click()
        expect(company_page.get_by_test_id("customer-cpf")).to_have_text(
            _format_cpf(journey.consumer_cpf)
        )
        expect(company_page.get_by_test_id("customer-reference")).to_have_text("CONTRATO-55123")
        company_page.locator('input[name="answer_type"]').first.check()
        company_page.locator("#id_text").fill("Cancelamos o pacote e estornamos o valor.")
        company_page.get_by_test_id("submit-answer").click()
        expect(company_page.get_by_test_id("company-answer")).to_be_visible()

    # --- the consumer claims the account and sees the complaint and the atendimento
    from tests.support.mail import link_path, public_emails

    with e2e.session_page(browser) as consumer_page:
        consumer_page.goto(procon_url + "/entrar/")
        consumer_page.get_by_test_id("claim-account").click()
        consumer_page.locator("#id_cpf").fill(journey.consumer_cpf)
        consumer_page.get_by_role("button", name=re.compile("Continuar|Continue")).click()
        expect(consumer_page.get_by_test_id("claim-sent")).to_be_visible()
        (email,) = public_emails(f"claim:{journey.consumer_id}:")
        consumer_page.goto(procon_url + link_path(email))
        consumer_page.locator("#id_password1").fill(NEW_PASSWORD)
        consumer_page.locator("#id_password2").fill(NEW_PASSWORD)
        consumer_page.get_by_test_id("claim-password-form").get_by_role("button").click()
        e2e.login(consumer_page, procon_url, journey.consumer_email, NEW_PASSWORD)
        consumer_page.get_by_test_id("nav-my-complaints").click()
        expect(
            consumer_page.locator(
                f'[data-testid="complaint-row"][data-number="{complaint_number}"]'
            )
        ).to_be_visible()
        consumer_page.get_by_test_id("nav-my-intakes").click()
        mine = consumer_page.locator(f'[data-testid="intake-row"][data-number="{intake_number}"]')
        expect(mine).to_be_visible()
        expect(consumer_page.locator(f'[data-number="{guidance_number}"]')).to_have_count(0)
        assert e2e.horizontal_overflow(consumer_page) == 0
