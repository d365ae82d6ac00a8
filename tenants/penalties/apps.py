from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PenaltiesConfig(AppConfig):
    name = "tenants.penalties"
    label = "penalties"
    verbose_name = _("Fines and rules tables")
