"""Every step a company cares about reaches its subscribed endpoints as an event whose body is
valid against the event's documented payload serializer (the one the AsyncAPI document is built
from): rating, hearings, minutes, the agreement, withdrawal, reopening and sanction steps."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from shared.webhooks.lifecycle import EventType
from shared.webhooks.models import WebhookDelivery, WebhookEndpoint
from shared.webhooks.payloads import envelope_serializer
from tenants.complaints.actions.closing import (
    do_confirm_agreement,
    do_rate_answer,
    do_reopen_complaint,
    do_withdraw_complaint,
)
from tenants.hearings.actions import do_reschedule_hearing
from tenants.sanctions.actions.company import do_file_appeal, do_file_defence
from tenants.sanctions.actions.decisions import do_decide, do_decide_appeal
from tests.factories import CompanyFactory, company_agent, staff
from tests.shared.webhooks.helpers import endpoint_for
from tests.tenants.complaints.factories import at_answered
from tests.tenants.hearings.factories import (
    at_hearing_scheduled,
    hearing_time_arrives,
    in_days,
    record_minutes,
)
from tests.tenants.sanctions.factories import notified

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint(company) -> WebhookEndpoint:
    """The company's endpoint, subscribed to every event."""
    return endpoint_for(company)[0]


def _received(endpoint) -> list[WebhookDelivery]:
    return list(WebhookDelivery.objects.filter(endpoint=endpoint).order_by("created_at", "id"))


def _valid(delivery: WebhookDelivery) -> dict:
    """The body validates against the documented serializer of its type."""
    serializer = envelope_serializer(EventType(delivery.event_type))(data=delivery.payload)
    assert serializer.is_valid(), (delivery.event_type, serializer.errors)
    return delivery.payload["data"]


def test_rating_hearings_minutes_and_the_agreement_each_emit_their_event(
    procon, company, endpoint, attendant, conciliator
) -> None:
    with tenant_context(procon):
        # rated as not resolved, then a hearing scheduled, rescheduled and minuted
        hearing = at_hearing_scheduled(attendant, conciliator, company=company)
        complaint = hearing.complaint
        new = do_reschedule_hearing(
            hearing, actor=conciliator, as_role="conciliator", starts_at=in_days(5)
        )
        hearing_time_arrives(new)
        due = timezone.localdate() + timedelta(days=10)
        record_minutes(
            new, conciliator, "agreement", "Acordo.", terms="Reembolso em 10 dias.", due_in_days=10
        )
        complaint.refresh_from_db()
        do_confirm_agreement(complaint, actor=complaint.consumer, fulfilled=True)

    deliveries = _received(endpoint)
    assert [d.event_type for d in deliveries] == [
        "complaint.cip_sent",
        "complaint.rated",
        "hearing.scheduled",
        "hearing.rescheduled",
        "hearing.minutes_recorded",
        "complaint.agreement_confirmed",
    ]
    data = {d.event_type: _valid(d) for d in deliveries}
    assert data["complaint.rated"]["status"] == "not_resolved"
    assert data["hearing.scheduled"]["hearing"]["id"] == hearing.pk
    assert data["hearing.scheduled"]["hearing"]["ics_url"].endswith(
        f"/api/v1/hearings/{hearing.pk}/invitation.ics"
    )
    assert data["hearing.rescheduled"]["hearing"]["previous_hearing_id"] == hearing.pk
    minutes = data["hearing.minutes_recorded"]
    assert minutes["minutes"]["outcome"] == "agreement"
    assert minutes["minutes"]["agreement_due_on"] == due.isoformat()
    assert minutes["agreement_due_on"] == due.isoformat()
    assert minutes["minutes"]["pdf_url"].endswith(f"/api/v1/hearings/{new.pk}/minutes.pdf")
    confirmed = data["complaint.agreement_confirmed"]
    assert (confirmed["status"], confirmed["classification"]) == ("closed", "agreement")


