"""The city picker's suggestions: reference data only (no Procon's data), so every host answers
them, to anyone, read-only, and a client typing faster than a person is slowed down."""

from django.http import HttpRequest, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from shared.accounts.lockout import client_ip, client_network, count_in_window
from shared.geo.selectors import municipality_list

SUGGESTIONS = 8
QUERY_MIN, QUERY_MAX = 2, 64


class SuggestionThrottle:
    """Requests of one client (an IPv4 address or an IPv6 /64) to the pickers' suggestion URLs,
    counted in a fixed window in the shared cache: a person typing asks a few times a second at
    most (picker.js waits 250 ms between keystrokes), a scraper is refused with 429 past LIMIT."""

    LIMIT = 120
    WINDOW_SECONDS = 60

    def __init__(self, request: HttpRequest, *, scope: str) -> None:
        network = client_network(client_ip(request)) or "unknown"
        self.key = f"suggestions:{scope}:{network}"

    def allow(self) -> bool:
        return count_in_window(self.key, self.WINDOW_SECONDS) <= self.LIMIT


def too_many_searches() -> JsonResponse:
    response = JsonResponse(
        {"detail": _("Too many searches in a row. Wait a minute and try again.")}, status=429
    )
    response["Retry-After"] = str(SuggestionThrottle.WINDOW_SECONDS)
    return response


def query_error(query: str) -> str | None:
    """Why `query` cannot be searched, in the page's language; None when it can."""
    if len(query) < QUERY_MIN:
        return _("Type at least %(min)d letters of the name.") % {"min": QUERY_MIN}
    if len(query) > QUERY_MAX:
        return _("Type at most %(max)d characters.") % {"max": QUERY_MAX}
    if any(not character.isprintable() for character in query):
        return _("Type only letters, digits, spaces and punctuation.")
    return None


@require_GET
def municipality_suggestions(request: HttpRequest) -> JsonResponse:
    """Up to SUGGESTIONS municipalities of the platform's state whose names contain `q` (accents
    and case ignored, names starting with it first): `{"results": [{id, name, uf, label,
    value}]}`; `id` is the IBGE code the picker sends, `value` what it shows in the field."""
    if not SuggestionThrottle(request, scope="municipality").allow():
        return too_many_searches()
    query = " ".join(request.GET.get("q", "").split())
    if error := query_error(query):
        return JsonResponse({"q": [error]}, status=400)
    rows = municipality_list(query=query, limit=SUGGESTIONS)
    response = JsonResponse(
        {
            "results": [
                {
                    "id": m.ibge_code,
                    "name": m.name,
                    "uf": m.uf.abbreviation,
                    "label": f"{m.name}/{m.uf.abbreviation}",
                    "value": m.name,
                }
                for m in rows
            ]
        }
    )
    # The same letters give the same cities: the browser may reuse them while the person types.
    patch_cache_control(response, private=True, max_age=300)
    return response
