"""The fine of a sanction process (dosimetria): a pure, versioned calculation in Decimal.

No models and no database: the caller passes the revenue, the infractions, the circumstances
and the UFIR value in force, and keeps `FineResult.as_dict()` with the decision so the whole
calculation can be shown again, step by step, exactly as it was made.

The order of the steps (the same in every version):
1. a pena-base for each infraction (the version's formula, plus the advantage obtained);
2. concurso formal: several infractions of the same nature, the highest pena-base plus 1/3;
3. concurso material: the natures' amounts summed;
4. aggravating circumstances, in the order given, each raising the running amount by its
   fraction; then mitigating circumstances, in the order given, each lowering it (the
   verified-company seal is a mitigating circumstance of at least 1/6);
5. floor and cap of CDC art. 57 (200 and 3,000,000 UFIR at the UFIR value given), last, so
   that no circumstance takes the fine outside the limits of the law.
Amounts keep full precision; `amount_rounded` is half-up to centavos for display and charge.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_noop

from shared import formats

GROUPS = ("I", "II", "III", "IV")
MITIGATING = "mitigating"
AGGRAVATING = "aggravating"
KINDS = (MITIGATING, AGGRAVATING)

VERIFIED_COMPANY_SEAL = "verified_company_seal"
FLOOR_UFIR = Decimal(200)
CAP_UFIR = Decimal(3_000_000)
CENT = Decimal("0.01")
PRECISION = 40

# Procon-SP PN 81/2021 (kept by PN 229/2022): the published NAT constants, stored, not computed.
NAT_81_2021: Mapping[str, Decimal] = {
    "I": Decimal("0.0037594"),
    "II": Decimal("0.0075188"),
    "III": Decimal("0.0112782"),
    "IV": Decimal("0.0150376"),
}
# PN 45/2015 and PN 57/2019: the revenue coefficient (0.01, then 0.005) is known. The group
# multiplier (NAT 1 to 4) and the advantage multiplier (VAN: 1 without an advantage found,
# 2 with one) follow the structure of Procon-SP's earlier portarias (PE = REC x 0.01 x NAT x
# VAN) and are not verified against the text of these two portarias.
NAT_FACTOR_PRE_2021: Mapping[str, Decimal] = {
    "I": Decimal(1),
    "II": Decimal(2),
    "III": Decimal(3),
    "IV": Decimal(4),
}
VAN_WITHOUT_ADVANTAGE = Decimal(1)
VAN_WITH_ADVANTAGE = Decimal(2)


def _require_decimal(name: str, value: object) -> Decimal:
    if not isinstance(value, Decimal):
        raise TypeError(f"{name} must be a Decimal, not {type(value).__name__}")
    if not value.is_finite():
        raise ValueError(f"{name} must be a finite number")
    return value


@dataclass(frozen=True)
class Infraction:
    """One provision breached: its group (I to IV) and its nature (what concurso groups by)."""

    group: str
    nature: str
    advantage: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        if self.group not in GROUPS:
            raise ValueError(f"group must be one of {', '.join(GROUPS)}")
        if not self.nature:
            raise ValueError("nature must not be empty")
        if _require_decimal("advantage", self.advantage) < 0:
            raise ValueError("advantage must not be negative")


@dataclass(frozen=True)
class Circumstance:
    code: str
    kind: str
    fraction: Decimal
    label: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        fraction = _require_decimal("fraction", self.fraction)
        if fraction < 0 or fraction > 1:
            raise ValueError("fraction must be between 0 and 1")


@dataclass(frozen=True)
class FineInput:
    revenue: Decimal
    infractions: tuple[Infraction, ...]
    circumstances: tuple[Circumstance, ...]
    ufir_value: Decimal
    act_date: date
    verified_company: bool = False

    def __post_init__(self) -> None:
        if _require_decimal("revenue", self.revenue) < 0:
            raise ValueError("revenue must not be negative")
        if _require_decimal("ufir_value", self.ufir_value) <= 0:
            raise ValueError("ufir_value must be positive")
        if not self.infractions:
            raise ValueError("at least one infraction is needed")
        if not isinstance(self.act_date, date):
            raise TypeError("act_date must be a date")


def _money(value: str) -> str:
    """The amount after "R$ " in a step's description: `39.160,42`."""
    return formats.number(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP), 2)


def _number(value: str) -> str:
    return number_format(Decimal(value), use_l10n=True)


