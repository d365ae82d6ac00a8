"""The minutes PDF lists who came for each party and in what capacity, the absences, the terms
and due date, and who accepted the minutes online and when (or that it is awaited)."""

import pytest
from django.utils import timezone, translation

from shared import formats
from tenants.hearings.minutes import do_accept_minutes
from tenants.hearings.minutes_pdf import minutes_pdf
from tests.factories import company_agent
from tests.support.clients import logged_in_client
from tests.support.pdf import pdf_text
from tests.tenants.hearings.attendance_factories import ABSENT, PREPOSTO_CAME, minutes_with
from tests.tenants.hearings.factories import at_hearing_scheduled, hearing_time_arrives

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    """The PDF's text, its lines joined by spaces (a table cell may wrap)."""
    text = pdf_text(pdf)
    return " ".join(text.split())


@pytest.fixture
def hearing(santos, attendant, conciliator):
    return hearing_time_arrives(at_hearing_scheduled(attendant, conciliator))


def test_the_pdf_lists_attendance_terms_and_who_accepted_when(santos, hearing, conciliator) -> None:
    minutes = minutes_with(hearing, conciliator, company=PREPOSTO_CAME, with_letter=True)
    consumer = hearing.complaint.consumer
    accepted, _new = do_accept_minutes(hearing, actor=consumer, party="consumer")
    hearing.refresh_from_db()

    with translation.override("en"):
        text = text_of(minutes_pdf(hearing, procon=santos))
        when = formats.date_time(accepted.accepted_at)
        due = formats.short_date(minutes.agreement_due_on)

    assert "Present: Maria Consumidora (The consumer in person)" in text
    assert "Present: Paulo Preposto (Company representative (preposto))" in text
    assert "carta de preposição) attached" in text
    assert "Troca do aparelho por um novo." in text
    assert due in text
    assert f"Accepted online by {consumer.full_name} on {when}" in text
    # the company has not accepted yet
    assert "awaiting acceptance" in text

    agent = company_agent(hearing.complaint.company, full_name="Ana Agente")
    do_accept_minutes(hearing, actor=agent, party="company")
    with translation.override("en"):
        text = text_of(minutes_pdf(hearing, procon=santos))
    assert "Accepted online by Ana Agente on" in text
    assert "awaiting acceptance" not in text


def test_the_pdf_names_an_absence(santos, hearing, conciliator) -> None:
    minutes_with(hearing, conciliator, company=ABSENT, outcome="")
    hearing.refresh_from_db()
    with translation.override("en"):
        text = text_of(minutes_pdf(hearing, procon=santos))
    assert "Company Absent" in text
    assert "Company absent" in text  # the outcome


def test_the_parties_download_the_pdf_with_the_acceptances(santos, hearing, conciliator) -> None:
    minutes_with(hearing, conciliator)
    consumer = hearing.complaint.consumer
    do_accept_minutes(hearing, actor=consumer, party="consumer")
    url = f"/reclamacoes/{hearing.complaint.number}/audiencia/{hearing.pk}/ata.pdf"
    response = logged_in_client(consumer, santos.host).get(url)
    assert response.status_code == 200
    text = text_of(response.content)
    assert consumer.full_name in text
    assert timezone.localtime().strftime("%d/%m/%Y") in text
