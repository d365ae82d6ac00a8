"""Online hearing rooms. A provider turns the Procon's settings into a fresh room URL; Jitsi-style
providers need only `<base><unguessable name>`, others can be plugged through HEARING_ROOM_PROVIDER."""

from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

from tenants.configuration.selectors import new_hearing_room_url

RoomProvider = Callable[[], str]


def base_url_room() -> str:
    """`<hearing_room_base_url><token>`: the random token is what keeps the room private."""
    return new_hearing_room_url()


def room_provider() -> RoomProvider:
    path = getattr(settings, "HEARING_ROOM_PROVIDER", "")
    return import_string(path) if path else base_url_room


def new_room_url() -> str:
    return room_provider()()
