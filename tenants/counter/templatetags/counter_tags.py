"""The menu's counter links: the counter for attendants and administrators, the consumer's own
atendimentos for everyone else signed in on a Procon's host."""

from django import template
from django.http import HttpRequest

from shared.accounts.permissions import request_roles
from tenants.complaints.lifecycle import ATTENDING

register = template.Library()


@register.inclusion_tag("counter/_nav.html", takes_context=True)
def counter_links(context: template.Context) -> dict[str, object]:
    request: HttpRequest | None = context.get("request")
    on_procon = (
        request is not None
        and getattr(request, "procon", None) is not None
        and request.user.is_authenticated
    )
    return {
        "request": request,
        "show_counter": bool(on_procon and request_roles(request) & set(ATTENDING)),
        "show_mine": on_procon,
    }
