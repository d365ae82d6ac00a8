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


def base_fine(notice: InfractionNotice) -> Fine:
    """The pena-base on the Procon's revenue estimate, before any circumstance: what the company
    may pay during the defence window to end the process."""
    if notice.revenue_estimate is None:
        raise ValidationError(
            {"revenue": _("This auto has no revenue estimate, so it has no base value to pay.")}
        )
    return compute_process_fine(notice, revenue=notice.revenue_estimate, with_circumstances=False)
