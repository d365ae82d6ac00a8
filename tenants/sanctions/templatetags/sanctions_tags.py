"""The header link to the fiscalização pages, for the inspectors, judges and administrator of the
Procon whose host serves the page."""

from django import template
from django.http import HttpRequest

from shared.accounts.permissions import request_roles
from tenants.sanctions.lifecycle import SANCTION_STAFF

register = template.Library()


@register.inclusion_tag("sanctions/_nav_link.html", takes_context=True)
def sanctions_link(context: template.Context) -> dict[str, object]:
    request: HttpRequest | None = context.get("request")
    show = bool(
        request is not None
        and getattr(request, "procon", None) is not None
        and request.user.is_authenticated
        and set(SANCTION_STAFF) & request_roles(request)
    )
    return {"show": show}
