"""The Procon administrator's hearing rooms, a settings page (/configuracoes/salas-de-audiencia/):
add a room, rename it, move it, take it out of use."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from kernel.web.errors import found
from shared.accounts.permissions import staff_required
from shared.accounts.roles import StaffRole
from tenants.configuration.pages import FormPage
from tenants.hearings.actions import do_add_hearing_room, do_update_hearing_room
from tenants.hearings.models import HearingRoom
from tenants.hearings.selectors import access_room, room_list

ADMIN = StaffRole.TENANT_ADMIN.value


class RoomForm(forms.ModelForm):
    """A room's name and address, and whether it is in use (when editing); saved by the actions,
    whose refusals land on these fields."""

    class Meta:
        model = HearingRoom
        fields = ("name", "address", "is_active")
        help_texts = {
            "is_active": _(
                "Rooms out of use are not offered for new hearings; a room with scheduled "
                "hearings stays in use until they move."
            )
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if self.instance.pk is None:
            del self.fields["is_active"]

    def save(self, commit: bool = True) -> HearingRoom:
        data = self.cleaned_data
        if self.instance.pk is None:
            return do_add_hearing_room(name=data["name"], address=data["address"])
        return do_update_hearing_room(
            HearingRoom.objects.get(pk=self.instance.pk),
            name=data["name"],
            address=data["address"],
            is_active=data["is_active"],
        )


ROOMS_PAGE = FormPage(
    RoomForm, "hearings/rooms/list.html", "hearing-rooms", _("Hearing room added.")
)
ROOM_PAGE = FormPage(
    RoomForm, "hearings/rooms/edit.html", "hearing-rooms", _("Hearing room saved.")
)


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def rooms(request: HttpRequest) -> HttpResponse:
    return ROOMS_PAGE.respond(request, rooms=room_list())


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def edit_room(request: HttpRequest, room_id: int) -> HttpResponse:
    room = found(access_room, room_id=room_id)
    return ROOM_PAGE.respond(request, instance=room, room=room)
