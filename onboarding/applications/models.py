"""The columns and the behaviour every application shares. The fields are made by functions, not
inherited, so that each application keeps its own column order."""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def person_field(verbose_name: str) -> models.ForeignKey:
    """The person who did something to the application, once someone has (kept while the
    application exists)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


def decision_fields() -> tuple[models.TextField, models.ForeignKey, models.DateTimeField]:
    """decision_reason, decided_by, decided_at: who decided, when and why."""
    return (
        models.TextField(_("reason for the decision"), blank=True),
        person_field(_("decided by")),
        models.DateTimeField(_("decided at"), null=True, blank=True),
    )


def application_constraints(
    prefix: str, *, statuses: list[str], rejected: str
) -> list[models.CheckConstraint]:
    """`<prefix>_status_valid`, and `<prefix>_rejection_has_reason`: a refusal always says why."""
    return [
        models.CheckConstraint(
            condition=models.Q(status__in=statuses), name=f"{prefix}_status_valid"
        ),
        models.CheckConstraint(
            condition=~models.Q(status=rejected) | ~models.Q(decision_reason=""),
            name=f"{prefix}_rejection_has_reason",
        ),
    ]


class Application(models.Model):
    """An application the state supervisor decides on, oldest first."""

    # The status a decision is taken from, and the refusal's.
    AWAITING_DECISION: ClassVar[str]
    REJECTED: ClassVar[str]

    status: Any
    decision_reason: Any
    decided_by: Any
    decided_at: Any

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    @property
    def is_awaiting_decision(self) -> bool:
        return self.status == self.AWAITING_DECISION

    def record_decision(self, status: str, *, actor: Any, reason: str = "") -> None:
        self.status = status
        if reason:
            self.decision_reason = reason
        self.decided_by = actor
        self.decided_at = timezone.now()
        self.save()
