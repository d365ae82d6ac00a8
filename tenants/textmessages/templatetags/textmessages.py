"""`{% text_message_offer complaint roles %}`: on the consumer's own complaint page, whether they
get its updates by text message, and the way to turn them on, change or stop them."""

from typing import Any

from django import template

from tenants.complaints.models import Complaint
from tenants.textmessages.actions import opted_in_channels
from tenants.textmessages.phones import masked
from tenants.textmessages.providers import get_provider

register = template.Library()


@register.inclusion_tag("textmessages/_case_offer.html", takes_context=True)
def text_message_offer(
    context: template.Context, complaint: Complaint, roles: frozenset[str]
) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    shown = (
        "consumer" in roles
        and get_provider() is not None
        and user is not None
        and user.pk == complaint.consumer_id
    )
    if not shown:
        return {"shown": False}
    channels = opted_in_channels(user)
    return {
        "shown": True,
        "request": request,
        "channels": [channel.label for channel in channels],
        "phone": masked(user.text_phone),
    }
