"""Writes on the Procon's settings, holidays and staff roles; run in the Procon's schema."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shared.accounts.models import User
from shared.accounts.selectors import access_managed_staff_membership
from shared.accounts.staff_actions import do_revoke_staff_role
from shared.procons.models import Procon
from tenants.configuration.errors import ConfigurationErrorCode
from tenants.configuration.models import SINGLETON_ID, Holiday, ProconSettings


def do_ensure_procon_settings() -> ProconSettings:
    """The settings row with its defaults and the subject catalogue, created on first use
    (provisioning calls it in the new schema; running it again adds only what is missing)."""
    from tenants.catalogue.actions import do_seed_catalogue

    with transaction.atomic():
        settings_row = _settings_row()
        do_seed_catalogue()
    return settings_row


def _settings_row() -> ProconSettings:
    settings_row, _created = ProconSettings.objects.get_or_create(id=SINGLETON_ID)
    return settings_row


# The settings of each settings page; the API edits them all.
CONTACTS_AND_DEADLINES = (
    "contact_email",
    "phone",
    "address",
    "opening_hours",
    "cip_deadline_business_days",
    "rating_window_days",
    "extend_calendar_deadlines_to_business_day",
)
COMMUNICATION = ("email_sender_name", "sms_sender", "whatsapp_sender")
HEARINGS = (
    "hearing_room_base_url",
    "hearing_duration_minutes",
    "hearing_day_starts_at",
    "hearing_day_ends_at",
    "hearing_min_notice_hours",
    "consumer_absence_archives",
)
FIELDS_EDITABLE = (*CONTACTS_AND_DEADLINES, *COMMUNICATION, *HEARINGS)


def do_update_procon_settings(**changes: object) -> ProconSettings:
    unknown = set(changes) - set(FIELDS_EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        _settings_row()
        row = ProconSettings.objects.select_for_update().get(id=SINGLETON_ID)
        for field, value in changes.items():
            setattr(row, field, value)
        row.full_clean()
        row.save()
    return row


def do_add_holiday(*, day: date, name: str) -> Holiday:
    """A closing date of this Procon. Past dates are refused: deadlines already computed could
    not honour them, so a late closure is handled case by case."""
    if day < timezone.localdate():
        raise ValidationError(
            {
                "date": ValidationError(
                    _("The date is in the past."), code=ConfigurationErrorCode.HOLIDAY_IN_THE_PAST
                )
            }
        )
    holiday = Holiday(date=day, name=name.strip())
    holiday.full_clean()
    try:
        with transaction.atomic():
            holiday.save()
    except IntegrityError:  # the same date added at the same moment by another request
        holiday.validate_unique()
        raise
    return holiday


def do_remove_holiday(holiday: Holiday) -> None:
    Holiday.objects.filter(pk=holiday.pk).delete()


def do_remove_managed_staff_role(
    procon: Procon, membership_id: int, *, actor: User, keep_session_key: str | None
) -> None:
    """Remove the role of one of the staff memberships `procon`'s administrators manage
    (NotFound for any other, a ValidationError on `role` for its last administrator); the
    caller's own session (`keep_session_key`) survives when the caller gives up a role."""
    membership = access_managed_staff_membership(procon=procon, membership_id=membership_id)
    do_revoke_staff_role(
        membership.user,
        procon=procon,
        role=membership.role,
        actor=actor,
        keep_session_key=keep_session_key,
    )
