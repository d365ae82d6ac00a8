"""The fixed set of public responses a company may give to a published narrative (modelled on
the CFPB's), plus its own words, moderated like the narrative."""

from django.db import models
from django.utils.translation import gettext_lazy as _

RESPONSE_TEXT_MAX = 2_000


class ResponseKind(models.TextChoices):
    NO_PUBLIC_RESPONSE = (
        "no_public_response",
        _("The company answered the consumer and the Procon and chooses not to respond in public"),
    )
    ACTED_APPROPRIATELY = (
        "acted_appropriately",
        _("The company believes it acted as its contract or the law allows"),
    )
    MISUNDERSTANDING = (
        "misunderstanding",
        _("The company believes the complaint comes from a misunderstanding"),
    )
    DISPUTES_FACTS = "disputes_facts", _("The company disputes the facts presented")
    THIRD_PARTY = (
        "third_party",
        _("The company believes a third party outside its control caused the problem"),
    )
    ISOLATED_ERROR = "isolated_error", _("The company believes it was an isolated error")
    CANNOT_VERIFY = "cannot_verify", _("The company cannot verify or dispute the facts")
    IMPROVEMENT = (
        "improvement",
        _("The company sees the complaint as an opportunity to serve consumers better"),
    )
    DISCONTINUED = (
        "discontinued",
        _("The company says the complaint concerns a policy or practice it no longer has"),
    )
