"""The fine decision form's preview: the fine the first-instance decision would record with the
options ticked so far, computed by the same function as the decision (fine.decision_fine)."""

import copy
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from shared import formats
from tenants.sanctions.fine import AutomaticCircumstance, automatic_circumstances, decision_fine
from tenants.sanctions.forms import DecisionForm
from tenants.sanctions.models import InfractionNotice

# The decision form's fields the fine depends on (the others: reasons, sanctions, dismissal).
FINE_FIELDS = ("advantage", "circumstances", "accept_revenue_contest")


class FinePreviewForm(forms.Form):
    """The decision form's fine fields, the same objects (labels, validation, choices)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decision = DecisionForm()
        for name in FINE_FIELDS:
            self.fields[name] = copy.deepcopy(decision.fields[name])


def fraction_display(fraction: Decimal) -> str:
    """1/6 as "1/6" when it is a sixth (the law's fraction), else as a percentage."""
    if fraction == Decimal(1) / Decimal(6):
        return "1/6"
    return formats.number(fraction * 100, decimal_pos=2) + "%"


def automatic_rows(notice: InfractionNotice) -> list[dict[str, object]]:
    """The circumstances applied without being ticked, as the form and the preview show them."""
    return [_automatic(auto) for auto in automatic_circumstances(notice)]


def _automatic(auto: AutomaticCircumstance) -> dict[str, object]:
    from tenants.penalties.models import CircumstanceKind

    return {
        "code": auto.code,
        "label": str(auto.label),
        "kind": auto.kind,
        "kind_display": str(CircumstanceKind(auto.kind).label),
        "fraction": fraction_display(auto.fraction),
        "rule_id": auto.rule_id,
    }


def _field_errors(form: forms.Form, error: ValidationError | None = None) -> dict[str, list[str]]:
    """Errors by field, each message naming its field by its label (in the page's language)."""
    if error is not None:
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    named: dict[str, list[str]] = {}
    for field, messages in form.errors.items():
        label = form.fields[field].label if field in form.fields else None
        named[field] = [f"{label}: {message}" if label else message for message in messages]
    return named


def fine_preview(notice: InfractionNotice, data: Any) -> tuple[int, dict[str, object]]:
    """(HTTP status, answer) for the options in `data` (a QueryDict or POST)."""
    form = FinePreviewForm(data)
    if not form.is_valid():
        return 400, {"errors": _field_errors(form)}
    options = form.cleaned_data
    try:
        revenue, fine = decision_fine(
            notice,
            advantage=options["advantage"] or Decimal("0"),
            circumstance_ids=[int(c) for c in options["circumstances"]],
            accept_revenue_contest=options["accept_revenue_contest"],
        )
    except ValidationError as error:
        return 400, {"errors": _field_errors(form, error)}
    from tenants.penalties.dosimetry import FineResult

    result = FineResult.from_dict(fine.calculation)
    return 200, {
        "amount": str(fine.amount),
        "amount_display": formats.money(fine.amount),
        "revenue": str(revenue),
        "revenue_display": formats.money(revenue),
        "version": result.version,
        "steps": [
            {"description": step.description(), "amount_display": formats.money(step.amount)}
            for step in result.steps
        ],
        "basis": _("on a revenue of %(revenue)s, formula %(version)s")
        % {"revenue": formats.money(revenue), "version": result.version},
        "automatic": automatic_rows(notice),
    }
