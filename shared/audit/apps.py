from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The audit log of staff and supervisor actions: public schema, append-only."""

    name = "shared.audit"
    label = "audit"
    verbose_name = _("Audit log")
