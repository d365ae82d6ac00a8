from django.http import HttpRequest

from shared.procons.models import platform_url


def procon(request: HttpRequest) -> dict[str, object]:
    """The Procon whose host served the request (None on the platform's host)."""
    return {"procon": getattr(request, "procon", None), "platform_home_url": platform_url()}