def _fraction(value: str) -> str:
    percent = (Decimal(value) * 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return number_format(percent, decimal_pos=2, use_l10n=True) + "%"


# Each step's description (msgids), its figures named as placeholders.
DESCRIPTIONS = {
    "revenue_term": gettext_noop(
        "Infraction %(index)s (group %(group)s): revenue R$ %(revenue)s × NAT %(nat)s"
        " = R$ %(amount)s"
    ),
    "revenue_term_pre_2021": gettext_noop(
        "Infraction %(index)s (group %(group)s): revenue R$ %(revenue)s × %(coefficient)s"
        " × NAT %(nat)s × VAN %(van)s = R$ %(amount)s"
    ),
    "advantage": gettext_noop(
        "Infraction %(index)s: advantage obtained (VA) R$ %(advantage)s added"
    ),
    "base_penalty": gettext_noop("Infraction %(index)s: pena-base R$ %(amount)s"),
    "formal_concurrence": gettext_noop(
        "Concurso formal: %(count)s infractions of the nature “%(nature)s”, the highest"
        " pena-base R$ %(highest)s plus 1/3 = R$ %(amount)s"
    ),
    "material_concurrence": gettext_noop(
        "Concurso material: the amounts of %(count)s different natures summed = R$ %(amount)s"
    ),
    "aggravating": gettext_noop(
        "Aggravating circumstance “%(label)s”: plus %(fraction)s = R$ %(amount)s"
    ),
    "mitigating": gettext_noop(
        "Mitigating circumstance “%(label)s”: minus %(fraction)s = R$ %(amount)s"
    ),
    "floor": gettext_noop(
        "Raised to the floor of CDC art. 57: 200 UFIR × R$ %(ufir)s = R$ %(amount)s"
    ),
    "cap": gettext_noop(
        "Lowered to the cap of CDC art. 57: 3,000,000 UFIR × R$ %(ufir)s = R$ %(amount)s"
    ),
    "later_version": gettext_noop(
        "The formula of %(version)s favours the company (R$ %(amount)s) over %(in_force)s,"
        " in force at the act (R$ %(in_force_amount)s), and is applied"
    ),
    "fine": gettext_noop("Fine: R$ %(amount)s"),
}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# Placeholder -> how its figure is written; the others are written as they are kept.
FIGURES: dict[str, Callable[[str], str]] = {
    **dict.fromkeys(("revenue", "amount", "advantage", "highest", "in_force_amount"), _money),
    **dict.fromkeys(("nat", "van", "coefficient", "ufir"), _number),
    "fraction": _fraction,
}
# Placeholder -> the step's parameter it shows, where their names differ.
PARAMETERS = {"ufir": "ufir_value"}


def _describe(code: str, p: Mapping[str, str]) -> str:
    message = DESCRIPTIONS[code]
    figures = {
        name: FIGURES.get(name, str)(p[PARAMETERS.get(name, name)])
        for name in PLACEHOLDER.findall(message)
    }
    return gettext(message) % figures


@dataclass(frozen=True)
class Step:
    code: str
    amount: Decimal
    params: Mapping[str, str] = field(default_factory=dict)

    def description(self) -> str:
        """The step in words, translated, with its figures."""
        return _describe(self.code, {**self.params, "amount": str(self.amount)})


@dataclass(frozen=True)
class FineResult:
    version: str
    in_force_version: str
    steps: tuple[Step, ...]
    amount: Decimal

    @property
    def amount_rounded(self) -> Decimal:
        return self.amount.quantize(CENT, rounding=ROUND_HALF_UP)

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "in_force_version": self.in_force_version,
            "amount": str(self.amount),
            "amount_rounded": str(self.amount_rounded),
            "steps": [
                {
                    "code": step.code,
                    "amount": str(step.amount),
                    "params": dict(step.params),
                    "description": step.description(),
                }
                for step in self.steps
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FineResult:
        return cls(
            version=data["version"],
            in_force_version=data["in_force_version"],
            amount=Decimal(data["amount"]),
            steps=tuple(
                Step(code=s["code"], amount=Decimal(s["amount"]), params=dict(s["params"]))
                for s in data["steps"]
            ),
        )


BaseFormula = Callable[[int, Decimal, Infraction], tuple[list[Step], Decimal]]


def _base_81_2021(
    index: int, revenue: Decimal, infraction: Infraction
) -> tuple[list[Step], Decimal]:
    nat = NAT_81_2021[infraction.group]
    term = revenue * nat
    steps = [
        Step(
            "revenue_term",
            term,
            {
                "index": str(index),
                "group": infraction.group,
                "revenue": str(revenue),
                "nat": str(nat),
            },
        )
    ]
    base = term + infraction.advantage
    if infraction.advantage:
        steps.append(
            Step("advantage", base, {"index": str(index), "advantage": str(infraction.advantage)})
        )
    steps.append(Step("base_penalty", base, {"index": str(index)}))
    return steps, base


def _pre_2021(coefficient: Decimal) -> BaseFormula:
    def formula(index: int, revenue: Decimal, infraction: Infraction) -> tuple[list[Step], Decimal]:
        nat = NAT_FACTOR_PRE_2021[infraction.group]
        van = VAN_WITH_ADVANTAGE if infraction.advantage else VAN_WITHOUT_ADVANTAGE
        base = revenue * coefficient * nat * van
        params = {
            "index": str(index),
            "group": infraction.group,
            "revenue": str(revenue),
            "coefficient": str(coefficient),
            "nat": str(nat),
            "van": str(van),
        }
        return [
            Step("revenue_term_pre_2021", base, params),
            Step("base_penalty", base, {"index": str(index)}),
        ], base

    return formula


@dataclass(frozen=True)
class FormulaVersion:
    code: str
    in_force_from: date
    base: BaseFormula


# The day each portaria took effect is not in the sources at hand: the first day of its year
# is used (unverified). An act dated before the first version is computed with it.
VERSIONS: tuple[FormulaVersion, ...] = (
    FormulaVersion("PN 45/2015", date(2015, 1, 1), _pre_2021(Decimal("0.01"))),
    FormulaVersion("PN 57/2019", date(2019, 1, 1), _pre_2021(Decimal("0.005"))),
    FormulaVersion("PN 81/2021", date(2021, 1, 1), _base_81_2021),
)
CURRENT_VERSION = VERSIONS[-1].code


def version_codes() -> tuple[str, ...]:
    return tuple(v.code for v in VERSIONS)


def version_in_force(day: date) -> FormulaVersion:
    in_force = VERSIONS[0]
    for candidate in VERSIONS:
        if candidate.in_force_from <= day:
            in_force = candidate
    return in_force


def _get_version(code: str) -> FormulaVersion:
    for candidate in VERSIONS:
        if candidate.code == code:
            return candidate
    raise ValueError(f"unknown formula version {code!r}")


def ordered_circumstances(data: FineInput) -> tuple[Circumstance, ...]:
    """Aggravating first, then mitigating, each kind in the order given; the seal at least 1/6."""
    circumstances = list(data.circumstances)
    if data.verified_company:
        minimum = Decimal(1) / Decimal(6)
        seal = [c for c in circumstances if c.code == VERIFIED_COMPANY_SEAL]
        if seal:
            index = circumstances.index(seal[0])
            if seal[0].fraction < minimum or seal[0].kind != MITIGATING:
                circumstances[index] = Circumstance(
                    VERIFIED_COMPANY_SEAL, MITIGATING, max(seal[0].fraction, minimum), seal[0].label
                )
        else:
            circumstances.append(
                Circumstance(
                    VERIFIED_COMPANY_SEAL, MITIGATING, minimum, gettext("Verified company seal")
                )
            )
    return tuple(c for c in circumstances if c.kind == AGGRAVATING) + tuple(
        c for c in circumstances if c.kind == MITIGATING
    )


def _compute(data: FineInput, version: FormulaVersion) -> tuple[list[Step], Decimal]:
    steps: list[Step] = []
    by_nature: dict[str, list[Decimal]] = {}
    for index, infraction in enumerate(data.infractions, start=1):
        base_steps, base = version.base(index, data.revenue, infraction)
        steps.extend(base_steps)
        by_nature.setdefault(infraction.nature, []).append(base)

    nature_amounts: list[Decimal] = []
    for nature, bases in by_nature.items():
        if len(bases) == 1:
            nature_amounts.append(bases[0])
            continue
        highest = max(bases)
        amount = highest * 4 / 3
        steps.append(
            Step(
                "formal_concurrence",
                amount,
                {"count": str(len(bases)), "nature": nature, "highest": str(highest)},
            )
        )
        nature_amounts.append(amount)

    amount = sum(nature_amounts, Decimal(0))
    if len(nature_amounts) > 1:
        steps.append(Step("material_concurrence", amount, {"count": str(len(nature_amounts))}))

    for circumstance in ordered_circumstances(data):
        if circumstance.kind == AGGRAVATING:
            amount = amount * (1 + circumstance.fraction)
        else:
            amount = amount * (1 - circumstance.fraction)
        steps.append(
            Step(
                circumstance.kind,
                amount,
                {
                    "code": circumstance.code,
                    "label": circumstance.label or circumstance.code,
                    "fraction": str(circumstance.fraction),
                },
            )
        )

    floor = FLOOR_UFIR * data.ufir_value
    cap = CAP_UFIR * data.ufir_value
    if amount < floor:
        amount = floor
        steps.append(Step("floor", amount, {"ufir_value": str(data.ufir_value)}))
    elif amount > cap:
        amount = cap
        steps.append(Step("cap", amount, {"ufir_value": str(data.ufir_value)}))
    return steps, amount


def compute_fine(data: FineInput, *, version: str | None = None) -> FineResult:
    """The fine under `version`, or under the version in force at the act (or a later one, when
    it yields a lower fine: the later rule applies only in the company's favour)."""
    with localcontext(prec=PRECISION):
        if version is not None:
            chosen = _get_version(version)
            steps, amount = _compute(data, chosen)
            steps.append(Step("fine", amount))
            return FineResult(chosen.code, chosen.code, tuple(steps), amount)

        in_force = version_in_force(data.act_date)
        in_force_steps, in_force_amount = _compute(data, in_force)
        chosen, steps, amount = in_force, in_force_steps, in_force_amount
        for later in VERSIONS[VERSIONS.index(in_force) + 1 :]:
            later_steps, later_amount = _compute(data, later)
            if later_amount < amount:
                chosen, steps, amount = later, later_steps, later_amount
        if chosen is not in_force:
            steps = [
                *steps,
                Step(
                    "later_version",
                    amount,
                    {
                        "version": chosen.code,
                        "in_force": in_force.code,
                        "in_force_amount": str(in_force_amount),
                    },
                ),
            ]
        steps = [*steps, Step("fine", amount)]
        return FineResult(chosen.code, in_force.code, tuple(steps), amount)
