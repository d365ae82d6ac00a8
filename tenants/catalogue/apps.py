from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "tenants.catalogue"
    label = "catalogue"
    verbose_name = _("Complaint subject catalogue")

    def ready(self) -> None:
        # The process cache's receivers: every process forgets on a change it makes.
        from tenants.catalogue import selectors  # noqa: F401
