from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompanyOnboardingConfig(AppConfig):
    name = "onboarding.companies"
    label = "company_onboarding"
    verbose_name = _("Company onboarding")
