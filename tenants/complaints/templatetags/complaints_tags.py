"""Small pieces of the complaint pages: the deadline badge and the staff queue link in the header."""

from datetime import date

from django import template
from django.http import HttpRequest

from shared.accounts.permissions import request_roles
from tenants.complaints.models import Complaint
from tenants.complaints.selectors import deadline_badge as running_deadline

register = template.Library()


@register.inclusion_tag("complaints/_badge.html")
def deadline_badge(
    complaint: Complaint, badge: tuple[str, date] | str | None = ""
) -> dict[str, object]:
    """The badge of the deadline running now; pass `badge` when the view already computed it."""
    found = running_deadline(complaint) if badge == "" else badge
    kind, due = found if found else ("", None)
    return {"kind": kind, "css": kind.replace("_", "-"), "due": due}


@register.inclusion_tag("complaints/_queue_link.html", takes_context=True)
def staff_queue_link(context: template.Context) -> dict[str, object]:
    """The link to the queue, for staff of the Procon whose host serves the page."""
    request: HttpRequest | None = context.get("request")
    show = bool(
        request is not None
        and getattr(request, "procon", None) is not None
        and request.user.is_authenticated
        and request_roles(request)
    )
    return {"show": show}
