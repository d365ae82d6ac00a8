"""Done when: the reminder task runs through the real worker and sends one SMS and one e-mail,
never two. Beat's sweep runs twice at once and once more, and the per-hearing task is sent twice
more on top, on a worker of two threads; the loopback Twilio records one SMS and the worker's
mail one e-mail. The data is committed, so it lives in Sorocaba; the hearing is cancelled after,
so no later sweep of the session finds it."""

import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from shared.notifications.models import OutboundEmail
from tenants.hearings.lifecycle import HearingStatus
from tenants.hearings.models import ConciliationHearing
from tenants.hearings.reminders import remind_hearing, send_hearing_reminders
from tenants.textmessages.lifecycle import MessageStatus
from tenants.textmessages.models import TextMessage
from tests.factories import staff
from tests.support.mail import worker_emails_with
from tests.support.processes import wait_until
from tests.tenants.hearings.factories import at_hearing_scheduled
from tests.tenants.textmessages.helpers import opted_in_consumer

pytestmark = pytest.mark.worker


def test_the_reminder_task_runs_through_the_real_worker_and_sends_one_sms_and_one_email_never_two(
    committed, celery_worker_process, twilio_server, worker_mail_dir: Path
) -> None:
    # given a consumer who accepted SMS, whose hearing at Sorocaba starts in 3 hours
    with tenant_context(committed):
        consumer = opted_in_consumer()
        hearing = at_hearing_scheduled(
            staff(committed, StaffRole.ATTENDANT),
            staff(committed, StaffRole.CONCILIATOR),
            consumer=consumer,
        )
        ConciliationHearing.objects.filter(pk=hearing.pk).update(
            starts_at=timezone.now() + timedelta(hours=3)
        )
    key = f"hearing:{hearing.pk}:reminder"
    try:
        # when beat's sweep runs twice at once on the worker, then once more
        runs = [send_hearing_reminders.apply_async(ignore_result=False) for _ in range(2)]
        assert sum(run.get(timeout=30) for run in runs) >= 1
        send_hearing_reminders.apply_async(ignore_result=False).get(timeout=30)
        # and the hearing's own task is delivered twice more, as two workers would run it
        for _ in range(2):
            remind_hearing.apply_async(
                args=[hearing.pk], headers={"_schema_name": committed.schema_name}
            )

        # then the worker sends the SMS through the provider and the e-mail
        def sms_sent() -> bool:
            with tenant_context(committed):
                return TextMessage.objects.filter(
                    key__startswith=key, status=MessageStatus.SENT
                ).exists()

        wait_until(sms_sent, timeout=30, what="the reminder SMS")
        wait_until(
            lambda: worker_emails_with(worker_mail_dir, f"X-Procon-Digital-Key: {key}") >= 1,
            timeout=30,
            what="the reminder e-mail",
        )
        time.sleep(3)  # room for any duplicate to go out

        with tenant_context(committed):
            [sms] = TextMessage.objects.filter(key__startswith=key)
            [email] = OutboundEmail.objects.filter(key=key)
        assert sms.to == consumer.text_phone
        assert f"http://sorocaba.localhost/reclamacoes/{hearing.complaint.number}/" in sms.body
        assert email.sent_at is not None and email.to == [consumer.email]
        # exactly one SMS reached the provider, and one e-mail left the worker
        reminders = [
            r for r in twilio_server.sent_to(consumer.text_phone) if r.sid == sms.provider_id
        ]
        assert len(reminders) == 1
        assert (
            reminders[0].form["StatusCallback"].startswith("http://sorocaba.localhost/mensagens/")
        )
        bodies = [r.form["Body"] for r in twilio_server.sent_to(consumer.text_phone)]
        assert bodies.count(sms.body) == 1
        assert worker_emails_with(worker_mail_dir, f"X-Procon-Digital-Key: {key}") == 1
    finally:
        with tenant_context(committed):
            ConciliationHearing.objects.filter(pk=hearing.pk).update(status=HearingStatus.CANCELLED)
