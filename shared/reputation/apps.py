from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReputationConfig(AppConfig):
    """Companies' public indicators (reputation), read from the cross-tenant case index."""

    name = "shared.reputation"
    label = "reputation"
    verbose_name = _("Company reputation")
