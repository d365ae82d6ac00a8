"""The provider's status callbacks: a form POST to the message's URL on its Procon's host, taken
only with a valid X-Twilio-Signature. Each attack is performed: a forged signature, none, a
signature replayed onto another message's URL, another Procon's host, a late "sent"."""

import pytest
from django_tenants.utils import tenant_context

from tenants.textmessages.actions import do_attempt_text_message, status_callback_url
from tenants.textmessages.lifecycle import MessageStatus
from tenants.textmessages.models import TextMessage
from tests.support.twilio import sign_callback
from tests.tenants.complaints.factories import file_complaint
from tests.tenants.textmessages.helpers import callback_params, opted_in_consumer, post_status

pytestmark = pytest.mark.usefixtures("santos")


def _sent_message(twilio) -> TextMessage:  # type: ignore[no-untyped-def]
    consumer = opted_in_consumer()
    file_complaint(consumer=consumer)
    message, _retry = do_attempt_text_message(TextMessage.objects.get(recipient=consumer).pk)
    assert message.status == MessageStatus.SENT
    return message


def _status_now(message: TextMessage) -> str:
    """The message's status as the database has it now (the object is refreshed)."""
    message.refresh_from_db()
    return message.status


def test_a_signed_delivered_callback_marks_the_message_delivered(twilio, procon_client) -> None:
    message = _sent_message(twilio)
    url = status_callback_url(message)
    assert url == twilio.requests[0].form["StatusCallback"]

    response = post_status(procon_client, url, callback_params(message, "delivered"))

    assert response.status_code == 204
    assert _status_now(message) == MessageStatus.DELIVERED
    assert message.delivered_at is not None


def test_a_forged_signature_is_refused(twilio, procon_client) -> None:
    message = _sent_message(twilio)
    url = status_callback_url(message)
    params = callback_params(message, "delivered")

    forged = sign_callback("a-guessed-token", url, params)
    assert post_status(procon_client, url, params, signature=forged).status_code == 403
    assert post_status(procon_client, url, params, signature="").status_code == 403
    # a valid signature of other parameters: the status was changed after signing
    signed = sign_callback("test-twilio-auth-token", url, callback_params(message, "sent"))
    assert post_status(procon_client, url, params, signature=signed).status_code == 403

    assert _status_now(message) == MessageStatus.SENT


def test_a_signed_callback_replayed_onto_another_messages_url_is_refused(
    twilio, procon_client
) -> None:
    first = _sent_message(twilio)
    second = _sent_message(twilio)
    params = callback_params(first, "failed")
    signature = sign_callback("test-twilio-auth-token", status_callback_url(first), params)

    response = post_status(procon_client, status_callback_url(second), params, signature=signature)

    assert response.status_code == 403
    assert _status_now(second) == MessageStatus.SENT


def test_a_callback_naming_another_message_id_changes_nothing(twilio, procon_client) -> None:
    # signed for this URL, but the provider's id is another message's: no such message here
    first = _sent_message(twilio)
    second = _sent_message(twilio)
    params = callback_params(first, "failed")

    response = post_status(procon_client, status_callback_url(second), params)

    assert response.status_code == 404
    for message in (first, second):
        message.refresh_from_db()
        assert message.status == MessageStatus.SENT


def test_a_callback_on_another_procons_host_reaches_nothing(
    twilio, procon, other_procon_client
) -> None:
    message = _sent_message(twilio)
    params = callback_params(message, "failed")
    url = status_callback_url(message)
    other_url = url.replace("santos.", "campinas.")

    # the Santos signature does not hold for Campinas's URL
    signature = sign_callback("test-twilio-auth-token", url, params)
    assert (
        post_status(other_procon_client, other_url, params, signature=signature).status_code == 403
    )
    # and a signature for Campinas's URL finds no such message in Campinas's schema
    assert post_status(other_procon_client, other_url, params).status_code == 404
    with tenant_context(procon):  # the requests left the connection in Campinas's schema
        assert _status_now(message) == MessageStatus.SENT


def test_a_late_sent_never_undoes_delivered(twilio, procon_client) -> None:
    message = _sent_message(twilio)
    url = status_callback_url(message)
    post_status(procon_client, url, callback_params(message, "delivered"))

    assert post_status(procon_client, url, callback_params(message, "sent")).status_code == 204

    assert _status_now(message) == MessageStatus.DELIVERED


def test_undelivered_marks_the_message_undeliverable_with_the_carriers_code(
    twilio, procon_client
) -> None:
    message = _sent_message(twilio)
    params = callback_params(message, "undelivered") | {"ErrorCode": "30003"}

    assert post_status(procon_client, status_callback_url(message), params).status_code == 204

    message.refresh_from_db()
    assert (message.status, message.error_code) == (MessageStatus.UNDELIVERABLE, "30003")
    assert message.failed_at is not None


def test_the_callback_needs_no_login_but_only_takes_posts(twilio, procon_client) -> None:
    message = _sent_message(twilio)
    path = status_callback_url(message).split("localhost", 1)[1]
    assert procon_client.get(path).status_code == 405
