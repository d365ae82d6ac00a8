from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfigurationConfig(AppConfig):
    name = "tenants.configuration"
    label = "configuration"
    verbose_name = _("Procon settings")

    def ready(self) -> None:
        # The process cache's receivers: every process forgets on a change it makes.
        from tenants.configuration import selectors  # noqa: F401
