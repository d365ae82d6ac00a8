"""States of a company's application and the legal decisions: the one place they live."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    # Sent by the company; waits for the state supervisor. One per CNPJ at a time.
    PENDING = "pending", _("Pending")
    # The supervisor approved it: the company is verified and its representative invited.
    APPROVED = "approved", _("Approved")
    # The supervisor refused it, with a reason the applicant receives.
    REJECTED = "rejected", _("Rejected")


TRANSITIONS: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    ApplicationStatus.PENDING: frozenset({ApplicationStatus.APPROVED, ApplicationStatus.REJECTED}),
    ApplicationStatus.APPROVED: frozenset(),
    ApplicationStatus.REJECTED: frozenset(),
}


def can_transition(current: str, target: str) -> bool:
    return ApplicationStatus(target) in TRANSITIONS[ApplicationStatus(current)]
