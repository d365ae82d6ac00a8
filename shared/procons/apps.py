from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProconsConfig(AppConfig):
    name = "shared.procons"
    label = "procons"
    verbose_name = _("Procons")
