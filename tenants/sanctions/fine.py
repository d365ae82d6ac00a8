"""The bridge to the fine engine of tenants.penalties: builds its input from a process (revenue,
the provisions' infraction groups, the advantage, the circumstances chosen, the UFIR value on the
date of the act) and returns its result. The engine itself lives in tenants.penalties."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tenants.sanctions.models import InfractionNotice


@dataclass(frozen=True)
class Fine:
    amount: Decimal
    calculation: dict[str, Any]


def _ufir_on(day: Any) -> Decimal:
    from tenants.penalties.selectors import ufir_value_on

    value = ufir_value_on(day)
    value = getattr(value, "value", value)
    if value is None:
        raise ValidationError(
            {
                "ufir": _(
                    "No UFIR value is registered for the date of the act; add it in the settings."
                )
            }
        )
    return Decimal(str(value))


def available_circumstances() -> list[Any]:
    """The tenant's circumstance table (empty when the penalties app is not installed)."""
    try:
        from tenants.penalties.selectors import active_circumstances
    except ImportError:
        return []
    return list(active_circumstances())


def compute_process_fine(
    notice: InfractionNotice,
    *,
    revenue: Decimal,
    advantage: Decimal = Decimal("0"),
    circumstance_ids: list[int] | tuple[int, ...] = (),
    with_circumstances: bool = True,
) -> Fine:
    from tenants.penalties.dosimetry import FineInput, Infraction, compute_fine

    if revenue is None or revenue <= 0:
        raise ValidationError({"revenue": _("The company's monthly gross revenue is needed.")})
    if advantage < 0:
        raise ValidationError({"advantage": _("The advantage cannot be negative.")})
    infractions = tuple(
        Infraction(
            group=str(p.get("group") or "I"),
            nature=str(p.get("code") or p.get("id")),
            advantage=advantage if i == 0 else Decimal("0"),
        )
        for i, p in enumerate(notice.provisions)
    )
    chosen: list[Any] = []
    if with_circumstances:
        table = {c.pk: c for c in available_circumstances()}
        unknown = [cid for cid in circumstance_ids if cid not in table]
        if unknown:
            raise ValidationError({"circumstances": _("Choose circumstances from the table.")})
        chosen = [table[cid] for cid in circumstance_ids]
        # The automatic ones come last, as the engine adds them (their table row, when the
        # Procon has one, with its fraction; the engine keeps at least its own minimum).
        chosen += [
            table[auto.rule_id]
            for auto in automatic_circumstances(notice, table=list(table.values()))
            if auto.rule_id is not None and auto.rule_id not in circumstance_ids
        ]
    data = FineInput(
        revenue=Decimal(revenue),
        infractions=infractions,
        circumstances=tuple(c.to_circumstance() for c in chosen),
        ufir_value=_ufir_on(notice.occurred_at.date()),
        act_date=notice.occurred_at.date(),
        verified_company=with_circumstances and notice.company.is_verified,
    )
    result = compute_fine(data)
    return Fine(amount=result.amount_rounded, calculation=result.as_dict())


@dataclass(frozen=True)
class AutomaticCircumstance:
    """A circumstance the decision applies without the judge ticking it (the verified-company
    seal): the form shows it ticked and disabled, the calculation applies it."""

    code: str
    label: str
    kind: str
    fraction: Decimal
    rule_id: int | None  # its row in the Procon's table, if there is one


def automatic_circumstances(
    notice: InfractionNotice, *, table: list[Any] | None = None
) -> list[AutomaticCircumstance]:
    """What compute_process_fine applies by itself for this process's company."""
    from tenants.penalties.dosimetry import MITIGATING, VERIFIED_COMPANY_SEAL

    if not notice.company.is_verified:
        return []
    minimum = Decimal(1) / Decimal(6)
    rows = available_circumstances() if table is None else table
    row = next((c for c in rows if c.code == VERIFIED_COMPANY_SEAL), None)
    if row is None:
        return [
            AutomaticCircumstance(
                VERIFIED_COMPANY_SEAL, _("Verified company seal"), MITIGATING, minimum, None
            )
        ]
    fraction = max(row.fraction, minimum) if row.kind == MITIGATING else minimum
    return [AutomaticCircumstance(row.code, row.label, MITIGATING, fraction, row.pk)]


def decision_revenue(notice: InfractionNotice, *, accept_revenue_contest: bool) -> Decimal | None:
    """The revenue a first-instance decision fines on: the auto's estimate, or the revenue the
    company claimed in its defence when the judge accepts the contest."""
    defence = getattr(notice, "defence", None) if hasattr(notice, "defence") else None
    contested = bool(defence and defence.contests_revenue)
    if accept_revenue_contest and not contested:
        raise ValidationError(
            {"accept_revenue_contest": _("The company did not contest the revenue.")}
        )
    return defence.claimed_revenue if accept_revenue_contest else notice.revenue_estimate


def decision_fine(
    notice: InfractionNotice,
    *,
    advantage: Decimal = Decimal("0"),
    circumstance_ids: list[int] | tuple[int, ...] = (),
    accept_revenue_contest: bool = False,
) -> tuple[Decimal, Fine]:
    """The revenue and the fine of a first-instance decision with these options: what do_decide
    records and what the decision form's preview shows (one function, so they cannot differ)."""
    revenue = decision_revenue(notice, accept_revenue_contest=accept_revenue_contest)
    fine = compute_process_fine(
        notice,
        revenue=revenue,  # type: ignore[arg-type]
        advantage=Decimal(advantage or 0),
        circumstance_ids=list(circumstance_ids),
    )
    return revenue, fine  # type: ignore[return-value]


def base_fine(notice: InfractionNotice) -> Fine:
    """The pena-base on the Procon's revenue estimate, before any circumstance: what the company
    may pay during the defence window to end the process."""
    if notice.revenue_estimate is None:
        raise ValidationError(
            {"revenue": _("This auto has no revenue estimate, so it has no base value to pay.")}
        )
    return compute_process_fine(notice, revenue=notice.revenue_estimate, with_circumstances=False)
