"""Deadlines read from the current schema: its CIP setting and its own holidays."""

from datetime import date

import pytest
from django_tenants.utils import tenant_context

from tenants.configuration.actions import do_update_procon_settings
from tenants.configuration.models import Holiday
from tenants.configuration.selectors import (
    calendar_deadline,
    cip_due_date,
    email_sender_name,
    new_hearing_room_url,
)
from tests.tenants.queries import data_queries

pytestmark = pytest.mark.django_db

SANTOS_ANNIVERSARY = date(2027, 1, 26)  # a Tuesday


def test_cip_due_date_uses_the_procons_deadline_and_its_own_holidays(procon, other_procon) -> None:
    # given Santos closes on its anniversary and gives 2 business days; Campinas keeps 10
    with tenant_context(procon):
        Holiday.objects.create(date=SANTOS_ANNIVERSARY, name="Aniversário de Santos")
        do_update_procon_settings(cip_deadline_business_days=2)
        # when a CIP is sent on Monday 2027-01-25
        santos_due = cip_due_date(date(2027, 1, 25))
    with tenant_context(other_procon):
        campinas_due = cip_due_date(date(2027, 1, 25))
    # then Santos skips the 26th; Campinas counts it
    assert santos_due == date(2027, 1, 28)
    assert campinas_due == date(2027, 2, 8)


def test_cip_due_date_of_the_default_ten_days_over_christmas(procon) -> None:
    with tenant_context(procon):
        assert cip_due_date(date(2026, 12, 18)) == date(2027, 1, 5)


def test_cip_due_date_reads_two_queries(procon) -> None:
    with tenant_context(procon), data_queries() as queries:
        cip_due_date(date(2026, 12, 18))
    assert len(queries) == 2, queries


def test_calendar_deadline_follows_the_extension_setting(procon) -> None:
    start = date(2026, 3, 6)  # + 15 = Saturday 2026-03-21
    with tenant_context(procon):
        assert calendar_deadline(start, 15) == date(2026, 3, 23)
        do_update_procon_settings(extend_calendar_deadlines_to_business_day=False)
        assert calendar_deadline(start, 15) == date(2026, 3, 21)


def test_calendar_deadline_skips_the_procons_own_holiday(procon) -> None:
    start = date(2027, 1, 11)  # + 15 = Tuesday 2027-01-26, Santos's anniversary
    with tenant_context(procon):
        Holiday.objects.create(date=SANTOS_ANNIVERSARY, name="Aniversário de Santos")
        assert calendar_deadline(start, 15) == date(2027, 1, 27)


def test_the_sender_name_falls_back_to_the_procons_name(procon) -> None:
    with tenant_context(procon):
        assert email_sender_name(procon_name=procon.name) == "Procon Santos"
        do_update_procon_settings(email_sender_name="Procon Santos - Atendimento")
        assert email_sender_name(procon_name=procon.name) == "Procon Santos - Atendimento"


def test_hearing_rooms_are_unguessable_rooms_at_the_provider(procon) -> None:
    with tenant_context(procon):
        first, second = new_hearing_room_url(), new_hearing_room_url()
        assert first.startswith("https://meet.jit.si/")
        assert first != second
        assert len(first.removeprefix("https://meet.jit.si/")) >= 24
        do_update_procon_settings(hearing_room_base_url="https://salas.santos.sp.gov.br/")
        assert new_hearing_room_url().startswith("https://salas.santos.sp.gov.br/")
