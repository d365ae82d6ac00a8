from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from shared.procons.selectors import procon_list


def platform_home(request: HttpRequest) -> HttpResponse:
    """The platform's front page: what it is, and the Procons that serve on it."""
    return render(request, "procons/platform_home.html", {"procons": procon_list()})
