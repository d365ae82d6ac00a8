"""The case index carries what the figures need from the tenant's complaint: the consumer's city
(a municipal Procon's own by default), hearings held and whether an agreement was reached."""

import pytest
from django.core.exceptions import ValidationError
from django_tenants.utils import tenant_context

from shared.caseindex.models import CaseIndexEntry
from shared.geo.models import Municipality
from tests.tenants.complaints.factories import file_complaint
from tests.tenants.hearings.factories import (
    at_hearing_scheduled,
    hearing_time_arrives,
    record_minutes,
)

pytestmark = pytest.mark.django_db


def _row(complaint) -> CaseIndexEntry:
    return CaseIndexEntry.objects.get(number=complaint.number)


def test_a_complaint_at_a_municipal_procon_is_placed_in_its_city_unless_told(procon) -> None:
    with tenant_context(procon):
        default = file_complaint()
        elsewhere = file_complaint(
            consumer_municipality=Municipality.objects.get(ibge_code=3551009)
        )

    assert _row(default).municipality_id == 3548500
    assert _row(elsewhere).municipality_id == 3551009


def test_the_state_procon_keeps_the_city_the_consumer_gives_and_refuses_another_state(
    state_procon,
) -> None:
    with tenant_context(state_procon):
        unknown = file_complaint()
        given = file_complaint(consumer_municipality=Municipality.objects.get(ibge_code=3509502))
        with pytest.raises(ValidationError) as refused:
            file_complaint(consumer_municipality=Municipality.objects.get(ibge_code=3304557))

    assert _row(unknown).municipality_id is None
    assert _row(given).municipality_id == 3509502
    assert "consumer_municipality" in refused.value.message_dict


def test_hearings_held_and_the_agreement_reach_the_index(santos, attendant, conciliator) -> None:
    hearing = hearing_time_arrives(at_hearing_scheduled(attendant, conciliator))
    scheduled = _row(hearing.complaint)
    assert (scheduled.hearings_held, scheduled.agreement_reached) == (0, None)

    record_minutes(
        hearing,
        conciliator,
        "agreement",
        "Acordo entre as partes.",
        terms="A empresa devolve o valor pago.",
        due_in_days=10,
    )

    row = _row(hearing.complaint)
    assert (row.hearings_held, row.agreement_reached, row.status) == (1, True, "agreement")


def test_minutes_without_agreement_count_the_hearing_and_say_no(
    santos, attendant, conciliator
) -> None:
    hearing = hearing_time_arrives(at_hearing_scheduled(attendant, conciliator))

    record_minutes(hearing, conciliator, "no_agreement", "Sem acordo.")

    row = _row(hearing.complaint)
    assert (row.hearings_held, row.agreement_reached) == (1, False)
