"""Reads of the current schema's settings, holidays and deadlines."""

import copy
import secrets
from datetime import date

import holidays
from django.db import connection
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

from kernel.process_cache import ProcessCache
from kernel.selectors import first_or_not_found
from tenants.configuration.business_days import (
    COUNTRY,
    SUBDIVISION,
    add_business_days,
    add_calendar_days,
)
from tenants.configuration.models import SINGLETON_ID, Holiday, ProconSettings

# Filing, deadlines and e-mails read the settings on every request: each process remembers each
# schema's row, forgotten everywhere when a Procon's settings change.
SETTINGS = ProcessCache("configuration:settings", alias_setting="PROCESS_CACHE_ALIAS")
post_save.connect(SETTINGS.changed, sender=ProconSettings, weak=False)
post_delete.connect(SETTINGS.changed, sender=ProconSettings, weak=False)


def _load_settings() -> ProconSettings:
    return ProconSettings.objects.filter(id=SINGLETON_ID).first() or ProconSettings()


def get_procon_settings() -> ProconSettings:
    """The current schema's settings (a copy the caller may change and save); defaults when the
    row was never written."""
    return copy.copy(SETTINGS.get(connection.schema_name, _load_settings))


def holiday_list() -> QuerySet[Holiday]:
    return Holiday.objects.order_by("date")


def access_holiday(*, holiday_id: int) -> Holiday:
    """The holiday of this schema with that id, or NotFound (other schemas' rows are invisible)."""
    return first_or_not_found(Holiday.objects.filter(pk=holiday_id))


def extra_holidays_after(day: date) -> frozenset[date]:
    """This Procon's own closing dates after `day`: the only ones a deadline from `day` can meet."""
    return frozenset(Holiday.objects.filter(date__gt=day).order_by().values_list("date", flat=True))


def cip_due_date(sent_on: date) -> date:
    """The company's answer deadline for a CIP sent on `sent_on`: the Procon's number of
    business days, skipping weekends, national and state holidays and its own dates."""
    days = get_procon_settings().cip_deadline_business_days
    return add_business_days(sent_on, days, extra_holidays=extra_holidays_after(sent_on))


def calendar_deadline(start: date, days: int) -> date:
    """A deadline in calendar days (defence, appeal): the day of notice is excluded and the due
    date included. Moving a due date that falls on a non-business day to the next business day
    is the usual procedural rule (e.g. federal administrative procedure, Lei 9.784/1999 art. 66);
    local rules may differ, so the setting `extend_calendar_deadlines_to_business_day` (default
    on) keeps it or turns it off."""
    extend = get_procon_settings().extend_calendar_deadlines_to_business_day
    return add_calendar_days(
        start,
        days,
        extend_to_business_day=extend,
        extra_holidays=extra_holidays_after(start) if extend else frozenset(),
    )


def email_sender_name(*, procon_name: str) -> str:
    """The name e-mails from this Procon are sent under: its setting, else the Procon's name."""
    return get_procon_settings().email_sender_name or procon_name


def new_hearing_room_url() -> str:
    """A fresh online hearing room at the Procon's provider: `<base><unguessable token>`."""
    return f"{get_procon_settings().hearing_room_base_url}{secrets.token_urlsafe(18)}"


def official_holiday_list(year: int) -> list[tuple[date, str]]:
    """National and São Paulo state holidays of `year`, which every deadline already skips."""
    return sorted(holidays.country_holidays(COUNTRY, subdiv=SUBDIVISION, years=year).items())
