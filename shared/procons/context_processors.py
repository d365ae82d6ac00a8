from django.conf import settings
from django.http import HttpRequest

from shared.procons.models import platform_url


def procon(request: HttpRequest) -> dict[str, object]:
    """The Procon whose host served the request (None on the platform's host), the platform's
    home and whether the VLibras widget is on."""
    return {
        "procon": getattr(request, "procon", None),
        "platform_home_url": platform_url(),
        "vlibras_script": settings.VLIBRAS_SCRIPT if settings.VLIBRAS_ENABLED else "",
    }
