from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tenants.configuration.selectors import get_procon_settings


def procon_home(request: HttpRequest) -> HttpResponse:
    """A Procon's front page: whose site this is and how to reach it."""
    return render(
        request, "configuration/procon_home.html", {"procon_settings": get_procon_settings()}
    )
