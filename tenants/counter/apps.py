from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounterConfig(AppConfig):
    """The Procon's counter: every contact (atendimento) an attendant registers for a consumer who
    came in person, phoned, wrote or e-mailed. A tenant app: the records are the Procon's."""

    name = "tenants.counter"
    label = "counter"
    verbose_name = _("Counter")
