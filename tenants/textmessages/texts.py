"""What each text message says and when it goes: short Portuguese texts with the case number and
the case's link, and no personal data beyond the consumer's own. Queued in the caller's
transaction, one per channel the consumer accepted, from the Procon's senders."""

from django.conf import settings
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext as _

from shared import formats
from shared.accounts.models import User
from shared.procons.models import host_url
from tenants.complaints.lifecycle import Step
from tenants.complaints.models import Complaint, ComplaintEvent
from tenants.configuration.selectors import get_procon_settings
from tenants.hearings.models import ConciliationHearing
from tenants.textmessages.actions import do_queue_text_message, opted_in_channels
from tenants.textmessages.lifecycle import Channel
from tenants.textmessages.models import TextMessage

# The steps the consumer may be texted of (a withdrawal only when it cancels a hearing).
TEXTED_STEPS = frozenset(
    {Step.FILE, Step.ANSWER, Step.SCHEDULE_HEARING, Step.RESCHEDULE_HEARING, Step.WITHDRAW}
)


def senders() -> dict[Channel, str]:
    """This Procon's sender per channel: its SMS sender or the platform's; its WhatsApp number,
    or none (WhatsApp off for this Procon)."""
    procon_settings = get_procon_settings()
    return {
        Channel.SMS: procon_settings.sms_sender or settings.TEXT_MESSAGE_SMS_SENDER,
        Channel.WHATSAPP: procon_settings.whatsapp_sender,
    }


def case_url(complaint: Complaint) -> str:
    return host_url(connection.tenant.host, f"/reclamacoes/{complaint.number}/")


def queue_texts(consumer: User, *, key: str, body: str) -> list[TextMessage]:
    """One message per channel `consumer` accepted and this Procon sends on (keys `<key>:<channel>`)."""
    channels = opted_in_channels(consumer)
    if not channels:
        return []
    from_ = senders()
    queued = []
    for channel in channels:
        message = do_queue_text_message(
            key=f"{key}:{channel}",
            recipient=consumer,
            channel=channel,
            body=body,
            sender=from_[channel],
        )
        if message is not None:
            queued.append(message)
    return queued


def step_text(complaint: Complaint, event: ComplaintEvent) -> str | None:
    """The text of a step the consumer is told of by text message, or None."""
    values = {
        "procon": connection.tenant.name,
        "number": complaint.number,
        "url": case_url(complaint),
    }
    if event.step == Step.FILE:
        return (
            _(
                "%(procon)s: your complaint was filed under protocol %(number)s. Follow it at %(url)s"
            )
            % values
        )
    if event.step == Step.ANSWER:
        return (
            _(
                "%(procon)s: the company answered your complaint %(number)s. Read and rate the answer at %(url)s"
            )
            % values
        )
    hearing = _hearing_of(complaint, event)
    if hearing is None:
        return None
    values["when"] = formats.date_time(hearing.starts_at)
    if event.step == Step.SCHEDULE_HEARING:
        return (
            _(
                "%(procon)s: a conciliation hearing of complaint %(number)s is scheduled for %(when)s. Details at %(url)s"
            )
            % values
        )
    if event.step == Step.RESCHEDULE_HEARING:
        return (
            _(
                "%(procon)s: the conciliation hearing of complaint %(number)s was moved to %(when)s. Details at %(url)s"
            )
            % values
        )
    if event.step == Step.WITHDRAW:
        return (
            _(
                "%(procon)s: the conciliation hearing of complaint %(number)s on %(when)s was cancelled. Details at %(url)s"
            )
            % values
        )
    return None


def _hearing_of(complaint: Complaint, event: ComplaintEvent) -> ConciliationHearing | None:
    """The hearing a step names: scheduled, moved, or cancelled by withdrawing the case."""
    data = event.data or {}
    if event.step in (Step.SCHEDULE_HEARING, Step.RESCHEDULE_HEARING):
        hearing_id = data.get("hearing_id")
    elif event.step == Step.WITHDRAW:
        hearing_id = data.get("cancelled_hearing_id")
    else:
        return None
    if hearing_id is None:
        return None
    return complaint.hearings.filter(pk=hearing_id).first()


def text_step(complaint: Complaint, event: ComplaintEvent) -> list[TextMessage]:
    """The text messages of a step (protocol, CIP answered, hearing scheduled, moved,
    cancelled) to a consumer who accepted them: called by the step's notifications."""
    if event.step not in TEXTED_STEPS or not event.visible_to_consumer:
        return []
    # Read only now: a step that texts nobody costs no query.
    consumer = complaint.consumer
    if not opted_in_channels(consumer):
        return []
    with translation.override(settings.LANGUAGE_CODE):
        body = step_text(complaint, event)
    if body is None:
        return []
    return queue_texts(consumer, key=f"complaint:{complaint.number}:event:{event.pk}", body=body)
