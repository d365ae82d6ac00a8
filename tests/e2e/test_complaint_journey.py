"""A consumer files a complaint with a document in a real browser; an attendant of the same Procon
finds it in the queue, accepts it and sends the CIP, and sees the company's deadline."""

import re
from pathlib import Path

import pytest
from django_tenants.utils import tenant_context
from playwright.sync_api import Browser, Page, expect

from tenants.complaints.models import Complaint
from tests.support import e2e

pytestmark = pytest.mark.e2e

PASSWORD = "senha-da-jornada-123"
SAO_JOSE_DOS_CAMPOS = 3549904


@pytest.fixture(scope="session")
def journey(committed_procon, django_db_blocker) -> e2e.Committed:
    """A consumer with a CPF, an attendant of the Procon and a company, committed so that the server
    process sees them."""
    from validate_docbr import CNPJ, CPF

    from shared.accounts.actions import do_grant_staff_role
    from shared.companies.actions import do_register_company

    consumer_email, attendant_email = (
        "jornada.consumidor@exemplo.test",
        "jornada.atendente@exemplo.test",
    )
    with e2e.committed_writes(django_db_blocker):
        consumer = e2e.committed_person(
            consumer_email, "Cláudia Consumidora", PASSWORD, cpf=CPF().generate()
        )
        attendant = e2e.committed_person(attendant_email, "Antônio Atendente", PASSWORD)
        do_grant_staff_role(attendant, procon=committed_procon, role="attendant")
        company = do_register_company(
            cnpj=CNPJ().generate(), legal_name="Loja da Jornada Ltda", trade_name="Loja da Jornada"
        )
    return e2e.Committed(
        consumer_id=consumer.pk,
        consumer_email=consumer_email,
        attendant_email=attendant_email,
        company_cnpj=company.cnpj_display,
    )


def _pdf(tmp_path: Path) -> Path:
    from reportlab.pdfgen import canvas

    path = tmp_path / "nota-fiscal.pdf"
    document = canvas.Canvas(str(path))
    document.drawString(72, 720, "Nota fiscal 123")
    document.save()
    return path


def test_a_consumer_files_and_an_attendant_sends_the_cip(
    page: Page,
    browser: Browser,
    live_server_url: str,
    journey: e2e.Committed,
    committed_procon,
    tmp_path: Path,
) -> None:
    base = e2e.on_host(live_server_url, "sorocaba")  # the session's Procon for committed data

    # given a consumer logged in on the Procon's site (they land on their complaints)
    e2e.login(page, base, journey.consumer_email, PASSWORD)
    page.get_by_test_id("file-link").click()
    expect(page.get_by_test_id("file-form")).to_be_visible()

    # when they pick the company by part of its name, from the suggestions, with a tap
    company = page.get_by_role("combobox", name="Empresa: nome ou CNPJ")
    company.press_sequentially("loja da jorn")
    page.get_by_role("option", name=re.compile(r"^Loja da Jornada")).click()
    expect(company).to_have_value(journey.company_cnpj)

    # and their city, typed without accents and chosen with the keyboard
    city = page.get_by_role("combobox", name="Sua cidade")
    expect(city).to_have_value("Sorocaba")  # the Procon's city comes filled in
    city.fill("")
    city.press_sequentially("sao jose dos c")
    expect(page.get_by_role("listbox")).to_be_visible()
    expect(page.get_by_role("option", name="São José dos Campos/SP")).to_be_visible()
    expect(city).to_have_attribute("aria-expanded", "true")
    city.press("ArrowDown")
    expect(city).to_have_attribute("aria-activedescendant", re.compile(r"_listbox_0$"))
    city.press("Enter")
    expect(city).to_have_value("São José dos Campos")
    expect(page.locator("#id_consumer_municipality_ibge")).to_have_value(str(SAO_JOSE_DOS_CAMPOS))
    expect(page.get_by_role("listbox")).to_be_hidden()

    # and file the complaint with a PDF
    e2e.fill_complaint_details(
        page,
        facts="Comprei uma geladeira que chegou amassada e a loja não troca.",
        request="Quero a troca da geladeira.",
    )
    page.locator("#id_attachments").set_input_files(_pdf(tmp_path))
    page.locator("#id_lgpd_consent").check()
    page.get_by_test_id("file-submit").click()

    # then they see the protocol number and the first timeline entry
    number = page.get_by_test_id("complaint-number")
    expect(number).to_have_text(re.compile(r"^SOROCABA-\d{4}-\d{6}$"))
    protocol = number.inner_text()
    expect(page.locator(".message-success")).to_contain_text(protocol)
    expect(page.locator('[data-testid="timeline-entry"][data-step="file"]')).to_have_count(1)
    expect(page.get_by_test_id("attachment-link")).to_have_text("nota-fiscal.pdf")
    expect(page).to_have_url(re.compile(rf"/reclamacoes/{protocol}/$"))
    with tenant_context(committed_procon):
        filed = Complaint.objects.get(number=protocol)
        assert filed.consumer_municipality_id == SAO_JOSE_DOS_CAMPOS

    # when an attendant of the Procon opens the queue and the complaint
    with e2e.session_page(browser) as desk:
        e2e.login(desk, base, journey.attendant_email, PASSWORD)
        desk.get_by_test_id("nav-queue").click()
        # the Procon's queue may hold more than a page (other tests file here too): the
        # attendant narrows it to the company, as one does on a long queue
        option = desk.locator('select[name="company"] option', has_text="Loja da Jornada")
        desk.locator('select[name="company"]').select_option(option.get_attribute("value"))
        desk.get_by_test_id("queue-filter-submit").click()
        row = desk.locator(f'[data-testid="queue-row"][data-number="{protocol}"]')
        expect(row).to_be_visible()
        row.get_by_test_id("queue-link").click()
        expect(desk.get_by_test_id("complaint-number")).to_have_text(protocol)

        # and accepts it and sends the CIP
        desk.get_by_test_id("submit-aceitar").click()
        expect(desk.get_by_test_id("complaint-status")).to_have_attribute("data-status", "accepted")
        desk.get_by_test_id("submit-enviar-cip").click()

        # then the company's deadline shows on the page
        expect(desk.get_by_test_id("complaint-status")).to_have_attribute("data-status", "cip_sent")
        expect(desk.get_by_test_id("cip-due-on")).to_have_text(re.compile(r"\d{2}/\d{2}/\d{4}"))
        expect(desk.get_by_test_id("deadline-badge")).to_be_visible()
        assert e2e.horizontal_overflow(desk) == 0

    # and the consumer sees it too
    page.reload()
    expect(page.get_by_test_id("cip-due-on")).to_be_visible()
    expect(page.locator('[data-testid="timeline-entry"][data-step="send_cip"]')).to_have_count(1)
