"""Text messages through Twilio's API as documented, on a loopback server that answers as Twilio
does: delivery, a provider error retried then sent, an invalid number failed without retry, the
exactly-once key, the opt-out that stops a queued message, and the Procon's senders."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tenants.textmessages.actions import (
    do_attempt_text_message,
    do_queue_text_message,
    do_set_text_message_preferences,
)
from tenants.textmessages.lifecycle import Channel, MessageStatus
from tenants.textmessages.models import TextMessage
from tenants.textmessages.tasks import queued_text_messages, send_text_message
from tests.tenants.complaints.factories import file_complaint
from tests.tenants.textmessages.helpers import opted_in_consumer, set_senders

pytestmark = pytest.mark.usefixtures("santos")


def test_a_filed_complaint_sends_its_protocol_by_sms_through_twilio(twilio) -> None:
    # given a consumer who accepted SMS, at a Procon with its own sender
    set_senders(sms="ProconSTS")
    consumer = opted_in_consumer()

    # when they file a complaint and the worker's task runs
    complaint = file_complaint(consumer=consumer)
    message = TextMessage.objects.get(recipient=consumer, channel="sms")
    assert send_text_message.apply(args=[message.pk]).get() == MessageStatus.SENT

    # then Twilio got one message, as its API documents it
    [request] = twilio.requests
    assert request.path == f"/2010-04-01/Accounts/{twilio.account_sid}/Messages.json"
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.form["To"] == consumer.text_phone
    assert request.form["From"] == "ProconSTS"
    assert complaint.number in request.form["Body"]
    assert f"http://santos.localhost/reclamacoes/{complaint.number}/" in request.form["Body"]
    assert request.form["StatusCallback"] == (
        f"http://santos.localhost/mensagens/{message.pk}/situacao/"
    )
    # and the message is marked sent with Twilio's id
    message.refresh_from_db()
    assert (message.status, message.provider_id, message.attempts) == (
        MessageStatus.SENT,
        request.sid,
        1,
    )
    assert message.sent_at is not None

    # and a task delivered again sends nothing more
    send_text_message.apply(args=[message.pk])
    assert len(twilio.requests) == 1


def test_a_provider_error_is_retried_after_the_backoff_then_sent(twilio) -> None:
    # given Twilio answers the next request with 503
    consumer = opted_in_consumer()
    complaint = file_complaint(consumer=consumer)
    message = TextMessage.objects.get(recipient=consumer)
    twilio.fail_next(1, status=503)

    # when the task runs (Celery retries it at once in eager mode: too early, nothing is sent)
    send_text_message.apply(args=[message.pk])

    # then the message waits in the queue for its retry
    message.refresh_from_db()
    assert (message.status, message.attempts, message.error_code) == (
        MessageStatus.QUEUED,
        1,
        "20500",
    )
    assert message.next_attempt_at > timezone.now()
    assert len(twilio.requests) == 1

    # when the backoff has passed and the retry runs
    TextMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    send_text_message.apply(args=[message.pk])

    # then it is sent, once
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 2)
    assert [r.status for r in twilio.requests] == [503, 201]
    assert complaint.number in twilio.requests[1].form["Body"]


def test_an_unreachable_provider_is_retried_too(settings) -> None:
    # given nothing listens where the provider is
    settings.TWILIO_API_BASE_URL = "http://127.0.0.1:9"
    consumer = opted_in_consumer()
    file_complaint(consumer=consumer)
    message = TextMessage.objects.get(recipient=consumer)

    # when the task tries
    message, retry_in = do_attempt_text_message(message.pk)

    # then the message stays queued for a retry
    assert (message.status, retry_in) == (MessageStatus.QUEUED, 15)
    assert "connection failed" in message.last_error


def test_an_invalid_number_fails_at_once_without_retry(twilio) -> None:
    # given Twilio refuses the consumer's number (error 21211)
    consumer = opted_in_consumer()
    twilio.invalid_numbers.add(consumer.text_phone)
    file_complaint(consumer=consumer)
    message = TextMessage.objects.get(recipient=consumer)

    # when the task runs
    message, retry_in = do_attempt_text_message(message.pk)

    # then the message failed for good with Twilio's code, and is never tried again
    assert (message.status, message.error_code, retry_in) == (MessageStatus.FAILED, "21211", None)
    assert "not a valid phone number" in message.last_error
    assert message.failed_at is not None
    send_text_message.apply(args=[message.pk])
    assert [r.status for r in twilio.requests] == [400]
    assert queued_text_messages(older_than=timezone.now() + timedelta(days=1)) == []


def test_queuing_twice_with_one_key_keeps_one_message(twilio) -> None:
    consumer = opted_in_consumer()
    first = do_queue_text_message(
        key="k:1", recipient=consumer, channel=Channel.SMS, body="Olá", sender="Procon"
    )
    second = do_queue_text_message(
        key="k:1", recipient=consumer, channel=Channel.SMS, body="Olá de novo", sender="Procon"
    )
    assert first is not None and second is not None
    assert first.pk == second.pk
    assert TextMessage.objects.filter(key="k:1").count() == 1


def test_opting_out_stops_a_message_already_queued(twilio) -> None:
    # given a protocol SMS queued for a consumer
    consumer = opted_in_consumer()
    file_complaint(consumer=consumer)
    message = TextMessage.objects.get(recipient=consumer)

    # when the consumer opts out before the worker sends it
    do_set_text_message_preferences(consumer, phone=consumer.text_phone, sms=False, whatsapp=False)
    message, _retry = do_attempt_text_message(message.pk)

    # then nothing reaches Twilio and the message is cancelled
    assert message.status == MessageStatus.CANCELLED
    assert twilio.requests == []


def test_a_new_number_does_not_receive_messages_queued_for_the_old_one(twilio) -> None:
    consumer = opted_in_consumer()
    file_complaint(consumer=consumer)
    message = TextMessage.objects.get(recipient=consumer)
    do_set_text_message_preferences(consumer, phone="+5511988887777", sms=True, whatsapp=False)

    message, _retry = do_attempt_text_message(message.pk)

    assert message.status == MessageStatus.CANCELLED
    assert twilio.requests == []


def test_a_consumer_who_did_not_opt_in_gets_no_text_message(twilio) -> None:
    complaint = file_complaint()
    assert not TextMessage.objects.filter(key__startswith=f"complaint:{complaint.number}:").exists()


def test_whatsapp_goes_from_the_procons_number_as_whatsapp_addresses(twilio) -> None:
    # given a Procon with a WhatsApp number and a consumer who accepted both channels
    set_senders(whatsapp="+5513999990000")
    consumer = opted_in_consumer(sms=True, whatsapp=True)

    # when they file a complaint
    complaint = file_complaint(consumer=consumer)
    messages = {m.channel: m for m in TextMessage.objects.filter(recipient=consumer)}
    for message in messages.values():
        do_attempt_text_message(message.pk)

    # then one SMS from the platform's default sender and one WhatsApp message, addressed as
    # Twilio's WhatsApp API wants
    assert set(messages) == {"sms", "whatsapp"}
    sms = twilio.sent_to(consumer.text_phone)
    whatsapp = twilio.sent_to(f"whatsapp:{consumer.text_phone}")
    assert [r.form["From"] for r in sms] == ["ProconDigit"]
    assert [r.form["From"] for r in whatsapp] == ["whatsapp:+5513999990000"]
    assert complaint.number in whatsapp[0].form["Body"]


def test_a_procon_without_a_whatsapp_number_sends_no_whatsapp(twilio) -> None:
    set_senders(whatsapp="")
    consumer = opted_in_consumer(sms=False, whatsapp=True)
    file_complaint(consumer=consumer)
    assert not TextMessage.objects.filter(recipient=consumer).exists()


def test_wrong_credentials_fail_the_message_without_retry(twilio, settings) -> None:
    settings.TWILIO_AUTH_TOKEN = "not-the-token"
    consumer = opted_in_consumer()
    file_complaint(consumer=consumer)
    message = TextMessage.objects.get(recipient=consumer)

    message, retry_in = do_attempt_text_message(message.pk)

    assert (message.status, message.error_code, retry_in) == (MessageStatus.FAILED, "20003", None)


def test_the_sweep_finds_messages_left_queued_in_every_schema(twilio) -> None:
    consumer = opted_in_consumer()
    file_complaint(consumer=consumer)
    message = TextMessage.objects.get(recipient=consumer)

    assert ("procon_santos", message.pk) in queued_text_messages(
        older_than=timezone.now() + timedelta(seconds=1)
    )
    assert ("procon_santos", message.pk) not in queued_text_messages(
        older_than=timezone.now() - timedelta(minutes=5)
    )
