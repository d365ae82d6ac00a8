"""Binds a login session to the host it was opened on.

Cookies are host-only, so a browser never sends one Procon's session to another; this also
refuses a session key copied by hand onto another host (it is then treated as logged out).
"""

from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse

BOUND_HOST_KEY = "_bound_host"


class HostBoundSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_KEY in session:
            host = request.get_host()
            bound = session.get(BOUND_HOST_KEY)
            if bound is None:
                session[BOUND_HOST_KEY] = host
            elif bound != host:
                request.session = session.__class__()  # a fresh, empty session for this request
                request.user = AnonymousUser()
        return self.get_response(request)
