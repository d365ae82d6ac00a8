from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "shared.ops"
    label = "ops"
    verbose_name = "Operations"
