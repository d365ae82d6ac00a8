from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "shared.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        # The empty choice of every select made from a model field's choices: Django's own label
        # ("- Select an option -", new in Django 6.1) has no pt-BR translation yet, and Django
        # asks projects to set this one in an app's ready() to change it.
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = _("Select an option")
