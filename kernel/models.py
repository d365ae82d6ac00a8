"""Columns many models share, made by functions rather than inherited so that each model keeps its
own column order."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def timestamps(created: str = _("created at")) -> tuple[models.DateTimeField, models.DateTimeField]:
    """created_at (set once, labelled `created`) and updated_at (set on every save)."""
    return (
        models.DateTimeField(created, auto_now_add=True),
        models.DateTimeField(_("updated at"), auto_now=True),
    )


def user_reference(label: str | None = None, *, optional: bool = False) -> models.ForeignKey:
    """A user (public schema) named from a Procon's schema: no database constraint (a user row is
    never deleted, and a constraint per schema would put triggers on the user table for every
    Procon), no reverse accessor, never cascaded."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        null=optional,
        blank=optional,
    )
