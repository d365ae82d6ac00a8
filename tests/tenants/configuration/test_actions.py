"""Writes on the settings and holidays, in one Procon's schema only."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tenants.utils import tenant_context

from tenants.configuration.actions import (
    do_add_holiday,
    do_remove_holiday,
    do_update_procon_settings,
)
from tenants.configuration.models import Holiday
from tenants.configuration.selectors import get_procon_settings

pytestmark = pytest.mark.django_db


def test_the_new_settings_have_their_defaults(procon) -> None:
    with tenant_context(procon):
        row = get_procon_settings()
    assert row.email_sender_name == ""
    assert row.hearing_room_base_url == "https://meet.jit.si/"
    assert row.hearing_duration_minutes == 60
    assert row.extend_calendar_deadlines_to_business_day is True


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("hearing_room_base_url", "http://meet.jit.si/"),
        ("hearing_room_base_url", "https://meet.jit.si/sala"),
        ("hearing_duration_minutes", 0),
        ("hearing_duration_minutes", 1000),
        ("rating_window_days", 0),
    ],
)
def test_bad_settings_are_refused_naming_the_field(procon, field: str, value: object) -> None:
    with tenant_context(procon), pytest.raises(ValidationError) as error:
        do_update_procon_settings(**{field: value})
    assert field in error.value.message_dict


def test_unknown_settings_are_refused(procon) -> None:
    with tenant_context(procon), pytest.raises(TypeError):
        do_update_procon_settings(id=2)


def test_a_holiday_is_added_to_one_procon_only(procon, other_procon) -> None:
    day = timezone.localdate() + timedelta(days=40)
    with tenant_context(procon):
        holiday = do_add_holiday(day=day, name="  Aniversário da cidade ")
        assert holiday.name == "Aniversário da cidade"
    with tenant_context(other_procon):
        assert not Holiday.objects.filter(date=day).exists()


def test_a_duplicate_holiday_date_is_refused_naming_the_date(procon) -> None:
    day = timezone.localdate() + timedelta(days=40)
    with tenant_context(procon):
        do_add_holiday(day=day, name="Aniversário da cidade")
        with pytest.raises(ValidationError) as error:
            do_add_holiday(day=day, name="Outro")
    assert "date" in error.value.message_dict


def test_a_past_holiday_date_is_refused_naming_the_date(procon) -> None:
    with tenant_context(procon), pytest.raises(ValidationError) as error:
        do_add_holiday(day=timezone.localdate() - timedelta(days=1), name="Ontem")
    assert "date" in error.value.message_dict
    assert error.value.error_dict["date"][0].code == "holiday_in_the_past"


def test_today_can_be_added_as_a_closing_date(procon) -> None:
    with tenant_context(procon):
        assert do_add_holiday(day=timezone.localdate(), name="Ponto facultativo").pk


def test_a_holiday_is_removed(procon) -> None:
    with tenant_context(procon):
        holiday = do_add_holiday(day=timezone.localdate() + timedelta(days=3), name="Fechado")
        do_remove_holiday(holiday)
        assert not Holiday.objects.exists()
