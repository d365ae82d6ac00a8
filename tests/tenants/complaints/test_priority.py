"""Priority service: a consumer aged 60 or more (80 or more above them), with a disability or
pregnant is served first. They say so, optionally, when filing; staff see the flag on the queue and
the case, in that order; the company and the consumer's API answer never carry it; a case filed
at 59 gains priority on the consumer's 60th birthday."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from tenants.complaints.actions.priority import do_raise_priorities
from tenants.complaints.actions.triage import do_accept_complaint
from tenants.complaints.models import Complaint
from tenants.complaints.priority import Priority, priority_of, years_before
from tests.factories import company_agent, staff
from tests.support.clients import logged_in_client, post_json
from tests.tenants.complaints.factories import at_cip_sent, file_complaint, filing_form

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("birth_date", "disability", "pregnancy", "expected"),
    [
        (None, False, False, Priority.NONE),
        (date(1966, 12, 8), False, False, Priority.NONE),  # 60 tomorrow
        (date(1966, 12, 7), False, False, Priority.PRIORITY),  # 60 today
        (date(1946, 12, 8), False, False, Priority.PRIORITY),  # 79
        (date(1946, 12, 7), False, False, Priority.PRIORITY_80),
        (None, True, False, Priority.PRIORITY),
        (None, False, True, Priority.PRIORITY),
        (date(1940, 1, 1), True, True, Priority.PRIORITY_80),
    ],
)
def test_the_level_follows_the_law(birth_date, disability, pregnancy, expected) -> None:
    assert (
        priority_of(birth_date=birth_date, disability=disability, pregnancy=pregnancy, today=TODAY)
        == expected
    )


def test_a_leap_day_birthday_counts_from_the_28th() -> None:
    assert years_before(date(2028, 2, 29), 61) == date(1967, 2, 28)


def test_the_consumer_says_it_on_the_filing_page_and_the_queue_serves_them_first(
    procon, consumer, company
) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    with tenant_context(procon):
        earlier = file_complaint(company=company)
    older = years_before(timezone.localdate(), 81).strftime("%d/%m/%Y")  # as people type it

    # when a consumer aged 81 files on the page
    response = logged_in_client(consumer, procon.host).post(
        "/reclamar/", filing_form(procon, company, consumer_birth_date=older)
    )
    assert response.status_code == 302
    with tenant_context(procon):
        filed = Complaint.objects.get(consumer=consumer)
    assert filed.priority == Priority.PRIORITY_80

    # then the attendant's queue lists it above the case filed earlier, with its flag
    desk = logged_in_client(attendant, procon.host)
    queue = desk.get("/atendimento/")
    numbers = [complaint.number for complaint, _badge in queue.context["rows"]]
    assert numbers.index(filed.number) < numbers.index(earlier.number)
    page = queue.content.decode()
    assert 'data-priority="2"' in page and "Prioridade 80+" in page
    # and the case says why
    case = desk.get(f"/reclamacoes/{filed.number}/").content.decode()
    assert 'data-testid="complaint-priority"' in case and "80 anos ou mais" in case


def test_a_birth_date_in_the_future_is_refused_on_the_page_and_in_the_api(
    procon, consumer, company
) -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    client = logged_in_client(consumer, procon.host)

    page = client.post("/reclamar/", filing_form(procon, company, consumer_birth_date=tomorrow))
    from tests.tenants.complaints.api.test_complaints_api import filing

    with translation.override("pt-br"):
        data = filing(company, consumer_birth_date=tomorrow)
        api = post_json(client, "/api/v1/complaints/", data, HTTP_ACCEPT_LANGUAGE="pt-br")

    assert page.status_code == 400
    assert "consumer_birth_date" in page.context["form"].errors
    assert "Informe sua data de nascimento" in page.content.decode()
    assert api.status_code == 400
    assert api.json()["consumer_birth_date"] == ["Informe sua data de nascimento (dia, mês e ano)."]
    with tenant_context(procon):
        assert not Complaint.objects.filter(consumer=consumer).exists()


def test_only_staff_see_the_priority_not_the_company_nor_the_consumers_api(
    procon, consumer, company
) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    agent = company_agent(company)
    with tenant_context(procon):
        complaint = at_cip_sent(
            attendant, consumer=consumer, company=company, priority_disability=True
        )
    path = f"/api/v1/complaints/{complaint.number}/"

    as_staff = logged_in_client(attendant, procon.host).get(path).json()
    as_consumer = logged_in_client(consumer, procon.host).get(path).json()
    company_page = logged_in_client(agent, procon.host).get(f"/reclamacoes/{complaint.number}/")

    assert as_staff["priority"] == Priority.PRIORITY
    assert as_consumer["priority"] is None
    assert 'data-testid="complaint-priority"' not in company_page.content.decode()
    assert "deficiência" not in company_page.content.decode()


def test_a_case_filed_at_59_gains_priority_on_the_60th_birthday(procon, consumer) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    today = timezone.localdate()
    turns_60_tomorrow = years_before(today + timedelta(days=1), 60)
    with tenant_context(procon):
        complaint = file_complaint(consumer=consumer, consumer_birth_date=turns_60_tomorrow)
        complaint = do_accept_complaint(complaint, actor=attendant, as_role="attendant")
        assert complaint.priority == Priority.NONE

        assert do_raise_priorities(today=today) == 0
        assert do_raise_priorities(today=today + timedelta(days=1)) == 1
        assert do_raise_priorities(today=today + timedelta(days=1)) == 0  # once

        complaint.refresh_from_db()
    assert complaint.priority == Priority.PRIORITY


def test_beat_sweeps_the_birthdays_daily_beside_the_deadline_sweep() -> None:
    from django.conf import settings

    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["sweep-priority-birthdays"] == {
        "task": "tenants.complaints.tasks.sweep_priority_birthdays",
        "schedule": 24 * 3600,
    }
    assert schedule["sweep-complaint-deadlines"]["task"] == (
        "tenants.complaints.tasks.sweep_complaint_deadlines"
    )
