"""With a real Celery worker on the real Redis: complaint e-mails are sent once, after commit, in
the Procon's schema; the deadline sweep reads the public case index and lapses cases in their
own schema. These tests commit their data, so they run in a Procon of their own (Sorocaba)."""

import time
from pathlib import Path

import pytest
from django_tenants.utils import schema_context, tenant_context

from shared.accounts.roles import StaffRole
from shared.caseindex.models import CaseIndexEntry
from shared.notifications.models import OutboundEmail
from shared.notifications.tasks import send_email
from tenants.complaints.lifecycle import ComplaintStatus
from tenants.complaints.models import Complaint
from tenants.complaints.tasks import sweep_complaint_deadlines
from tests.factories import staff
from tests.support.mail import worker_emails_with
from tests.support.processes import wait_until
from tests.tenants.complaints.factories import at_cip_sent, file_complaint

pytestmark = pytest.mark.worker


def test_the_protocol_email_is_sent_once_by_the_worker_even_when_redelivered(
    committed, celery_worker_process, worker_mail_dir: Path
) -> None:
    # given a complaint filed (and committed) at Sorocaba
    with tenant_context(committed):
        complaint = file_complaint()
        email = OutboundEmail.objects.get(key__startswith=f"complaint:{complaint.number}:")
    needle = f"X-Procon-Digital-Key: {email.key}"

    # then the worker sends it, from Sorocaba's schema
    wait_until(
        lambda: worker_emails_with(worker_mail_dir, needle) == 1,
        timeout=30,
        what="the protocol e-mail",
    )
    with tenant_context(committed):
        assert OutboundEmail.objects.get(pk=email.pk).sent_at is not None

    # when the same task is delivered again (a worker died before acknowledging it)
    send_email.apply_async(
        args=[email.pk], headers={"_schema_name": committed.schema_name}, ignore_result=False
    ).get(timeout=30)  # results are ignored but where asked for (settings)

    # then nothing more is sent
    time.sleep(0.5)
    assert worker_emails_with(worker_mail_dir, needle) == 1


def test_the_sweep_lapses_an_overdue_cip_in_its_procons_schema(
    committed, celery_worker_process
) -> None:
    # given a CIP whose deadline passed (moved back in time, as days passing would)
    with tenant_context(committed):
        attendant = staff(committed, StaffRole.ATTENDANT)
        complaint = at_cip_sent(attendant)
        Complaint.objects.filter(pk=complaint.pk).update(cip_due_on="2020-01-10")
    with schema_context("public"):
        CaseIndexEntry.objects.filter(procon=committed, number=complaint.number).update(
            cip_due_on="2020-01-10"
        )

    # when beat's sweep runs on the worker
    assert sweep_complaint_deadlines.apply_async(ignore_result=False).get(timeout=30) >= 1

    # then the case lapses in Sorocaba's schema, and its index row follows
    def lapsed() -> bool:
        with tenant_context(committed):
            return Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.CIP_LAPSED

    wait_until(lapsed, timeout=30, what="the lapse")
    with schema_context("public"):
        assert (
            CaseIndexEntry.objects.get(procon=committed, number=complaint.number).status
            == "cip_lapsed"
        )
