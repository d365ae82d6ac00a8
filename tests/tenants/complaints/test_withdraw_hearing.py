"""Withdrawing a complaint whose hearing is scheduled cancels the hearing in the same step: the
hearing reads `cancelled`, its invitation (.ics) is no longer served, and the consumer and the
company's agents receive the cancellation (iTIP METHOD:CANCEL, same UID, next SEQUENCE) so their
calendars drop the entry."""

import pytest
from django.test import Client
from icalendar import Calendar

from kernel.errors import IllegalStep
from shared.accounts.actions import do_issue_api_token
from shared.notifications.models import OutboundEmail
from shared.procons.models import Procon
from tenants.complaints.actions.closing import do_reopen_complaint, do_withdraw_complaint
from tenants.complaints.errors import ComplaintErrorCode
from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.hearings.actions import do_cancel_hearing
from tenants.hearings.lifecycle import HearingStatus
from tenants.hearings.models import ConciliationHearing
from tests.tenants.hearings.factories import at_hearing_scheduled, at_not_resolved

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("santos")]


@pytest.fixture
def hearing(attendant, conciliator, company, agent) -> ConciliationHearing:
    return at_hearing_scheduled(attendant, conciliator, company=company)


def _token_client(procon: Procon, user) -> Client:
    _, key = do_issue_api_token(user, name="app")
    return Client(HTTP_HOST=procon.host, HTTP_AUTHORIZATION=f"Token {key}")


def _cancellations(hearing: ConciliationHearing) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(key__startswith=f"hearing:{hearing.pk}:cancellation:"))


def test_withdrawing_cancels_the_hearing_and_its_invitation_is_no_longer_served(
    santos, hearing
) -> None:
    consumer = hearing.complaint.consumer
    client = _token_client(santos, consumer)
    ics = f"/api/v1/hearings/{hearing.pk}/invitation.ics"
    assert client.get(ics).status_code == 200

    response = client.post(
        f"/api/v1/complaints/{hearing.complaint.number}/withdraw/",
        {"reason": "Resolvi com a loja."},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["status"] == S.CLOSED
    hearing.refresh_from_db()
    assert hearing.status == HearingStatus.CANCELLED
    assert client.get(ics).status_code == 404
    listed = client.get(f"/api/v1/complaints/{hearing.complaint.number}/hearings/").json()
    assert [(h["id"], h["status"]) for h in listed] == [(hearing.pk, "cancelled")]
    event = hearing.complaint.events.filter(step="withdraw").get()
    assert event.data["cancelled_hearing_id"] == hearing.pk


def test_the_consumer_and_the_agents_receive_the_calendar_cancellation(hearing, agent) -> None:
    complaint = hearing.complaint
    uid, sequence = hearing.ics_uid, hearing.ics_sequence

    do_withdraw_complaint(complaint, actor=complaint.consumer)

    emails = _cancellations(hearing)
    assert sorted(e.to[0] for e in emails) == sorted([complaint.consumer.email, agent.email])
    for email in emails:
        assert complaint.number in email.subject
        assert complaint.number in email.body
        (attachment,) = email.attachments
        assert attachment["content_type"] == "text/calendar; method=CANCEL"
        calendar = Calendar.from_ical(attachment["content"])
        assert str(calendar["METHOD"]) == "CANCEL"
        (event,) = calendar.walk("VEVENT")
        assert str(event["UID"]) == uid
        assert int(event["SEQUENCE"]) == sequence + 1
        assert str(event["STATUS"]) == "CANCELLED"


def test_withdrawing_a_complaint_without_a_hearing_cancels_nothing(attendant, company) -> None:
    complaint = at_not_resolved(attendant, company=company)

    do_withdraw_complaint(complaint, actor=complaint.consumer)

    assert not OutboundEmail.objects.filter(key__contains=":cancellation:").exists()
    assert "cancelled_hearing_id" not in complaint.events.filter(step="withdraw").get().data


def test_a_reopened_complaint_has_no_hearing_left_scheduled(attendant, hearing) -> None:
    withdrawn = do_withdraw_complaint(hearing.complaint, actor=hearing.complaint.consumer)
    reopened = do_reopen_complaint(withdrawn, actor=attendant, as_role="attendant", reason="Erro.")

    assert reopened.status == S.ACCEPTED
    assert not ConciliationHearing.objects.filter(
        complaint=reopened, status=HearingStatus.SCHEDULED
    ).exists()


def test_a_hearing_whose_complaint_still_awaits_it_cannot_be_cancelled(hearing) -> None:
    with pytest.raises(IllegalStep) as refused:
        do_cancel_hearing(hearing, actor=hearing.complaint.consumer)
    assert refused.value.code == ComplaintErrorCode.ILLEGAL_STEP

    hearing.refresh_from_db()
    assert hearing.status == HearingStatus.SCHEDULED
    assert _cancellations(hearing) == []


def test_only_the_consumers_withdrawal_cancels_a_hearing(hearing, attendant, conciliator) -> None:
    for someone in (attendant, conciliator):
        with pytest.raises(IllegalStep) as refused:
            do_cancel_hearing(hearing, actor=someone)
        assert refused.value.code == ComplaintErrorCode.NOT_ALLOWED

    hearing.refresh_from_db()
    assert hearing.status == HearingStatus.SCHEDULED
