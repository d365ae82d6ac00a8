"""States of a municipal Procon's application and the steps of its provisioning: the one place
they live."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    # Sent; waits for the applicant to follow the link e-mailed to the person responsible.
    EMAIL_PENDING = "email_pending", _("Waiting for e-mail confirmation")
    # E-mail confirmed: waits for the state supervisor's decision.
    SUBMITTED = "submitted", _("Waiting for the state Procon")
    # Approved by the supervisor; provisioning is queued.
    APPROVED = "approved", _("Approved")
    # A worker is creating the Procon (schema, host name, settings, invitation).
    PROVISIONING = "provisioning", _("Being created")
    # The Procon serves on its sub-domain.
    ACTIVE = "active", _("Active")
    # Refused by the supervisor, with a reason the applicant receives.
    REJECTED = "rejected", _("Rejected")
    # Provisioning stopped on an error; the Procon stays pending (its host answers 404) until
    # the supervisor retries.
    FAILED = "failed", _("Creation failed")


TRANSITIONS: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    ApplicationStatus.EMAIL_PENDING: frozenset({ApplicationStatus.SUBMITTED}),
    ApplicationStatus.SUBMITTED: frozenset(
        {ApplicationStatus.APPROVED, ApplicationStatus.REJECTED}
    ),
    ApplicationStatus.APPROVED: frozenset({ApplicationStatus.PROVISIONING}),
    ApplicationStatus.PROVISIONING: frozenset(
        {ApplicationStatus.PROVISIONING, ApplicationStatus.ACTIVE, ApplicationStatus.FAILED}
    ),
    ApplicationStatus.FAILED: frozenset({ApplicationStatus.APPROVED}),
    ApplicationStatus.ACTIVE: frozenset(),
    ApplicationStatus.REJECTED: frozenset(),
}

# Applications that hold their city and sub-domain (no other application may ask for them).
OPEN_STATUSES = frozenset(
    {
        ApplicationStatus.EMAIL_PENDING,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.APPROVED,
        ApplicationStatus.PROVISIONING,
        ApplicationStatus.FAILED,
    }
)
# Decided by the supervisor (the decision columns are filled).
DECIDED_STATUSES = frozenset(
    set(ApplicationStatus) - {ApplicationStatus.EMAIL_PENDING, ApplicationStatus.SUBMITTED}
)


def can_transition(current: str, target: str) -> bool:
    return ApplicationStatus(target) in TRANSITIONS[ApplicationStatus(current)]


class ProvisioningStep(models.TextChoices):
    """In order; the application records the last one completed."""

    SCHEMA = "schema", _("Database schema")
    DOMAIN = "domain", _("Sub-domain")
    SETTINGS = "settings", _("Settings and subject catalogue")
    INVITATION = "invitation", _("Invitation to the person responsible")
    ACTIVE = "active", _("Procon active")


STEP_ORDER = list(ProvisioningStep)


def steps_done(last: str) -> list[ProvisioningStep]:
    if not last:
        return []
    return STEP_ORDER[: STEP_ORDER.index(ProvisioningStep(last)) + 1]
