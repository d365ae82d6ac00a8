"""Which steps text the consumer, and what the texts say: the case number and its link, the
hearing's time; never the company's or anyone else's data. One message per accepted channel."""

import pytest

from shared import formats
from tenants.complaints.actions.closing import do_withdraw_complaint
from tenants.complaints.models import ComplaintEvent
from tenants.hearings.actions import do_reschedule_hearing
from tenants.textmessages.models import TextMessage
from tenants.textmessages.texts import text_step
from tests.tenants.complaints.factories import at_answered, at_cip_sent, file_complaint
from tests.tenants.hearings.factories import at_hearing_scheduled, free_slot
from tests.tenants.textmessages.helpers import opted_in_consumer

pytestmark = pytest.mark.usefixtures("santos")


def _bodies(consumer) -> list[str]:  # type: ignore[no-untyped-def]
    return list(
        TextMessage.objects.filter(recipient=consumer).order_by("id").values_list("body", flat=True)
    )


def test_the_companys_answer_is_texted_with_the_case_link(attendant) -> None:
    consumer = opted_in_consumer()

    complaint = at_answered(attendant, consumer=consumer)

    protocol, answered = _bodies(consumer)
    assert "answered" in answered or "respondeu" in answered
    link = f"http://santos.localhost/reclamacoes/{complaint.number}/"
    for body in (protocol, answered):
        assert complaint.number in body and link in body
        assert complaint.company.legal_name not in body
        assert consumer.full_name not in body


def test_the_cip_itself_is_not_texted(attendant) -> None:
    consumer = opted_in_consumer()
    at_cip_sent(attendant, consumer=consumer)
    assert len(_bodies(consumer)) == 1  # the protocol only


def test_a_hearing_scheduled_moved_and_cancelled_is_texted_each_time(
    attendant, conciliator
) -> None:
    consumer = opted_in_consumer()

    # scheduled
    hearing = at_hearing_scheduled(attendant, conciliator, consumer=consumer)
    # moved
    new_time = free_slot(conciliator, nth=1)
    moved = do_reschedule_hearing(
        hearing, actor=conciliator, as_role="conciliator", starts_at=new_time
    )
    # cancelled, the consumer withdrawing the complaint
    do_withdraw_complaint(moved.complaint, actor=consumer, reason="Resolvi com a empresa.")

    bodies = _bodies(consumer)
    scheduled, rescheduled, cancelled = bodies[-3:]
    assert formats.date_time(hearing.starts_at) in scheduled
    assert formats.date_time(new_time) in rescheduled
    assert formats.date_time(new_time) in cancelled
    assert len({scheduled, rescheduled, cancelled}) == 3
    number = hearing.complaint.number
    assert all(number in body for body in (scheduled, rescheduled, cancelled))
    assert conciliator.full_name not in "".join(bodies)


def test_the_same_step_never_texts_twice() -> None:
    consumer = opted_in_consumer()
    complaint = file_complaint(consumer=consumer)
    event = ComplaintEvent.objects.get(complaint=complaint, step="file")

    text_step(complaint, event)
    text_step(complaint, event)

    assert TextMessage.objects.filter(recipient=consumer).count() == 1
