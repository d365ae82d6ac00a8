from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProconsConfig(AppConfig):
    name = "shared.procons"
    label = "procons"
    verbose_name = _("Procons")

    def ready(self) -> None:
        # Every change of a Procon or a domain makes the web processes forget their host answers.
        from shared.procons import hosts  # noqa: F401
