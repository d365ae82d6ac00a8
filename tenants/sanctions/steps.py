"""The sanction process's steps, declared once. Each entry names the API's slug, the lifecycle
step, the action that takes it, the API's input and summary, and the form through which a page
offers it: the fiscalização pages (staff) or the company's inbox. A form's data becomes the same
input the API validates (`FormStep.data`); the inbox validates it with the entry's serializer, so
the company's steps take exactly what the API's do. The API's step operations (api/steps.py),
the pages (views.py) and the inbox (portals/inbox/sanction_views.py) read this table; who may take
a step is the lifecycle's ACTORS table."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.web.steps import StepAction, StrOrPromise
from tenants.sanctions import forms as page_forms
from tenants.sanctions.actions.company import (
    do_file_appeal,
    do_file_defence,
    do_notify_company,
    do_pay_at_base,
)
from tenants.sanctions.actions.decisions import (
    do_decide,
    do_decide_appeal,
    do_record_payment,
    do_send_to_collection,
)
from tenants.sanctions.api import serializers as io
from tenants.sanctions.lifecycle import Step


@dataclass(frozen=True)
class FormStep:
    """How a page offers a step: its form (shown as `context` in the page), how the form's data
    becomes the step's input, what the page says once it is taken, and the field that shows an
    action's error naming none of the form's."""

    form: type[forms.Form]
    context: str
    data: Callable[[Any], dict[str, Any]]
    done: StrOrPromise
    default_field: str | None = None
    # The same step in the company inbox's API (platform host), when the page is the inbox.
    api_summary: StrOrPromise = ""


@dataclass(frozen=True)
class SanctionStep(StepAction):
    page: FormStep | None = None  # the fiscalização pages (staff)
    inbox: FormStep | None = None  # the company's inbox


def _cleaned(form: forms.Form) -> dict[str, Any]:
    return dict(form.cleaned_data)


def _circumstances(form: forms.Form) -> list[int]:
    return [int(c) for c in form.cleaned_data["circumstances"]]


def _decision(form: forms.Form) -> dict[str, Any]:
    d = form.cleaned_data
    return {
        "dismiss": d["dismiss"],
        "reasoning": d["reasoning"],
        "sanctions": d["sanctions"],
        "advantage": d["advantage"] or 0,
        "circumstance_ids": _circumstances(form),
        "accept_revenue_contest": d["accept_revenue_contest"],
    }


def _appeal_decision(form: forms.Form) -> dict[str, Any]:
    d = form.cleaned_data
    return {
        "ruling": d["ruling"],
        "reasoning": d["reasoning"],
        "advantage": d["advantage"] or 0,
        "circumstance_ids": _circumstances(form),
        "revenue": None,
    }


def _defence(form: page_forms.DefenceForm) -> dict[str, Any]:
    d = form.cleaned_data
    return {
        "text": d["text"],
        "witnesses": form.witnesses(),
        "evidence": d["evidence"],
        "contests_revenue": d["contests_revenue"],
        "claimed_revenue": d["claimed_revenue"],
        "revenue_documents": d["revenue_documents"],
    }


STEPS: list[SanctionStep] = [
    SanctionStep(
        "notify",
        (Step.NOTIFY,),
        lambda n, actor, role, d: do_notify_company(n, actor=actor, as_role=role),
        io.SanctionNoInput,
        _("Notify the company (starts the defence window)"),
    ),
    SanctionStep(
        "defence",
        (Step.FILE_DEFENCE,),
        lambda n, actor, _role, d: do_file_defence(
            n,
            actor=actor,
            text=d["text"],
            witnesses=d["witnesses"],
            uploads=d["evidence"],
            contests_revenue=d["contests_revenue"],
            claimed_revenue=d["claimed_revenue"],
            revenue_uploads=d["revenue_documents"],
        ),
        io.DefenceInput,
        _("File the defence (the company's agent)"),
        inbox=FormStep(
            page_forms.DefenceForm,
            "defence_form",
            _defence,
            _("Your defence was filed."),
            default_field="evidence",
            api_summary=_(
                "File the defence (JSON, or multipart with `evidence` and `revenue_documents`)"
            ),
        ),
    ),
    SanctionStep(
        "pay-at-base",
        (Step.PAY_AT_BASE,),
        lambda n, actor, _role, d: do_pay_at_base(
            n, actor=actor, reference=d["reference"], paid_on=d["paid_on"]
        ),
        io.PayAtBaseInput,
        _("Pay at the base value and end the process (the company's agent)"),
        inbox=FormStep(
            page_forms.PayAtBaseForm,
            "pay_form",
            lambda form: {"reference": form.cleaned_data["reference"]},
            _("The payment at the base value was recorded and the process is closed."),
            default_field="reference",
            api_summary=_(
                "Pay the fine at its base value during the defence window (ends the process)"
            ),
        ),
    ),
    SanctionStep(
        "decision",
        (Step.DECIDE,),
        lambda n, actor, _role, d: do_decide(n, actor=actor, **d),
        io.DecisionInput,
        _("First-instance decision (judging authority)"),
        page=FormStep(page_forms.DecisionForm, "decision_form", _decision, _("Decision recorded.")),
    ),
    SanctionStep(
        "appeal",
        (Step.FILE_APPEAL,),
        lambda n, actor, _role, d: do_file_appeal(
            n, actor=actor, text=d["text"], uploads=d["documents"]
        ),
        io.AppealInput,
        _("File the appeal (recurso) within its window (the company's agent)"),
        inbox=FormStep(
            page_forms.AppealForm,
            "appeal_form",
            _cleaned,
            _("Your appeal was filed."),
            default_field="documents",
            api_summary=_("File the appeal (recurso) against the first-instance decision"),
        ),
    ),
    SanctionStep(
        "appeal-decision",
        (Step.DECIDE_APPEAL,),
        lambda n, actor, _role, d: do_decide_appeal(n, actor=actor, **d),
        io.AppealDecisionInput,
        _("Second-instance decision (judging authority)"),
        page=FormStep(
            page_forms.AppealDecisionForm, "appeal_form", _appeal_decision, _("Appeal decided.")
        ),
    ),
    SanctionStep(
        "payment",
        (Step.RECORD_PAYMENT,),
        lambda n, actor, role, d: do_record_payment(n, actor=actor, as_role=role, **d),
        io.PaymentInput,
        _("Record the payment of the fine"),
        page=FormStep(page_forms.PaymentForm, "payment_form", _cleaned, _("Payment recorded.")),
    ),
    SanctionStep(
        "collection",
        (Step.SEND_TO_COLLECTION,),
        lambda n, actor, role, d: do_send_to_collection(n, actor=actor, as_role=role, **d),
        io.CollectionInput,
        _("Send the unpaid fine to collection"),
        page=FormStep(
            page_forms.CollectionForm, "collection_form", _cleaned, _("Sent to collection.")
        ),
    ),
]
STEP_BY_SLUG = {entry.slug: entry for entry in STEPS}
# The steps a company takes from its inbox.
COMPANY_STEPS = [entry for entry in STEPS if entry.inbox is not None]
