"""Online hearing rooms. A provider turns the Procon's settings into a fresh room URL; Jitsi-style
providers need only `<base><unguessable name>`, others can be plugged through HEARING_ROOM_PROVIDER."""

import secrets
from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

from tenants.configuration.selectors import get_procon_settings

DEFAULT_ROOM_BASE_URL = "https://meet.jit.si/"

RoomProvider = Callable[[], str]


def base_url_room() -> str:
    """`<hearing_room_base_url><token>`: the token (128 random bits) is what keeps the room private."""
    base = getattr(get_procon_settings(), "hearing_room_base_url", "") or DEFAULT_ROOM_BASE_URL
    return f"{base}{secrets.token_urlsafe(16)}"


def room_provider() -> RoomProvider:
    path = getattr(settings, "HEARING_ROOM_PROVIDER", "")
    return import_string(path) if path else base_url_room


def new_room_url() -> str:
    return room_provider()()
