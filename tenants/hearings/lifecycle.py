"""A hearing's states and the outcomes its minutes (ata) record: the one place they live."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.complaints.lifecycle import ComplaintStatus


class HearingStatus(models.TextChoices):
    # The complaint's current hearing; at most one per complaint (database constraint).
    SCHEDULED = "scheduled", _("Scheduled")
    # Superseded by a new date; the new row keeps the calendar UID with a higher sequence.
    RESCHEDULED = "rescheduled", _("Rescheduled")
    # Took place; its minutes are recorded.
    HELD = "held", _("Held")
    # Dropped because the complaint left the hearing stage (withdrawn) before it took place.
    CANCELLED = "cancelled", _("Cancelled")


class HearingFormat(models.TextChoices):
    # At the Procon, in one of its rooms (the address goes on the invitation).
    IN_PERSON = "in_person", _("In person")
    # In an online room from the configured provider.
    ONLINE = "online", _("Online")
    # In a room at the Procon, with an online room for whoever cannot come.
    MIXED = "mixed", _("Mixed (in person and online)")


class Outcome(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement")
    NO_AGREEMENT = "no_agreement", _("No agreement")
    CONSUMER_ABSENT = "consumer_absent", _("Consumer absent")
    COMPANY_ABSENT = "company_absent", _("Company absent")


# Where the complaint goes after the minutes: only an agreement waits for the consumer's confirmation.
COMPLAINT_STATUS_AFTER: dict[Outcome, ComplaintStatus] = {
    Outcome.AGREEMENT: ComplaintStatus.AGREEMENT,
    Outcome.NO_AGREEMENT: ComplaintStatus.NO_AGREEMENT,
    Outcome.CONSUMER_ABSENT: ComplaintStatus.NO_AGREEMENT,
    Outcome.COMPANY_ABSENT: ComplaintStatus.NO_AGREEMENT,
}
