"""Kinds and states of a Procon (tenant), and which status changes are legal."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProconKind(models.TextChoices):
    # The state Procon (Procon-SP): exactly one; supervises the others; serves cities with no Procon of their own.
    STATE = "state", _("State Procon")
    # A city's Procon that adhered to the platform.
    MUNICIPAL = "municipal", _("Municipal Procon")


class ProconStatus(models.TextChoices):
    # Applied or being provisioned: its host answers 404 until it is active.
    PENDING = "pending", _("Pending")
    # Serving consumers and staff.
    ACTIVE = "active", _("Active")
    # Suspended by the state supervisor: consumers still follow their cases; new complaints go to the state Procon.
    SUSPENDED = "suspended", _("Suspended")


TRANSITIONS: dict[ProconStatus, frozenset[ProconStatus]] = {
    ProconStatus.PENDING: frozenset({ProconStatus.ACTIVE}),
    ProconStatus.ACTIVE: frozenset({ProconStatus.SUSPENDED}),
    ProconStatus.SUSPENDED: frozenset({ProconStatus.ACTIVE}),
}

# Statuses whose host serves pages (a suspended Procon's consumers keep following their cases).
SERVED_STATUSES = frozenset({ProconStatus.ACTIVE, ProconStatus.SUSPENDED})


def can_transition(current: str, target: str) -> bool:
    return ProconStatus(target) in TRANSITIONS[ProconStatus(current)]
