"""The plans of `settings.PROCON_PLANS`: {code: {"name", "monthly_price_cents", "stripe_price_id"}}."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from shared import formats

FREE_PLAN = "free"


@dataclass(frozen=True)
class Plan:
    code: str
    name: str
    monthly_price_cents: int
    stripe_price_id: str

    @property
    def is_paid(self) -> bool:
        return self.code != FREE_PLAN and self.monthly_price_cents > 0

    @property
    def monthly_price_display(self) -> str:
        return formats.money(Decimal(self.monthly_price_cents) / 100)


def all_plans() -> list[Plan]:
    return [
        Plan(
            code=code,
            name=str(spec["name"]),
            monthly_price_cents=int(spec["monthly_price_cents"]),
            stripe_price_id=spec.get("stripe_price_id") or "",
        )
        for code, spec in settings.PROCON_PLANS.items()
    ]


def paid_plans() -> list[Plan]:
    return [plan for plan in all_plans() if plan.is_paid]


def get_plan(code: str) -> Plan | None:
    return next((plan for plan in all_plans() if plan.code == code), None)
