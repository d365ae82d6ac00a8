"""Columns many models share, made by functions rather than inherited so that each model keeps its
own column order."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def timestamps(created: str = _("created at")) -> tuple[models.DateTimeField, models.DateTimeField]:
    """created_at (set once, labelled `created`) and updated_at (set on every save)."""
    return (
        models.DateTimeField(created, auto_now_add=True),
        models.DateTimeField(_("updated at"), auto_now=True),
    )
