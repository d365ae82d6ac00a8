"""Two schedules for the same conciliator (or room) at the same time, on two connections: the
second waits for the first to commit, then sees its hearing and is refused. Without the calendar
lock both would pass the overlap check, each blind to the other's uncommitted row."""

import threading
from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from shared.procons.models import Procon
from tenants.hearings.actions import do_schedule_hearing
from tenants.hearings.errors import HearingErrorCode
from tenants.hearings.lifecycle import HearingFormat, HearingStatus
from tenants.hearings.models import ConciliationHearing, HearingRoom
from tests.factories import staff
from tests.tenants.hearings.factories import at_not_resolved, free_slot


def _waiting_on_an_advisory_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        return cursor.fetchone()[0] > 0


@pytest.mark.parametrize("shared", ["conciliator", "room"])
def test_two_concurrent_schedules_of_one_calendar_let_only_one_win(
    committed: Procon, shared: str
) -> None:
    # given two complaints ready for a hearing, and a time free for everyone
    attendant = staff(committed, StaffRole.ATTENDANT)
    conciliators = [staff(committed, StaffRole.CONCILIATOR) for _ in range(2)]
    if shared == "conciliator":
        conciliators[1] = conciliators[0]
    with tenant_context(committed):
        room = HearingRoom.objects.create(
            name=f"Sala {conciliators[0].pk}-{conciliators[1].pk}", address="Rua A, 1"
        )
        complaints = [at_not_resolved(attendant) for _ in range(2)]
        starts_at: datetime = max(free_slot(c, room=room) for c in conciliators)
    place = {"format": HearingFormat.IN_PERSON, "room": room}
    first_done, release = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def schedule(index: int) -> ConciliationHearing:
        return do_schedule_hearing(
            complaints[index],
            actor=conciliators[index],
            as_role="conciliator",
            conciliator=conciliators[index],
            starts_at=starts_at,
            **place,
        )

    def first() -> None:
        """Schedules, then keeps its transaction open until released."""
        try:
            with tenant_context(committed), transaction.atomic():
                outcome["first"] = schedule(0)
                first_done.set()
                release.wait(timeout=30)
        except Exception as error:
            outcome["first"] = error
        finally:
            first_done.set()
            connections.close_all()

    def second() -> None:
        try:
            with tenant_context(committed):
                outcome["second"] = schedule(1)
        except Exception as error:
            outcome["second"] = error
        finally:
            connections.close_all()

    # when the second schedule starts while the first is not yet committed
    one = threading.Thread(target=first)
    one.start()
    assert first_done.wait(timeout=30)
    two = threading.Thread(target=second)
    two.start()
    waited = False
    for _ in range(100):
        if "second" in outcome:
            break
        if _waiting_on_an_advisory_lock():
            waited = True
            break
        two.join(timeout=0.05)
    release.set()
    one.join(timeout=30)
    two.join(timeout=30)

    # then the second waited for the first, saw its hearing and was refused, naming the field
    assert isinstance(outcome["first"], ConciliationHearing), outcome
    assert waited
    refused = outcome["second"]
    assert isinstance(refused, ValidationError), refused
    field = "conciliator" if shared == "conciliator" else "room"
    assert [e.code for e in refused.error_dict[field]] == [
        HearingErrorCode.CONCILIATOR_BUSY if shared == "conciliator" else HearingErrorCode.ROOM_BUSY
    ]
    with tenant_context(committed):
        booked = ConciliationHearing.objects.filter(
            status=HearingStatus.SCHEDULED, starts_at=starts_at, room=room
        )
        assert [h.complaint_id for h in booked] == [complaints[0].pk]
