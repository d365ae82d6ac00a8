"""The complaint's e-mail survives a broker that is down and a worker killed while sending: the
complaint is saved and confirmed, and the e-mail goes out once (the outbox and beat's sweep)."""

import uuid

import pytest
from django_tenants.utils import tenant_context

from shared.caseindex.models import CaseIndexEntry
from shared.notifications.models import OutboundEmail
from tenants.complaints.models import Complaint
from tests.faults.conftest import FaultStack, Filer, eventually, settle

pytestmark = pytest.mark.worker


def _consumer_email(procon, number: str) -> OutboundEmail:  # type: ignore[no-untyped-def]
    with tenant_context(procon):
        return OutboundEmail.objects.get(
            key__startswith=f"complaint:{number}:", key__endswith=":consumer"
        )


def test_with_redis_stopped_a_complaint_is_filed_and_its_email_goes_out_once_redis_is_back(
    fault_stack: FaultStack, filer: Filer, committed
) -> None:
    # given the broker is down
    fault_stack.stop_redis()
    try:
        # when a consumer files a complaint
        response = filer.file(fault_stack, key=uuid.uuid4().hex)

        # then it is saved and confirmed at once, not an error page after a long wait
        assert response.status_code == 201, response.text[:500]
        assert response.elapsed.total_seconds() < 8
        number = response.json()["number"]
        assert filer.read(fault_stack, number).status_code == 200
        with tenant_context(committed):
            assert Complaint.objects.filter(number=number).exists()
        assert CaseIndexEntry.objects.filter(procon=committed, number=number).exists()
        # and the lost message is logged; the e-mail waits in the outbox
        assert "could not enqueue" in fault_stack.log_text("web")
        assert _consumer_email(committed, number).sent_at is None
    finally:
        # when the broker is back
        fault_stack.start_redis()

    # then beat's sweep queues the e-mail again and the worker sends it, once
    email = _consumer_email(committed, number)
    eventually(
        lambda: email.key in fault_stack.sink.delivered_keys(), timeout=90, what="the e-mail"
    )
    settle(4)
    assert fault_stack.sink.delivered_keys().count(email.key) == 1
    assert _consumer_email(committed, number).sent_at is not None

    # and the same web server enqueues again by itself: the next complaint's e-mail goes out
    # through the broker, without waiting for the sweep
    later = filer.file(fault_stack, key=uuid.uuid4().hex)
    assert later.status_code == 201
    later_email = _consumer_email(committed, later.json()["number"])
    eventually(
        lambda: later_email.key in fault_stack.sink.delivered_keys(), timeout=30, what="the e-mail"
    )
    assert fault_stack.log_text("web").count("could not enqueue") == 1


def test_a_worker_killed_while_sending_an_email_sends_it_once_after_a_restart(
    fault_stack: FaultStack, filer: Filer, committed
) -> None:
    # given the mail server holds the next message half-way (the worker waits in DATA)
    fault_stack.sink.hold_next_message()
    response = filer.file(fault_stack, key=uuid.uuid4().hex)
    assert response.status_code == 201, response.text[:500]
    number = response.json()["number"]
    email = _consumer_email(committed, number)
    assert fault_stack.sink.holding.wait(timeout=60), "the worker never started sending"

    # when the worker is killed mid-task, and the mail server recovers
    fault_stack.kill_worker()
    fault_stack.sink.release()
    assert email.key not in fault_stack.sink.delivered_keys()
    assert _consumer_email(committed, number).sent_at is None

    # then a restarted worker sends it, once, though the message is delivered again (beat's
    # sweep and the broker's redelivery of the unacknowledged message)
    fault_stack.start_worker()
    eventually(
        lambda: email.key in fault_stack.sink.delivered_keys(), timeout=60, what="the e-mail"
    )
    settle(12)
    assert fault_stack.sink.delivered_keys().count(email.key) == 1
    sent = _consumer_email(committed, number)
    assert sent.sent_at is not None
    assert sent.attempts == 1
