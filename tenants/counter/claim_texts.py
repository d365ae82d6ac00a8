"""The SMS of the account claim (shared/accounts/claim.py calls it through
settings.ACCOUNT_CLAIM_TEXT): queued in this Procon's text-message outbox, to the mobile the
consumer accepted SMS on."""

from shared.accounts.models import User
from tenants.textmessages.actions import do_queue_text_message
from tenants.textmessages.lifecycle import Channel
from tenants.textmessages.texts import senders


def text_claim_code(user: User, *, key: str, body: str) -> bool:
    """Whether a message was queued (none when SMS is off here or the consumer never accepted)."""
    message = do_queue_text_message(
        key=key, recipient=user, channel=Channel.SMS, body=body, sender=senders()[Channel.SMS]
    )
    return message is not None
