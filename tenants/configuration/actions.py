"""Writes on the Procon's settings; run in the Procon's schema."""

from django.db import transaction

from tenants.configuration.models import SINGLETON_ID, ProconSettings


def do_ensure_procon_settings() -> ProconSettings:
    """The settings row with its defaults, created on first use (provisioning calls it)."""
    settings_row, _created = ProconSettings.objects.get_or_create(id=SINGLETON_ID)
    return settings_row


FIELDS_EDITABLE = (
    "contact_email",
    "phone",
    "address",
    "opening_hours",
    "cip_deadline_business_days",
    "rating_window_days",
    "defence_window_days",
    "appeal_window_days",
)


def do_update_procon_settings(**changes: object) -> ProconSettings:
    unknown = set(changes) - set(FIELDS_EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        do_ensure_procon_settings()
        row = ProconSettings.objects.select_for_update().get(id=SINGLETON_ID)
        for field, value in changes.items():
            setattr(row, field, value)
        row.full_clean()
        row.save()
    return row
