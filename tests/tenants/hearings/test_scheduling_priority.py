"""Consumers with priority service are served first when hearings are scheduled: while one of
them waits for a hearing, the first free times are not offered for anyone of a lower level (the
page says why), and are offered to them."""

from datetime import datetime

from django.utils import timezone

from tenants.complaints.priority import Priority, years_before
from tests.support.clients import logged_in_client
from tests.tenants.hearings.factories import at_not_resolved, free_slot


def _offered(client, complaint, conciliator) -> tuple[list, str]:  # type: ignore[no-untyped-def]
    response = client.get(
        f"/reclamacoes/{complaint.number}/audiencia/agendar/",
        {"schedule-conciliator": conciliator.pk, "schedule-format": "online"},
    )
    assert response.status_code == 200
    return [s.starts_at for s in response.context["suggestions"]], response.content.decode()


def test_the_first_free_times_wait_for_the_priority_consumers(
    santos, attendant, conciliator
) -> None:
    eighty = years_before(timezone.localdate(), 81)
    usual = at_not_resolved(attendant)
    older = at_not_resolved(attendant, consumer_birth_date=eighty)
    disabled = at_not_resolved(attendant, priority_disability=True)
    assert (older.priority, disabled.priority) == (Priority.PRIORITY_80, Priority.PRIORITY)
    first, second, third = (free_slot(conciliator, nth=n) for n in range(3))
    client = logged_in_client(conciliator, santos.host)

    for_usual, page = _offered(client, usual, conciliator)
    for_disabled, _page = _offered(client, disabled, conciliator)
    for_older, older_page = _offered(client, older, conciliator)

    # the two priority consumers waiting keep the first two free times from the usual case
    assert for_usual[0] == third
    assert 'data-testid="slots-held-back" data-count="2"' in page
    assert "Os 2 primeiros horários livres ficam para consumidores" in page
    # the consumer aged 80 or more keeps the first from the one with a disability
    assert for_disabled[0] == second
    # and is offered the first
    assert for_older[0] == first
    assert 'data-testid="slots-held-back"' not in older_page


def test_the_api_holds_back_the_same_times(santos, attendant, conciliator) -> None:
    usual = at_not_resolved(attendant)
    at_not_resolved(attendant, priority_pregnancy=True)
    second = free_slot(conciliator, nth=1)

    slots = (
        logged_in_client(conciliator, santos.host)
        .get(
            f"/api/v1/complaints/{usual.number}/hearings/slots/",
            {"conciliator": conciliator.pk, "count": 1},
        )
        .json()
    )

    assert [datetime.fromisoformat(slot["starts_at"]) for slot in slots] == [second]
