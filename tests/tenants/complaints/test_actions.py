"""Every step of the complaint lifecycle through its domain service, and the refusals."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction

from kernel.errors import IllegalStep
from shared.accounts.roles import StaffRole
from shared.caseindex.models import CaseIndexEntry
from shared.notifications.models import OutboundEmail
from tenants.complaints.actions.answer import do_lapse_cip, do_send_cip
from tenants.complaints.actions.closing import (
    do_close_complaint,
    do_confirm_agreement,
    do_lapse_rating,
    do_rate_answer,
    do_reopen_complaint,
    do_withdraw_complaint,
)
from tenants.complaints.actions.triage import (
    do_accept_complaint,
    do_reject_complaint,
    do_reply_to_request,
    do_request_information,
)
from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.complaints.models import Attachment, Complaint, ComplaintEvent
from tests.factories import ConsumerFactory, staff
from tests.tenants.complaints.factories import at_answered, at_cip_sent, file_complaint, pdf_upload

pytestmark = pytest.mark.django_db


def test_filing_numbers_the_complaint_records_the_event_indexes_it_and_emails_the_consumer(
    santos,
) -> None:
    consumer = ConsumerFactory()
    complaint = file_complaint(consumer=consumer, uploads=[pdf_upload()])

    assert complaint.number.startswith("SANTOS-")
    assert complaint.status == S.REGISTERED
    assert [e.step for e in complaint.events.all()] == ["file"]
    assert Attachment.objects.get(complaint=complaint).content_type == "application/pdf"
    entry = CaseIndexEntry.objects.get(number=complaint.number)
    assert (entry.procon_id, entry.status) == (santos.pk, "registered")
    email = OutboundEmail.objects.get(key__startswith=f"complaint:{complaint.number}:")
    assert email.to == [consumer.email]
    assert complaint.number in email.body


def test_numbers_are_sequential_and_never_reused(santos) -> None:
    first = file_complaint()
    second = file_complaint()
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1


def test_the_same_idempotency_key_makes_one_complaint(santos) -> None:
    consumer = ConsumerFactory()
    first = file_complaint(consumer=consumer, key="form-123")
    second = file_complaint(consumer=consumer, key="form-123")
    assert first.pk == second.pk
    assert Complaint.objects.filter(consumer=consumer).count() == 1


def test_a_disguised_attachment_is_refused_and_nothing_is_stored(santos) -> None:
    script = SimpleUploadedFile(
        "recibo.pdf", b"#!/bin/sh\nrm -rf /\n", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as error:
        file_complaint(uploads=[script])
    assert "attachments" in error.value.message_dict
    assert Complaint.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_the_whole_way_to_resolution_at_the_cip(santos, attendant) -> None:
    complaint = at_answered(attendant)
    assert complaint.status == S.ANSWERED
    assert complaint.answer_timely is True
    complaint = do_rate_answer(complaint, actor=complaint.consumer, resolved=True, satisfaction=5)
    assert (complaint.status, complaint.classification) == (S.CLOSED, "resolved_at_cip")
    assert [e.step for e in complaint.events.all()] == [
        "file",
        "accept",
        "send_cip",
        "answer",
        "rate",
    ]


def test_asking_for_more_then_the_consumer_replies(santos, attendant) -> None:
    complaint = file_complaint()
    complaint = do_request_information(
        complaint, actor=attendant, as_role="attendant", question="Envie a nota."
    )
    assert complaint.status == S.AWAITING_CONSUMER
    complaint = do_reply_to_request(
        complaint, actor=complaint.consumer, text="Segue a nota.", uploads=[pdf_upload()]
    )
    assert complaint.status == S.REGISTERED
    assert complaint.attachments.count() == 1


def test_rejecting_closes_as_not_competent_with_the_reason(santos, attendant) -> None:
    complaint = do_reject_complaint(
        file_complaint(),
        actor=attendant,
        as_role="attendant",
        reason="not_consumer_matter",
        explanation="Relação de trabalho.",
    )
    assert (complaint.status, complaint.classification) == (S.CLOSED, "not_competent")


def test_lapses_are_idempotent_and_only_past_the_deadline(santos, attendant) -> None:
    complaint = at_cip_sent(attendant)
    assert do_lapse_cip(complaint, today=complaint.cip_due_on).status == S.CIP_SENT
    from datetime import timedelta

    later = complaint.cip_due_on + timedelta(days=1)
    assert do_lapse_cip(complaint, today=later).status == S.CIP_LAPSED
    assert do_lapse_cip(complaint, today=later).status == S.CIP_LAPSED
    assert complaint.events.filter(step="lapse_cip").count() == 1

    answered = at_answered(attendant)
    assert (
        do_lapse_rating(answered, today=answered.rating_due_on + timedelta(days=1)).status
        == S.NOT_RATED
    )


def test_an_illegal_step_is_refused_with_a_message(santos, attendant) -> None:
    complaint = file_complaint()
    with pytest.raises(IllegalStep) as error:
        do_send_cip(complaint, actor=attendant, as_role="attendant")
    assert error.value.message
    complaint.refresh_from_db()
    assert complaint.status == S.REGISTERED


def test_staff_of_another_procon_cannot_take_a_step(santos, other_procon) -> None:
    outsider = staff(other_procon, StaffRole.ATTENDANT)
    with pytest.raises(IllegalStep):
        do_accept_complaint(file_complaint(), actor=outsider, as_role="attendant")


def test_another_consumer_cannot_withdraw(santos) -> None:
    with pytest.raises(IllegalStep):
        do_withdraw_complaint(file_complaint(), actor=ConsumerFactory())


def test_close_and_reopen(santos, attendant) -> None:
    complaint = at_answered(attendant)
    complaint = do_rate_answer(complaint, actor=complaint.consumer, resolved=False, satisfaction=1)
    assert complaint.status == S.NOT_RESOLVED
    with pytest.raises(ValidationError):
        do_close_complaint(
            complaint, actor=attendant, as_role="attendant", classification="withdrawn"
        )
    complaint = do_close_complaint(
        complaint, actor=attendant, as_role="attendant", classification="founded_not_met"
    )
    assert complaint.classification == "founded_not_met"
    with pytest.raises(ValidationError):
        do_reopen_complaint(complaint, actor=attendant, as_role="attendant", reason=" ")
    complaint = do_reopen_complaint(
        complaint, actor=attendant, as_role="attendant", reason="Erro de classificação"
    )
    assert (complaint.status, complaint.classification) == (S.ACCEPTED, "")


def test_the_timeline_refuses_update_and_delete_in_the_database(santos) -> None:
    event = file_complaint().events.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        ComplaintEvent.objects.filter(pk=event.pk).update(note="changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        ComplaintEvent.objects.filter(pk=event.pk).delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM complaints_complaintevent WHERE id = %s", [event.pk])
        assert cursor.fetchone() == ("",)


def test_agreement_confirmation_is_only_for_agreements(santos) -> None:
    complaint = file_complaint()
    with pytest.raises(IllegalStep):
        do_confirm_agreement(complaint, actor=complaint.consumer, fulfilled=True)


def test_accept_is_the_attendants_step(santos) -> None:
    conciliator = staff(santos, StaffRole.CONCILIATOR)
    with pytest.raises(IllegalStep):
        do_accept_complaint(file_complaint(), actor=conciliator, as_role="conciliator")
    with pytest.raises(IllegalStep):
        do_accept_complaint(file_complaint(), actor=conciliator, as_role="attendant")


def test_a_suspended_procon_takes_no_new_complaints_but_its_cases_go_on(santos, attendant) -> None:
    from shared.procons.models import Procon

    # given a case already running when the state suspends the Procon
    running = file_complaint()
    Procon.objects.filter(pk=santos.pk).update(status="suspended")
    connection.tenant.status = "suspended"

    # then no new complaint is filed there, and nothing is stored
    with pytest.raises(ValidationError) as error:
        file_complaint()
    assert "procon" in error.value.message_dict
    assert Complaint.objects.count() == 1
    # but the running case goes on
    assert do_accept_complaint(running, actor=attendant, as_role="attendant").status == S.ACCEPTED
