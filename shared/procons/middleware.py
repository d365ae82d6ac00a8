"""Chooses the schema and URLconf of each request from its host name.

The platform's own host is the public schema with the public URLconf; `{slug}.{PLATFORM_DOMAIN}`
is that Procon's schema with the tenant URLconf; any other host answers the "no such Procon"
page (404), never the public site.

The host's Procon comes from each process's memory of the answers (`shared.procons.hosts`, which
forgets them whenever a Procon or a domain changes), so a request on a Procon's host costs no
query more than one on the platform's host; the database backend (`shared.procons.backend`) sends
`SET search_path` only when the connection's last request was on another schema.
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.template.loader import render_to_string
from django.urls import set_urlconf
from django_tenants.middleware.main import TenantMainMiddleware

from shared.procons import hosts


class ProconMiddleware(TenantMainMiddleware):
    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        connection.set_schema_to_public()
        request.procon = None  # type: ignore[attr-defined]
        try:
            hostname = self.hostname_from_request(request)
        except DisallowedHost:
            return self._not_found(request)

        if hostname == settings.PLATFORM_DOMAIN:
            self._route_public(request)
            return None

        procon = hosts.served_procon(hostname)
        if procon is None:
            if request.path.startswith(settings.STATIC_URL):
                # The "no such Procon" page's own stylesheet, script and icons (WhiteNoise).
                self._route_public(request)
                return None
            return self._not_found(request)
        procon.domain_url = hostname
        request.tenant = procon  # type: ignore[attr-defined]
        request.procon = procon  # type: ignore[attr-defined]
        connection.set_tenant(procon)
        request.urlconf = settings.ROOT_URLCONF  # type: ignore[attr-defined]
        set_urlconf(request.urlconf)
        return None

    @staticmethod
    def _route_public(request: HttpRequest) -> None:
        request.urlconf = settings.PUBLIC_SCHEMA_URLCONF  # type: ignore[attr-defined]
        set_urlconf(request.urlconf)

    def _not_found(self, request: HttpRequest) -> HttpResponse:
        self._route_public(request)
        body = render_to_string("procons/unknown_host.html", request=request)
        return HttpResponseNotFound(body)
