from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseIndexConfig(AppConfig):
    name = "shared.caseindex"
    label = "caseindex"
    verbose_name = _("Case index")
