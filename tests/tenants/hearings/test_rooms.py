"""The Procon's hearing rooms: the administrator adds, edits and takes them out of use (not while
they hold scheduled hearings), on the settings page and through the API; the schedulers list them."""

import pytest
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from tenants.hearings.lifecycle import HearingFormat
from tenants.hearings.models import HearingRoom
from tests.conftest import host_client
from tests.factories import staff
from tests.support.clients import logged_in_client
from tests.tenants.hearings.factories import at_hearing_scheduled, hearing_room

pytestmark = pytest.mark.django_db
PAGE = "/configuracoes/salas-de-audiencia/"
API = "/api/v1/hearing-rooms/"


def test_the_administrator_adds_and_edits_a_room_on_the_settings_page(procon) -> None:
    client = logged_in_client(staff(procon, StaffRole.TENANT_ADMIN), procon.host)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert 'data-testid="room-list-empty"' in page.content.decode()

    added = client.post(PAGE, {"name": "Sala 1", "address": "Rua Amador Bueno, 50, térreo"})
    assert added.status_code == 302
    with tenant_context(procon):
        room = HearingRoom.objects.get()
    assert (room.name, room.is_active) == ("Sala 1", True)
    assert "Rua Amador Bueno, 50, térreo" in client.get(PAGE).content.decode()

    # the same name again (any case) is a field error
    again = client.post(PAGE, {"name": "sala 1", "address": "Outro lugar"})
    assert again.status_code == 200
    assert set(again.context["form"].errors) == {"name"}

    edited = client.post(
        f"{PAGE}{room.pk}/", {"name": "Sala 1 (térreo)", "address": "Rua Amador Bueno, 50"}
    )
    assert edited.status_code == 302
    with tenant_context(procon):
        room.refresh_from_db()
    assert (room.name, room.is_active) == ("Sala 1 (térreo)", False)  # unchecked: out of use


def test_a_room_with_scheduled_hearings_stays_in_use_saying_why(
    procon, santos, attendant, conciliator
) -> None:
    room = hearing_room()
    at_hearing_scheduled(attendant, conciliator, format=HearingFormat.IN_PERSON, room=room)
    admin = staff(procon, StaffRole.TENANT_ADMIN)

    page = logged_in_client(admin, procon.host).post(
        f"{PAGE}{room.pk}/", {"name": room.name, "address": room.address}
    )
    assert page.status_code == 200
    assert set(page.context["form"].errors) == {"is_active"}
    assert "1" in page.context["form"].errors["is_active"][0]

    api = logged_in_client(admin, procon.host).patch(
        f"{API}{room.pk}/", {"is_active": False}, content_type="application/json"
    )
    assert api.status_code == 400
    assert list(api.json()) == ["is_active"]
    room.refresh_from_db()
    assert room.is_active


def test_the_api_lists_to_schedulers_and_lets_only_the_administrator_write(
    procon, santos, attendant, conciliator, other_procon
) -> None:
    hearing_room("Sala B", "Rua B, 2")
    admin = staff(procon, StaffRole.TENANT_ADMIN)
    for person in (attendant, conciliator, admin):
        listed = logged_in_client(person, procon.host).get(API)
        assert listed.status_code == 200
        assert [r["name"] for r in listed.json()] == ["Sala B"]
    for person in (attendant, conciliator):
        client = logged_in_client(person, procon.host)
        assert client.post(API, {"name": "X", "address": "Y"}).status_code == 404
        assert client.get(PAGE).status_code == 404
    assert host_client(procon.host).get(API).status_code in (401, 403, 404)
    # another Procon's administrator sees none of Santos's rooms
    foreign = logged_in_client(staff(other_procon, StaffRole.TENANT_ADMIN), procon.host)
    assert foreign.get(API).status_code == 404

    client = logged_in_client(admin, procon.host)
    created = client.post(
        API, {"name": "Sala C", "address": "Rua C, 3"}, content_type="application/json"
    )
    assert created.status_code == 201, created.json()
    room_id = created.json()["id"]
    moved = client.patch(
        f"{API}{room_id}/",
        {"address": "Rua C, 30", "is_active": False},
        content_type="application/json",
    )
    assert moved.status_code == 200
    assert moved.json() == {
        "id": room_id,
        "name": "Sala C",
        "address": "Rua C, 30",
        "is_active": False,
    }
    assert client.patch(f"{API}999999/", {}, content_type="application/json").status_code == 404
