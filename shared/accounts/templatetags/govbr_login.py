from django import template

from shared.accounts.govbr.provider import enabled

register = template.Library()


@register.simple_tag
def govbr_enabled() -> bool:
    """Whether "Entrar com gov.br" is configured (GOVBR_CLIENT_ID and GOVBR_CLIENT_SECRET)."""
    return enabled()