def test_a_breach_a_withdrawal_with_a_hearing_and_a_reopening_each_emit_their_event(
    procon, company, endpoint, attendant, conciliator
) -> None:
    with tenant_context(procon):
        # an agreement reported as not met
        hearing = hearing_time_arrives(
            at_hearing_scheduled(attendant, conciliator, company=company)
        )
        record_minutes(hearing, conciliator, "agreement", "Acordo.", terms="Troca.", due_in_days=3)
        complaint = hearing.complaint
        complaint.refresh_from_db()
        do_confirm_agreement(complaint, actor=complaint.consumer, fulfilled=False)
        # another case withdrawn while its hearing is scheduled, then reopened
        other = at_hearing_scheduled(attendant, conciliator, company=company)
        withdrawn = do_withdraw_complaint(other.complaint, actor=other.complaint.consumer)
        do_reopen_complaint(withdrawn, actor=attendant, as_role="attendant", reason="Engano.")

    types = [(d.event_type, _valid(d)) for d in _received(endpoint)]
    assert [t for t, _ in types if not t.startswith(("complaint.cip", "complaint.rated"))] == [
        "hearing.scheduled",
        "hearing.minutes_recorded",
        "complaint.agreement_breached",
        "hearing.scheduled",
        "hearing.cancelled",
        "complaint.closed",
        "complaint.reopened",
    ]
    cancelled = next(d for t, d in types if t == "hearing.cancelled")
    assert cancelled["hearing"] | {"status": "cancelled"} == cancelled["hearing"]
    assert cancelled["hearing"]["id"] == other.pk
    closed = next(d for t, d in types if t == "complaint.closed")
    assert closed["classification"] == "withdrawn"


def test_a_rating_of_a_case_of_another_company_reaches_nobody_here(procon) -> None:
    endpoint, _ = endpoint_for(CompanyFactory())
    with tenant_context(procon):
        complaint = at_answered(staff(procon, StaffRole.ATTENDANT), company=CompanyFactory())
        do_rate_answer(complaint, actor=complaint.consumer, resolved=True, satisfaction=5)
    assert _received(endpoint) == []


def test_sanction_notification_and_decision_emit_their_events(
    procon, company, endpoint, inspector, judge
) -> None:
    with tenant_context(procon):
        notice = notified(inspector, company=company)
        notice = do_file_defence(notice, actor=company_agent(company), text="Defesa.")
        do_decide(notice, actor=judge, dismiss=True, reasoning="Provas insuficientes.")

    deliveries = _received(endpoint)
    assert [d.event_type for d in deliveries] == [
        "sanction.notice_notified",
        "sanction.decision_issued",
    ]
    data = [_valid(d) for d in deliveries]
    assert data[0]["process_number"] == notice.number
    assert data[0]["status"] == "awaiting_defence"
    assert data[1]["status"] == "closed"
    assert data[1]["process_url"].endswith(f"/empresa/caixa/santos/processos/{notice.number}/")


def test_an_appeal_decision_emits_its_event(procon, inspector, judge) -> None:
    company = CompanyFactory()
    endpoint, _ = endpoint_for(company, events=["sanction.appeal_decided"])
    with tenant_context(procon):
        agent = company_agent(company)
        notice = do_file_defence(notified(inspector, company=company), actor=agent, text="D.")
        notice = do_decide(
            notice, actor=judge, dismiss=False, reasoning="Comprovada.", sanctions=["fine"]
        )
        notice = do_file_appeal(notice, actor=agent, text="A multa é excessiva.")
        do_decide_appeal(notice, actor=judge, ruling="annul", reasoning="Auto nulo.")

    [delivery] = _received(endpoint)
    data = _valid(delivery)
    assert (delivery.event_type, data["step"], data["status"]) == (
        "sanction.appeal_decided",
        "decide_appeal",
        "closed",
    )
