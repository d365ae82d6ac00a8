"""The menu's link to the moderation of narratives, for the attendants and administrators of the
Procon whose host serves the page. It reads no more than the roles the request already holds."""

from django import template
from django.http import HttpRequest

from shared.accounts.permissions import request_roles
from tenants.narratives.rules import MODERATORS

register = template.Library()


@register.inclusion_tag("narratives/moderation/_nav.html", takes_context=True)
def narratives_link(context: template.Context) -> dict[str, object]:
    request: HttpRequest | None = context.get("request")
    show = bool(
        request is not None
        and getattr(request, "procon", None) is not None
        and request.user.is_authenticated
        and request_roles(request) & MODERATORS
    )
    return {"request": request, "show": show}
