"""Every write on text messages: the consumer's opt-in (on the public user row), the outbox's
rows queued in the caller's transaction and sent after commit, and the provider's reports."""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kernel.sql import insert_row
from kernel.tasks import enqueue_on_commit
from shared.accounts.models import User
from tenants.textmessages.errors import MESSAGES, TextMessageErrorCode
from tenants.textmessages.lifecycle import Channel, MessageStatus, moves_forward
from tenants.textmessages.models import TextMessage
from tenants.textmessages.phones import masked, to_e164
from tenants.textmessages.providers import StatusReport, get_provider

logger = logging.getLogger(__name__)

OPT_IN_FIELDS = {Channel.SMS: "sms_opt_in_at", Channel.WHATSAPP: "whatsapp_opt_in_at"}


def _error(field: str, code: TextMessageErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(MESSAGES[code], code=str(code))})


# --- the consumer's choice ------------------------------------------------------------------


@transaction.atomic
def do_set_text_message_preferences(user: User, *, phone: str, sms: bool, whatsapp: bool) -> User:
    """Opt in or out of each channel, for one mobile number. An opt-in keeps its time while the
    number stays the same; a new number is a new opt-in. Opting out takes effect at once: a
    message already queued is not sent (the task reads the choice again before sending)."""
    if (sms or whatsapp) and get_provider() is None:
        raise _error("sms", TextMessageErrorCode.NOT_OFFERED)
    number = ""
    if phone.strip():
        number = to_e164(phone) or ""
        if not number:
            raise _error("phone", TextMessageErrorCode.PHONE_INVALID)
    elif sms or whatsapp:
        raise _error("phone", TextMessageErrorCode.PHONE_REQUIRED)
    user = User.objects.select_for_update().get(pk=user.pk)
    now = timezone.now()
    same_number = number == user.text_phone
    for channel, wanted in ((Channel.SMS, sms), (Channel.WHATSAPP, whatsapp)):
        field = OPT_IN_FIELDS[channel]
        if not wanted:
            setattr(user, field, None)
        elif getattr(user, field) is None or not same_number:
            setattr(user, field, now)
    user.text_phone = number
    user.save(update_fields=["text_phone", *OPT_IN_FIELDS.values()])
    logger.info(
        "user %s text messages: sms=%s whatsapp=%s to %s", user.pk, sms, whatsapp, masked(number)
    )
    return user


def opted_in_channels(user: User) -> list[Channel]:
    """The channels `user` accepted, in the order messages go out."""
    if not user.text_phone:
        return []
    return [channel for channel, field in OPT_IN_FIELDS.items() if getattr(user, field)]


def may_receive(user: User, message: TextMessage) -> bool:
    """The consumer still wants this message: the channel is accepted, for this number, since
    before the message was queued (opting out and in again does not revive older messages)."""
    accepted_at = getattr(user, OPT_IN_FIELDS[Channel(message.channel)])
    return (
        user.is_active
        and accepted_at is not None
        and user.text_phone == message.to
        and accepted_at <= message.created_at
    )


# --- the outbox -----------------------------------------------------------------------------


def do_queue_text_message(
    *, key: str, recipient: User, channel: Channel, body: str, sender: str
) -> TextMessage | None:
    """Record one message to `recipient`'s opted-in number (idempotent by `key`: queuing twice
    keeps one row) and send it after commit from this schema. Nothing when the consumer has not
    accepted `channel`, when no sender is set, or when text messages are off."""
    if get_provider() is None or not sender or channel not in opted_in_channels(recipient):
        return None
    message = TextMessage(
        key=key,
        recipient=recipient,
        channel=channel,
        to=recipient.text_phone,
        sender=sender,
        body=body[:1600],
        created_at=timezone.now(),
    )
    # One statement, no savepoint: the row is inserted unless one with this key exists.
    if not insert_row(message, conflict=("key",)):
        return TextMessage.objects.get(key=key)
    from tenants.textmessages.tasks import send_text_message

    enqueue_on_commit(send_text_message, message.pk)
    return message


def do_record_text_message_status(*, message_id: int, report: StatusReport) -> TextMessage | None:
    """Apply a provider's status report to the message it names (the id in the callback's URL
    and the provider's id must both match); reports move a message forward only, so a late or
    replayed "sent" never undoes "delivered"."""
    with transaction.atomic():
        message = (
            TextMessage.objects.select_for_update()
            .filter(pk=message_id, provider_id=report.provider_id)
            .exclude(provider_id="")
            .first()
        )
        if message is None:
            return None
        if report.status is None or not moves_forward(message.status, report.status):
            return message
        now = timezone.now()
        message.status = report.status
        message.status_at = now
        fields = ["status", "status_at"]
        if report.status == MessageStatus.DELIVERED:
            message.delivered_at = now
            fields.append("delivered_at")
        elif report.status in (MessageStatus.FAILED, MessageStatus.UNDELIVERABLE):
            message.failed_at = now
            message.error_code = report.error_code
            fields += ["failed_at", "error_code"]
        message.save(update_fields=fields)
    logger.info("text message %s: %s", message.pk, message.status)
    return message


def status_callback_url(message: TextMessage) -> str:
    """Where the provider reports this message's status: this Procon's host, the message's id."""
    from django.db import connection
    from django.urls import reverse

    from shared.procons.models import host_url

    return host_url(
        connection.tenant.host, reverse("textmessages:status", kwargs={"message_id": message.pk})
    )


def do_attempt_text_message(message_id: int) -> tuple[TextMessage | None, int | None]:
    """Hand a queued message to the provider once, with its row locked until the outcome is
    saved: a task run twice (redelivered, or requeued by beat) never sends a message that left
    the queue. The consumer's choice is read again first: an opt-out cancels it. Returns the
    message and, when the provider could not be reached, the seconds before the next attempt."""
    from tenants.textmessages.lifecycle import retry_delay
    from tenants.textmessages.providers import ProviderError

    with transaction.atomic():
        message = TextMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != MessageStatus.QUEUED:
            return message, None
        now = timezone.now()
        if message.next_attempt_at is not None and message.next_attempt_at > now + timedelta(
            seconds=1
        ):
            # An early duplicate of a scheduled retry: that retry's own message will come.
            return message, None
        recipient = User.objects.filter(pk=message.recipient_id).first()
        provider = get_provider()
        if recipient is None or provider is None or not may_receive(recipient, message):
            message.status = MessageStatus.CANCELLED
            message.status_at = now
            message.save(update_fields=["status", "status_at"])
            return message, None
        message.attempts += 1
        fields = ["attempts", "status", "status_at", "last_error", "error_code", "next_attempt_at"]
        retry_in = None
        try:
            message.provider_id = provider.send(
                to=message.to,
                body=message.body,
                sender=message.sender,
                channel=message.channel,
                callback_url=status_callback_url(message),
            )
        except ProviderError as error:
            message.last_error = str(error)[:500]
            message.error_code = error.code
            retry_in = retry_delay(message.attempts) if error.retry else None
            if retry_in is not None:
                message.next_attempt_at = now + timedelta(seconds=retry_in)
            else:
                message.status = MessageStatus.FAILED
                message.failed_at = now
                fields.append("failed_at")
        else:
            message.status = MessageStatus.SENT
            message.sent_at = now
            message.next_attempt_at = None
            message.last_error = ""
            message.error_code = ""
            fields += ["provider_id", "sent_at"]
        message.status_at = now
        message.save(update_fields=fields)
    logger.info(
        "text message %s attempt %s: %s %s",
        message.pk,
        message.attempts,
        message.status,
        message.error_code,
    )
    return message, retry_in
