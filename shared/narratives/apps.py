from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NarrativesConfig(AppConfig):
    """Consented public narratives: the personal-data scrubber and the public index of the
    narratives staff approved (with the company's public response), read by the company's page
    and the open data. The consent and the moderation live in each Procon's schema
    (`tenants.narratives`)."""

    name = "shared.narratives"
    label = "narratives_public"
    verbose_name = _("Public narratives")
