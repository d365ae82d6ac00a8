from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NarrativesConfig(AppConfig):
    """Consented narratives of a Procon's complaints: the consumer's consent and its withdrawal,
    the automatic scrub, the staff's moderation, and the company's public response. A tenant
    app: the original words stay in the Procon's schema; only approved text reaches the public
    index (`shared.narratives`)."""

    name = "tenants.narratives"
    label = "narratives"
    verbose_name = _("Narratives")
