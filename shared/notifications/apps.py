from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Outgoing e-mail. Listed in both SHARED_APPS and TENANT_APPS: platform mail is kept in the
    public schema, a Procon's mail (which names consumers) in that Procon's schema."""

    name = "shared.notifications"
    label = "notifications"
    verbose_name = _("E-mail")
