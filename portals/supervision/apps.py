from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    """The state supervisor's figures across Procons, read from the public case index, and the
    spike alerts (public schema)."""

    name = "portals.supervision"
    label = "supervision"
    verbose_name = _("State supervision")
