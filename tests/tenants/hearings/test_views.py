"""The hearing pages on the Procon's host: forms, refusals, the .ics and the minutes PDF, and the
panel the complaint page includes."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from shared import formats
from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.complaints.models import Complaint
from tenants.hearings.lifecycle import HearingStatus
from tenants.hearings.models import ConciliationHearing
from tests.conftest import host_client
from tests.factories import ConsumerFactory, staff
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import file_complaint
from tests.tenants.hearings.factories import (
    at_hearing_scheduled,
    at_not_resolved,
    hearing_time_arrives,
    in_days,
    next_hearing_slot,
    record_minutes,
    schedule_form,
)

pytestmark = pytest.mark.django_db


def base(complaint: Complaint) -> str:
    return f"/reclamacoes/{complaint.number}/audiencia/"


def held_with_agreement(attendant: User, conciliator: User) -> ConciliationHearing:
    hearing = hearing_time_arrives(at_hearing_scheduled(attendant, conciliator))
    record_minutes(
        hearing,
        conciliator,
        "agreement",
        "Acordo firmado.",
        terms="Troca do produto.",
        due_in_days=10,
    )
    hearing.refresh_from_db()
    return hearing


def test_a_conciliator_schedules_from_the_form(santos, attendant, conciliator) -> None:
    complaint = at_not_resolved(attendant)
    day = next_hearing_slot(4, hour=14).date()

    response = logged_in_client(conciliator, santos.host).post(
        f"{base(complaint)}agendar/",
        schedule_form(conciliator, day, "14:30"),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/reclamacoes/{complaint.number}/"
    complaint.refresh_from_db()
    assert complaint.status == S.HEARING_SCHEDULED
    hearing = complaint.hearings.get()
    local = timezone.localtime(hearing.starts_at)
    assert (local.date(), local.hour, local.minute) == (day, 14, 30)


def test_a_past_date_comes_back_with_field_errors(santos, attendant, conciliator) -> None:
    complaint = at_not_resolved(attendant)
    yesterday = timezone.localdate() - timedelta(days=1)

    response = logged_in_client(conciliator, santos.host).post(
        f"{base(complaint)}agendar/",
        schedule_form(conciliator, yesterday),
    )

    assert response.status_code == 400
    assert 'data-testid="form-errors" data-fields="date"' in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == S.NOT_RESOLVED


def test_someone_not_a_conciliator_here_is_a_field_error(santos, attendant, conciliator) -> None:
    complaint = at_not_resolved(attendant)
    response = logged_in_client(conciliator, santos.host).post(
        f"{base(complaint)}agendar/",
        schedule_form(attendant, in_days(2).date()),
    )
    assert response.status_code == 400
    assert 'data-fields="conciliator"' in response.content.decode()


def test_scheduling_a_registered_complaint_answers_409(santos, conciliator) -> None:
    complaint = file_complaint()
    response = logged_in_client(conciliator, santos.host).post(f"{base(complaint)}agendar/", {})
    assert response.status_code == 409
    assert 'data-testid="illegal-step"' in response.content.decode()


def test_the_consumer_cannot_schedule_and_a_stranger_gets_404(
    santos, attendant, conciliator
) -> None:
    complaint = at_not_resolved(attendant)
    data = schedule_form(conciliator, in_days(2).date())
    assert (
        logged_in_client(complaint.consumer, santos.host)
        .post(f"{base(complaint)}agendar/", data)
        .status_code
        == 409
    )
    assert (
        logged_in_client(ConsumerFactory(), santos.host)
        .post(f"{base(complaint)}agendar/", data)
        .status_code
        == 404
    )
    assert host_client(santos.host).post(f"{base(complaint)}agendar/", data).status_code == 302
    assert not complaint.hearings.exists()


def test_reschedule_and_minutes_from_the_forms(santos, attendant, conciliator) -> None:
    hearing = at_hearing_scheduled(attendant, conciliator)
    complaint = hearing.complaint
    client = logged_in_client(conciliator, santos.host)
    day = next_hearing_slot(6).date()

    response = client.post(
        f"{base(complaint)}{hearing.pk}/remarcar/",
        {
            "reschedule-conciliator": conciliator.pk,
            "reschedule-date": day,
            "reschedule-time": "09:00",
        },
    )
    assert response.status_code == 302
    new = complaint.hearings.get(status=HearingStatus.SCHEDULED)
    assert (new.ics_uid, new.ics_sequence) == (hearing.ics_uid, 1)
    # the old hearing is no longer current
    assert client.post(f"{base(complaint)}{hearing.pk}/remarcar/", {}).status_code == 409

    new = hearing_time_arrives(new)
    both_came = {
        "minutes-consumer_present": "yes",
        "minutes-consumer_name": complaint.consumer.full_name,
        "minutes-consumer_capacity": "consumer",
        "minutes-company_present": "yes",
        "minutes-company_name": "Sócia da empresa",
        "minutes-company_capacity": "partner",
    }
    response = client.post(
        f"{base(complaint)}{new.pk}/ata/",
        {
            **both_came,
            "minutes-outcome": "agreement",
            "minutes-summary": "Acordo.",
            "minutes-agreement_terms": "",
        },
    )
    assert response.status_code == 400
    assert 'data-fields="agreement_terms agreement_due_on"' in response.content.decode()
    due = timezone.localdate() + timedelta(days=20)
    response = client.post(
        f"{base(complaint)}{new.pk}/ata/",
        {
            **both_came,
            "minutes-outcome": "agreement",
            "minutes-summary": "Acordo.",
            "minutes-agreement_terms": "Reembolso integral.",
            "minutes-agreement_due_on": due,
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.agreement_due_on) == (S.AGREEMENT, due)


def test_a_hearing_of_another_complaint_is_404_under_this_number(
    santos, attendant, conciliator
) -> None:
    hearing = at_hearing_scheduled(attendant, conciliator)
    other = at_not_resolved(attendant)
    client = logged_in_client(conciliator, santos.host)
    assert client.get(f"{base(other)}{hearing.pk}/convite.ics").status_code == 404
    assert client.post(f"{base(other)}{hearing.pk}/remarcar/", {}).status_code == 404


def test_the_parties_download_the_invitation(santos, attendant, conciliator) -> None:
    hearing = at_hearing_scheduled(attendant, conciliator)
    url = f"{base(hearing.complaint)}{hearing.pk}/convite.ics"

    response = logged_in_client(hearing.complaint.consumer, santos.host).get(url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert (str(event["UID"]), int(event["SEQUENCE"])) == (hearing.ics_uid, 0)
    assert logged_in_client(ConsumerFactory(), santos.host).get(url).status_code == 404


def test_the_minutes_pdf_names_the_complaint_and_is_404_to_strangers(
    santos, attendant, conciliator, other_procon
) -> None:
    hearing = held_with_agreement(attendant, conciliator)
    complaint = hearing.complaint
    url = f"{base(complaint)}{hearing.pk}/ata.pdf"

    response = logged_in_client(complaint.consumer, santos.host).get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert complaint.number in text
    assert complaint.company.legal_name.split()[0] in text
    assert "Troca do produto." in text
    # the date and time as a Brazilian reads them
    assert formats.long_date(hearing.starts_at) in text
    assert "(horário de Brasília)" in text and "America/Sao_Paulo" not in text
    assert logged_in_client(ConsumerFactory(), santos.host).get(url).status_code == 404
    campinas_staff = staff(other_procon, StaffRole.TENANT_ADMIN)
    assert logged_in_client(campinas_staff, santos.host).get(url).status_code == 404
    assert logged_in_client(campinas_staff, other_procon.host).get(url).status_code == 404
    assert host_client(santos.host).get(url).status_code == 302


def test_no_pdf_before_the_minutes(santos, attendant, conciliator) -> None:
    hearing = at_hearing_scheduled(attendant, conciliator)
    url = f"{base(hearing.complaint)}{hearing.pk}/ata.pdf"
    assert logged_in_client(conciliator, santos.host).get(url).status_code == 404


def render_panel(complaint: Complaint, roles: set[str], user: User) -> str:
    request = RequestFactory().get("/", HTTP_HOST="santos.localhost")
    request.user = user
    template = Template("{% load hearings %}{% hearing_panel complaint roles %}")
    return template.render(
        Context({"complaint": complaint, "roles": roles, "request": request, "csrf_token": "t"})
    )


def test_the_panel_offers_staff_the_forms_their_roles_allow(santos, attendant, conciliator) -> None:
    complaint = at_not_resolved(attendant)
    html = render_panel(complaint, {"conciliator"}, conciliator)
    assert 'data-testid="hearing-schedule-form"' in html
    assert 'data-testid="no-hearing"' in html
    assert 'data-testid="hearing-schedule-form"' not in render_panel(
        complaint, {"consumer"}, complaint.consumer
    )

    hearing = at_hearing_scheduled(attendant, conciliator)
    complaint = hearing.complaint
    complaint.refresh_from_db()
    html = render_panel(complaint, {"conciliator"}, conciliator)
    assert f'data-hearing-id="{hearing.pk}"' in html
    assert hearing.room_url in html
    assert 'data-testid="hearing-ics-link"' in html
    assert 'data-testid="hearing-reschedule-form"' in html
    assert 'data-testid="minutes-not-yet"' in html
    assert 'data-testid="hearing-schedule-form"' not in html
    hearing_time_arrives(hearing)
    assert 'data-testid="hearing-minutes-form"' in render_panel(
        complaint, {"conciliator"}, conciliator
    )
    # an attendant may reschedule but not record minutes
    html = render_panel(complaint, {"attendant"}, attendant)
    assert 'data-testid="hearing-reschedule-form"' in html
    assert 'data-testid="hearing-minutes-form"' not in html
    html = render_panel(complaint, {"consumer"}, complaint.consumer)
    assert 'data-testid="hearing-room-link"' in html
    assert "<form" not in html


def test_the_panel_lists_past_hearings_with_their_minutes(santos, attendant, conciliator) -> None:
    hearing = held_with_agreement(attendant, conciliator)
    complaint = hearing.complaint
    complaint.refresh_from_db()
    html = render_panel(complaint, {"consumer"}, complaint.consumer)
    assert f'data-testid="past-hearing-{hearing.pk}"' in html
    assert f'data-testid="minutes-pdf-{hearing.pk}"' in html
    assert 'data-testid="current-hearing"' not in html
