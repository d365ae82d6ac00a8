"""`{% narrative_panel complaint roles %}`: the complaint page's small panel on the consented
narrative, for the case's consumer and this Procon's staff. It reads the narrative the complaint
page's lookup already joined: no query of its own."""

from typing import Any

from django import template

from tenants.complaints.models import Complaint
from tenants.complaints.steps import PARTIES
from tenants.narratives.rules import MODERATORS

register = template.Library()


@register.inclusion_tag("narratives/consumer/_panel.html")
def narrative_panel(complaint: Complaint, roles: Any) -> dict[str, Any]:
    roles = frozenset(roles or ())
    narrative = getattr(complaint, "narrative", None)
    is_consumer = "consumer" in roles
    is_staff = bool(roles - PARTIES)
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
