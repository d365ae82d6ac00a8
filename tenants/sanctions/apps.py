from django.apps import AppConfig


class SanctionsConfig(AppConfig):
    name = "tenants.sanctions"
    label = "sanctions"
    verbose_name = "Sanctions (fiscalização)"
