from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProconOnboardingConfig(AppConfig):
    name = "onboarding.procons"
    label = "procon_onboarding"
    verbose_name = _("Adhesion of municipal Procons")
