"""A hearing as a Procon holds it, in a real browser: the conciliator schedules an in-person
hearing for a consumer aged 80 or more from the free times the page suggests for the room, records
who came (the company's preposto with the carta de preposição) and an agreement; the consumer and
the company's agent each accept the minutes online, and the consumer reads the terms on the case."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.support import e2e

pytestmark = pytest.mark.e2e

PASSWORD = "senha-da-audiencia-123"
TERMS = "A loja fará a montagem do guarda-roupa em até 10 dias, sem custo."


@pytest.fixture(scope="session")
def hearing_journey(committed_procon, django_db_blocker) -> e2e.Committed:
    """At Sorocaba: a complaint of a consumer aged 81 whose answer did not solve it (waiting for a
    hearing), its company's agent, a conciliator and a hearing room, committed for the server."""
    from django_tenants.utils import tenant_context
    from validate_docbr import CPF

    from tenants.complaints.priority import years_before
    from tenants.hearings.models import HearingRoom
    from tests.tenants.hearings.factories import at_not_resolved

    people = e2e.People("audiencia", PASSWORD)
    with e2e.committed_writes(django_db_blocker):
        consumer = people.person("consumidora", "Dona Benedita Prioritária", cpf=CPF().generate())
        agent = people.person("preposto", "Paulo Preposto")
        attendant = people.staff("atendente", "Ana Atendente", committed_procon, "attendant")
        conciliator = people.staff(
            "conciliador", "Cícero Conciliador", committed_procon, "conciliator"
        )
        company = e2e.company_with_agent(
            agent, legal_name="Móveis da Audiência Ltda", trade_name="Móveis Aud"
        )
        with tenant_context(committed_procon):
            room = HearingRoom.objects.create(
                name=f"Sala {people.suffix}", address="Rua da Penha, 680, 2º andar"
            )
            complaint = at_not_resolved(
                attendant,
                consumer=consumer,
                company=company,
                consumer_birth_date=years_before(timezone.localdate(), 81),
            )
    return e2e.Committed(
        **e2e.emails(consumer=consumer, agent=agent, conciliator=conciliator),
        number=complaint.number,
        room_id=room.pk,
        room_name=room.name,
    )


def _pdf(tmp_path: Path) -> Path:
    from tests.tenants.complaints.factories import pdf_bytes

    path = tmp_path / "carta-de-preposicao.pdf"
    path.write_bytes(pdf_bytes())
    return path


def test_an_in_person_hearing_from_the_suggested_times_to_the_minutes_both_parties_accept(
    page: Page,
    browser: Browser,
    live_server_url: str,
    hearing_journey: e2e.Committed,
    committed_procon,
    tmp_path: Path,
) -> None:
    base = e2e.on_host(live_server_url, "sorocaba")
    case = f"{base}/reclamacoes/{hearing_journey.number}/"

    # given the conciliator on the case of a consumer with priority service
    e2e.login(page, base, hearing_journey.conciliator_email, PASSWORD)
    page.goto(case)
    expect(page.get_by_test_id("complaint-priority")).to_contain_text("80 anos ou mais")

    # when they ask for the free times of a room, in person, and take the first one
    page.get_by_test_id("hearing-free-times-link").click()
    page.get_by_role("radio", name="Presencial", exact=True).check()
    page.get_by_label("Sala").select_option(str(hearing_journey.room_id))
    page.get_by_test_id("show-free-times").click()
    first = page.get_by_test_id("slot").first
    expect(first).to_be_visible()
    first.click()
    expect(page.get_by_role("radio", name="Presencial", exact=True)).to_be_checked()
    page.get_by_test_id("hearing-form-submit").click()

    # then the case shows the hearing in the room, with its address
    expect(page).to_have_url(case)
    expect(page.get_by_test_id("hearing-format")).to_have_text("Presencial")
    expect(page.get_by_test_id("hearing-room")).to_contain_text(hearing_journey.room_name)
    expect(page.get_by_test_id("hearing-room-address")).to_have_text("Rua da Penha, 680, 2º andar")
    expect(page.get_by_test_id("hearing-room-link")).to_have_count(0)  # no online room

    # when the day comes and the conciliator records who came and the agreement
    _hearing_day_arrives(committed_procon, hearing_journey.number)
    page.reload()
    page.locator('input[name="minutes-consumer_present"][value="yes"]').check()
    page.locator("#id_minutes-consumer_name").fill("Dona Benedita Prioritária")
    page.locator("#id_minutes-consumer_capacity").select_option("consumer")
    page.locator('input[name="minutes-company_present"][value="yes"]').check()
    page.locator("#id_minutes-company_name").fill("Paulo Preposto")
    page.locator("#id_minutes-company_capacity").select_option("preposto")
    page.locator("#id_minutes-authorisation_letter").set_input_files(_pdf(tmp_path))
    page.locator("#id_minutes-outcome").select_option("agreement")
    page.locator("#id_minutes-summary").fill("As partes conciliaram.")
    page.locator("#id_minutes-agreement_terms").fill(TERMS)
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    page.locator("#id_minutes-agreement_due_on").fill(due)
    page.get_by_test_id("submit-minutes").click()
    expect(page.get_by_test_id("minutes-outcome")).to_have_attribute("data-outcome", "agreement")
    expect(page.get_by_test_id("attendance-company")).to_contain_text("Paulo Preposto")
    expect(page.locator('[data-testid^="authorisation-letter-"]')).to_be_visible()

    # and the consumer reads the terms on the case and accepts the minutes
    with e2e.session_page(browser) as consumer:
        e2e.login(consumer, base, hearing_journey.consumer_email, PASSWORD)
        consumer.goto(case)
        expect(consumer.get_by_test_id("minutes-terms")).to_contain_text(TERMS)
        consumer.locator("#id_accept-agree").check()
        consumer.get_by_test_id("submit-accept-minutes").click()
        expect(consumer.get_by_test_id("minutes-accepted-by-you")).to_be_visible()

    # and so does the company's agent
    with e2e.session_page(browser) as agent:
        e2e.login(agent, base, hearing_journey.agent_email, PASSWORD)
        agent.goto(case)
        agent.locator("#id_accept-agree").check()
        agent.get_by_test_id("submit-accept-minutes").click()
        expect(agent.get_by_test_id("minutes-accepted-by-you")).to_be_visible()

    # then both acceptances show, with who accepted
    page.reload()
    signatures = page.get_by_test_id("signature")
    expect(signatures).to_have_count(2)
    expect(page.locator('[data-testid="signature"][data-accepted="yes"]')).to_have_count(2)
    expect(page.get_by_test_id("minutes-signatures")).to_contain_text(
        re.compile(r"aceita por Dona Benedita Prioritária em .*aceita por Paulo Preposto", re.S)
    )


def _hearing_day_arrives(procon, number: str) -> None:
    """The hearing's start moves into the past, committed on a connection of its own (the test
    runs inside a transaction the server process never sees)."""
    from django.db import DEFAULT_DB_ALIAS, connections

    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        other.set_tenant(procon)
        with other.cursor() as cursor:
            cursor.execute(
                "UPDATE hearings_conciliationhearing SET starts_at = now() - interval '5 minutes'"
                " WHERE status = 'scheduled' AND complaint_id ="
                " (SELECT id FROM complaints_complaint WHERE number = %s)",
                [number],
            )
            assert cursor.rowcount == 1
    finally:
        other.close()
