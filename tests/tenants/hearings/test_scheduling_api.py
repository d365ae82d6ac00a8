"""The scheduling rules, formats and free times through the API and the complaint's pages."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from shared import formats
from shared.accounts.roles import StaffRole
from tenants.configuration.actions import do_update_procon_settings
from tenants.hearings.lifecycle import HearingFormat
from tests.factories import staff
from tests.support.clients import logged_in_client, post_json
from tests.tenants.hearings.factories import (
    at_hearing_scheduled,
    at_not_resolved,
    free_slot,
    hearing_room,
    next_hearing_slot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(santos, attendant):
    """A complaint of Santos the company did not resolve: it awaits a hearing."""
    return at_not_resolved(attendant)


def test_an_in_person_hearing_through_the_api_and_its_refusals(
    santos, attendant, conciliator
) -> None:
    room = hearing_room("Sala 3", "Av. Ana Costa, 10")
    complaint = at_not_resolved(attendant)
    client = logged_in_client(conciliator, santos.host)
    url = f"/api/v1/complaints/{complaint.number}/hearings/"
    slot = next_hearing_slot(3)
    sunday = slot + timedelta(days=6 - slot.weekday())

    refusals = [
        ({"starts_at": sunday.isoformat()}, "starts_at"),  # hearing_not_business_day
        ({"format": "in_person"}, "room"),  # hearing_room_required
        ({"format": "online", "room": room.pk}, "room"),  # hearing_room_not_allowed
        ({"format": "in_person", "room": 999_999}, "room"),  # hearing_room_unavailable
    ]
    for change, field in refusals:
        body = {"conciliator": conciliator.pk, "starts_at": slot.isoformat()} | change
        response = post_json(client, url, body)
        assert response.status_code == 400, change
        assert list(response.json()) == [field], response.json()

    response = post_json(
        client,
        url,
        {
            "conciliator": conciliator.pk,
            "starts_at": slot.isoformat(),
            "format": "in_person",
            "room": room.pk,
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["format"], body["room_url"]) == ("in_person", "")
    assert body["room"] == {
        "id": room.pk,
        "name": "Sala 3",
        "address": "Av. Ana Costa, 10",
        "is_active": True,
    }
    # the same conciliator, the same time, another complaint: refused on `conciliator`
    other = at_not_resolved(attendant)
    response = post_json(
        client,
        f"/api/v1/complaints/{other.number}/hearings/",
        {"conciliator": conciliator.pk, "starts_at": slot.isoformat()},
    )
    assert response.status_code == 400
    (message,) = response.json()["conciliator"]
    assert "Clara Conciliadora" in message and complaint.number in message


def test_a_reschedule_through_the_api_may_change_the_format(santos, attendant, conciliator) -> None:
    hearing = at_hearing_scheduled(attendant, conciliator)
    room = hearing_room()
    response = post_json(
        logged_in_client(conciliator, santos.host),
        f"/api/v1/hearings/{hearing.pk}/reschedule/",
        {"starts_at": next_hearing_slot(6).isoformat(), "format": "mixed", "room": room.pk},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["format"], body["room"]["id"], body["room_url"]) == (
        "mixed",
        room.pk,
        hearing.room_url,
    )
    assert (body["ics_uid"], body["ics_sequence"]) == (hearing.ics_uid, 1)


def test_free_times_through_the_api_skip_the_conciliators_hearings(
    santos, attendant, conciliator, complaint
) -> None:
    client = logged_in_client(attendant, santos.host)
    url = f"/api/v1/complaints/{complaint.number}/hearings/slots/"

    before = client.get(url, {"conciliator": conciliator.pk, "count": 3})
    assert before.status_code == 200, before.json()
    starts = [datetime.fromisoformat(s["starts_at"]) for s in before.json()]
    assert len(starts) == 3 and starts == sorted(starts)
    taken = at_hearing_scheduled(attendant, conciliator, starts_at=starts[0])

    after = client.get(url, {"conciliator": conciliator.pk, "count": 3}).json()
    assert datetime.fromisoformat(after[0]["starts_at"]) == starts[1]
    assert datetime.fromisoformat(after[0]["ends_at"]) == starts[1] + timedelta(minutes=60)
    assert taken.starts_at not in [datetime.fromisoformat(s["starts_at"]) for s in after]
    # the room's calendar counts for a hearing in a room
    room = hearing_room()
    other = staff(santos, StaffRole.CONCILIATOR)
    at_hearing_scheduled(
        attendant, other, starts_at=starts[1], format=HearingFormat.IN_PERSON, room=room
    )
    in_room = client.get(
        url, {"conciliator": conciliator.pk, "format": "in_person", "room": room.pk, "count": 1}
    ).json()
    assert isinstance(in_room, list), in_room
    assert datetime.fromisoformat(in_room[0]["starts_at"]) == starts[2]
    # a room is needed in person, and only conciliators are offered
    assert (
        client.get(url, {"conciliator": conciliator.pk, "format": "in_person"}).status_code == 400
    )
    assert client.get(url, {"conciliator": attendant.pk}).status_code == 400
    # the consumer sees the complaint, not the Procon's calendar
    assert (
        logged_in_client(complaint.consumer, santos.host)
        .get(url, {"conciliator": conciliator.pk})
        .status_code
        == 404
    )


def test_the_schedule_page_offers_free_times_that_fill_the_form(
    santos, attendant, conciliator, complaint
) -> None:
    client = logged_in_client(conciliator, santos.host)
    page = f"/reclamacoes/{complaint.number}/audiencia/agendar/"

    response = client.get(page)
    assert response.status_code == 200
    suggestions = response.context["suggestions"]
    assert suggestions
    first = suggestions[0]
    assert 'data-testid="slot"' in response.content.decode()
    # following the link fills the form with the conciliator, the date and the time
    filled = client.get(first.url)
    form = filled.context["form"]
    local = first.starts_at.astimezone(next_hearing_slot().tzinfo)
    assert form.initial["conciliator"] == str(conciliator.pk)
    assert form.initial["date"] == local.date().isoformat()
    assert form.initial["time"] == local.strftime("%H:%M")
    assert f'value="{local.strftime("%H:%M")}"' in filled.content.decode()
    # and posting it schedules the hearing then
    response = client.post(
        page,
        {
            "schedule-conciliator": conciliator.pk,
            "schedule-format": "online",
            "schedule-date": local.date().isoformat(),
            "schedule-time": local.strftime("%H:%M"),
        },
    )
    assert response.status_code == 302
    assert complaint.hearings.get().starts_at == first.starts_at


def test_a_refused_form_says_why_on_the_field(santos, attendant, conciliator, complaint) -> None:
    slot = next_hearing_slot(3)
    response = logged_in_client(conciliator, santos.host).post(
        f"/reclamacoes/{complaint.number}/audiencia/agendar/",
        {
            "schedule-conciliator": conciliator.pk,
            "schedule-format": "in_person",
            "schedule-date": slot.date().isoformat(),
            "schedule-time": "07:00",
        },
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"date", "room"}
    assert "09:00" in response.content.decode()


def test_the_page_lists_the_free_times_of_the_room_chosen_and_schedules_nothing(
    santos, attendant, conciliator
) -> None:
    room = hearing_room("Sala 2", "Rua Dom Pedro II, 25")
    complaint = at_not_resolved(attendant)
    at_hearing_scheduled(
        attendant,
        conciliator,
        starts_at=free_slot(conciliator, room=room),
        format="in_person",
        room=room,
    )
    client = logged_in_client(conciliator, santos.host)
    page = f"/reclamacoes/{complaint.number}/audiencia/agendar/"

    case = client.get(f"/reclamacoes/{complaint.number}/").content.decode()
    assert f'href="{page}"' in case  # the case page links to the free times

    response = client.post(
        page,
        {
            "schedule-conciliator": conciliator.pk,
            "schedule-format": "in_person",
            "schedule-room": room.pk,
            "free_times": "1",
        },
    )

    assert response.status_code == 200
    assert not complaint.hearings.exists()
    offered = [s.starts_at for s in response.context["suggestions"]]
    assert offered[0] == free_slot(conciliator, room=room)
    assert all(f"schedule-room={room.pk}" in s.url for s in response.context["suggestions"])
    assert 'data-testid="show-free-times"' in response.content.decode()


def test_each_refusal_reads_in_portuguese_on_the_page_and_in_the_api(
    santos, attendant, conciliator, complaint
) -> None:
    busy = at_hearing_scheduled(attendant, conciliator)
    slot = next_hearing_slot(3)
    sunday = slot + timedelta(days=6 - slot.weekday())
    client = logged_in_client(conciliator, santos.host)
    page = f"/reclamacoes/{complaint.number}/audiencia/agendar/"

    def refused(when, reason: str) -> None:  # type: ignore[no-untyped-def]
        local_when = timezone.localtime(when)
        form = {
            "schedule-conciliator": conciliator.pk,
            "schedule-format": "online",
            "schedule-date": local_when.date().isoformat(),
            "schedule-time": local_when.strftime("%H:%M"),
        }
        on_page = client.post(page, form)
        api = post_json(
            client,
            f"/api/v1/complaints/{complaint.number}/hearings/",
            {"conciliator": conciliator.pk, "starts_at": local_when.isoformat()},
        )
        assert on_page.status_code == 400, reason
        assert reason in on_page.content.decode(), reason
        assert api.status_code == 400, reason
        assert any(reason in message for messages in api.json().values() for message in messages)

    refused(sunday, "cai em fim de semana: escolha um dia útil")
    refused(busy.starts_at, f"já tem uma audiência de {formats.date_time(busy.starts_at)}")
    refused(slot.replace(hour=7), "As audiências são realizadas das 09:00 às 17:00")
    # a valid day and hour, but the Procon now wants a month's notice
    do_update_procon_settings(hearing_min_notice_hours=720)
    refused(slot, "As partes devem ser avisadas com pelo menos 720 horas de antecedência")
    assert not complaint.hearings.exists()
