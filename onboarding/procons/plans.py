"""The plans an applicant may choose: `settings.PROCON_PLANS` when billing defines it, else one
"standard" plan. Billing owns prices; this module only names the choices."""

from collections.abc import Mapping

from django.conf import settings
from django.utils.translation import gettext_lazy as _

DEFAULT_PLAN = "standard"


def plan_choices() -> list[tuple[str, str]]:
    """Accepts {code: label}, {code: {"name"|"label": ...}}, or [(code, label), ...]."""
    plans = getattr(settings, "PROCON_PLANS", None)
    if not plans:
        return [(DEFAULT_PLAN, str(_("Standard")))]
    items = plans.items() if isinstance(plans, Mapping) else plans
    choices = []
    for item in items:
        code, value = item if isinstance(item, tuple | list) else (item, item)
        if isinstance(value, Mapping):
            if value.get("monthly_price_cents") == 0:
                continue  # a free plan is granted by the state, not chosen at sign-up
            value = value.get("name") or value.get("label") or code
        choices.append((str(code), str(value)))
    return choices or [(DEFAULT_PLAN, str(_("Standard")))]


def default_plan() -> str:
    return plan_choices()[0][0]
