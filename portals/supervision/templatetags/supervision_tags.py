"""The header link to the supervisor's dashboard, on the state Procon's host only."""

from django import template
from django.http import HttpRequest

from shared.accounts.permissions import request_roles
from shared.accounts.roles import StaffRole

register = template.Library()


@register.inclusion_tag("supervision/_header_link.html", takes_context=True)
def supervision_link(context: template.Context) -> dict[str, object]:
    """Shown to the state supervisor (the roles are read once per request)."""
    request: HttpRequest | None = context.get("request")
    procon = getattr(request, "procon", None) if request is not None else None
    show = bool(
        procon is not None
        and procon.is_state
        and request.user.is_authenticated
        and StaffRole.SUPERVISOR in request_roles(request)
    )
    return {"show": show}
