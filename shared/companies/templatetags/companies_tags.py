"""The company links of the header, for members of a company on the platform's host."""

from django import template
from django.http import HttpRequest

from shared.companies.selectors import company_nav

register = template.Library()


@register.inclusion_tag("companies/_nav.html", takes_context=True)
def company_nav_links(context: template.Context) -> dict[str, object]:
    request: HttpRequest | None = context.get("request")
    if request is None or getattr(request, "procon", None) is not None:
        return {"admin": False}
    return company_nav(user=request.user)
