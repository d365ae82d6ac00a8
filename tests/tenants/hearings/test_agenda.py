"""The conciliator's agenda (day and week, page and API) and the private calendar feed."""

import re
from datetime import timedelta

import pytest
from icalendar import Calendar

from shared import formats
from shared.accounts.roles import StaffRole
from tenants.hearings.lifecycle import HearingFormat
from tenants.hearings.models import CalendarFeed
from tenants.hearings.scheduling import local
from tests.conftest import host_client
from tests.factories import staff
from tests.support.clients import logged_in_client
from tests.tenants.hearings.factories import at_hearing_scheduled, hearing_room, next_hearing_slot

pytestmark = pytest.mark.django_db
PAGE = "/audiencias/agenda/"


def test_the_conciliator_reads_their_day_and_week(santos, attendant, conciliator) -> None:
    room = hearing_room("Sala Verde", "Rua do Comércio, 7")
    slot = next_hearing_slot(3)
    hearing = at_hearing_scheduled(
        attendant, conciliator, starts_at=slot, format=HearingFormat.IN_PERSON, room=room
    )
    other = at_hearing_scheduled(attendant, staff(santos, StaffRole.CONCILIATOR), starts_at=slot)
    client = logged_in_client(conciliator, santos.host)
    day = local(slot).date().isoformat()

    page = client.get(PAGE, {"dia": day})
    assert page.status_code == 200
    text = page.content.decode()
    assert f'data-testid="agenda-hearing-{hearing.pk}"' in text
    assert f'href="/reclamacoes/{hearing.complaint.number}/"' in text
    assert "Sala Verde" in text and "Rua do Comércio, 7" in text
    assert formats.local_time(slot) in text
    assert hearing.complaint.consumer.full_name in text
    assert f"agenda-hearing-{other.pk}" not in text  # another conciliator's hearing
    # the week holds it too; the day before does not
    assert (
        f"agenda-hearing-{hearing.pk}"
        in client.get(PAGE, {"dia": day, "visao": "semana"}).content.decode()
    )
    previous = local(slot).date() - timedelta(days=1)
    assert (
        'data-testid="agenda-empty"'
        in client.get(PAGE, {"dia": previous.isoformat()}).content.decode()
    )


def test_the_administrator_picks_a_conciliator_and_others_get_404(
    procon, santos, attendant, conciliator
) -> None:
    hearing = at_hearing_scheduled(attendant, conciliator)
    day = local(hearing.starts_at).date().isoformat()
    admin = logged_in_client(staff(procon, StaffRole.TENANT_ADMIN), procon.host)
    assert 'data-testid="agenda-conciliator-form"' in admin.get(PAGE).content.decode()
    picked = admin.get(PAGE, {"dia": day, "conciliador": conciliator.pk}).content.decode()
    assert f"agenda-hearing-{hearing.pk}" in picked
    assert admin.get(PAGE, {"conciliador": attendant.pk}).status_code == 404
    assert logged_in_client(attendant, procon.host).get(PAGE).status_code == 404
    assert host_client(procon.host).get(PAGE).status_code == 302


def test_the_private_feed_lists_the_hearings_and_a_new_link_revokes_the_old(
    procon, santos, attendant, conciliator
) -> None:
    hearing = at_hearing_scheduled(attendant, conciliator)
    client = logged_in_client(conciliator, procon.host)

    created = client.post(f"{PAGE}calendario/")
    assert created.status_code == 200
    url = re.search(r'data-testid="agenda-feed-url" class="wide"', created.content.decode())
    assert url
    first = created.context["feed_url"]
    path = "/" + first.split("/", 3)[3]
    assert path.startswith("/audiencias/agenda/") and path.endswith(".ics")
    key = path.removeprefix("/audiencias/agenda/").removesuffix(".ics")
    assert not CalendarFeed.objects.filter(key_hash__contains=key).exists()  # only the hash

    response = host_client(procon.host).get(path)  # no login
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert (str(event["UID"]), int(event["SEQUENCE"])) == (hearing.ics_uid, hearing.ics_sequence)
    assert event["DTSTART"].dt == hearing.starts_at
    # the page now says a link exists, and a new link replaces it
    assert 'data-testid="agenda-feed-live"' in client.get(PAGE).content.decode()
    second = client.post(f"{PAGE}calendario/").context["feed_url"]
    assert second != first
    assert host_client(procon.host).get(path).status_code == 404
    assert host_client(procon.host).get("/" + second.split("/", 3)[3]).status_code == 200
    assert host_client(procon.host).get("/audiencias/agenda/nao-existe.ics").status_code == 404
    assert CalendarFeed.objects.filter(revoked_at__isnull=True).count() == 1


def test_the_agenda_api_by_day_and_week(procon, santos, attendant, conciliator) -> None:
    hearing = at_hearing_scheduled(attendant, conciliator)
    day = local(hearing.starts_at).date()
    own = logged_in_client(conciliator, procon.host).get(
        "/api/v1/hearings/agenda/", {"date": day.isoformat(), "view": "week"}
    )
    assert own.status_code == 200, own.json()
    body = own.json()
    assert body["first_day"] <= day.isoformat() <= body["last_day"]
    (item,) = body["hearings"]
    assert (item["id"], item["complaint_number"], item["format"]) == (
        hearing.pk,
        hearing.complaint.number,
        "online",
    )
    assert item["parties"]["consumer"] == hearing.complaint.consumer.full_name
    admin = logged_in_client(staff(procon, StaffRole.TENANT_ADMIN), procon.host)
    assert admin.get("/api/v1/hearings/agenda/").status_code == 400  # whose?
    picked = admin.get(
        "/api/v1/hearings/agenda/", {"date": day.isoformat(), "conciliator": conciliator.pk}
    )
    assert [h["id"] for h in picked.json()["hearings"]] == [hearing.pk]
    assert (
        logged_in_client(attendant, procon.host).get("/api/v1/hearings/agenda/").status_code == 404
    )


def test_the_agenda_flags_the_consumers_with_priority_service(
    santos, attendant, conciliator
) -> None:
    slot = next_hearing_slot(3)
    flagged = at_hearing_scheduled(attendant, conciliator, starts_at=slot, priority_pregnancy=True)
    usual = at_hearing_scheduled(attendant, conciliator, starts_at=slot + timedelta(hours=1))

    text = (
        logged_in_client(conciliator, santos.host)
        .get(PAGE, {"dia": local(slot).date().isoformat()})
        .content.decode()
    )

    flagged_card = text.split(f'data-testid="agenda-hearing-{flagged.pk}"')[1].split("</li>")[0]
    usual_card = text.split(f'data-testid="agenda-hearing-{usual.pk}"')[1].split("</li>")[0]
    assert 'data-testid="priority-badge"' in flagged_card
    assert 'data-testid="priority-badge"' not in usual_card


def test_the_menu_leads_conciliators_and_administrators_to_the_agenda(
    santos, attendant, conciliator
) -> None:
    admin = staff(santos, StaffRole.TENANT_ADMIN)

    def menu(user) -> str:  # type: ignore[no-untyped-def]
        return logged_in_client(user, santos.host).get("/atendimento/").content.decode()

    assert f'href="{PAGE}" data-testid="nav-agenda"' in menu(conciliator)
    assert 'data-testid="nav-agenda"' in menu(admin)
    assert 'data-testid="nav-agenda"' not in menu(attendant)
