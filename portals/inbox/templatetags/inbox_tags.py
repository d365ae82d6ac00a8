"""The "Inbox" link in the platform host's header, for users with company memberships."""

from django import template
from django.http import HttpRequest

register = template.Library()


@register.inclusion_tag("inbox/_nav_link.html", takes_context=True)
def inbox_link(context: template.Context) -> dict[str, object]:
    from portals.inbox.views import request_cnpj_roots

    request: HttpRequest | None = context.get("request")
    show = bool(
        request is not None
        and getattr(request, "procon", None) is None
        and request.user.is_authenticated
        and request_cnpj_roots(request)
    )
    return {"show": show}
