"""E-mail is queued in the sender's transaction and sent once."""

import pytest
from django.core import mail
from django_tenants.utils import tenant_context

from shared.notifications.actions import do_queue_email
from shared.notifications.models import OutboundEmail
from shared.notifications.tasks import send_email

pytestmark = pytest.mark.django_db


def _queue(key: str = "welcome:1") -> OutboundEmail:
    return do_queue_email(
        key=key,
        to=["maria@exemplo.test"],
        subject="Bem-vinda",
        template="notifications/plain.txt",
        context={"body": "Olá, Maria."},
        from_name="Procon Santos",
    )


def test_queuing_twice_with_one_key_keeps_one_email(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        first = _queue()
        second = _queue()
    assert first.pk == second.pk
    assert OutboundEmail.objects.count() == 1
    assert len(callbacks) == 1


def test_a_redelivered_task_does_not_send_again() -> None:
    email = _queue()
    assert send_email.apply(args=[email.pk]).get() is True
    assert send_email.apply(args=[email.pk]).get() is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].from_email == "Procon Santos <nao-responda@localhost>"
    assert mail.outbox[0].body.strip() == "Olá, Maria."


def test_a_procons_mail_is_kept_in_its_own_schema(procon, other_procon) -> None:
    with tenant_context(procon):
        _queue("case:1")
        assert OutboundEmail.objects.filter(key="case:1").exists()
    with tenant_context(other_procon):
        assert not OutboundEmail.objects.filter(key="case:1").exists()
    assert not OutboundEmail.objects.filter(key="case:1").exists()
