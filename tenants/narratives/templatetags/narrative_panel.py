"""`{% narrative_panel complaint roles %}`: the complaint page's small panel on the consented
narrative, for the case's consumer and this Procon's staff: one query of its own for them, none
for the company's agents (the complaint's lookup does not join it, see `access_complaint`)."""

from typing import Any

from django import template

from tenants.complaints.models import Complaint
from tenants.complaints.steps import PARTIES
from tenants.narratives.rules import MODERATORS
from tenants.narratives.selectors import narrative_of

register = template.Library()


@register.inclusion_tag("narratives/consumer/_panel.html")
def narrative_panel(complaint: Complaint, roles: Any) -> dict[str, Any]:
    roles = frozenset(roles or ())
    is_consumer = "consumer" in roles
    is_staff = bool(roles - PARTIES)
    narrative = narrative_of(complaint) if is_consumer or is_staff else None
    # The consumer sees it while it can still be offered or once it was; staff once it was.
    show = (is_consumer and (narrative is not None or complaint.is_open)) or (
        is_staff and narrative is not None
    )
    return {
        "show": show,
        "complaint": complaint,
        "narrative": narrative,
        "is_consumer": is_consumer,
        "is_moderator": bool(roles & MODERATORS),
    }
