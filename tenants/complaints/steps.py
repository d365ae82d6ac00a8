"""The complaint's steps, declared once. Each entry names the API's slug, the lifecycle steps it
takes, the action that takes them, the API's input and its documentation, and the forms the
complaint page offers for it (a page slug, its words, and how the form's data becomes the same
input). The API's step operations (api/steps.py) and the page's actions (views.py) are built
from this table; who may take a step is the lifecycle's ACTORS table."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import connection
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from rest_framework.exceptions import ValidationError

from kernel.web.steps import StepAction, StrOrPromise
from tenants.complaints import forms as page_forms
from tenants.complaints.actions.answer import do_record_company_answer, do_send_cip
from tenants.complaints.actions.closing import (
    do_close_complaint,
    do_confirm_agreement,
    do_rate_answer,
    do_reopen_complaint,
    do_withdraw_complaint,
)
from tenants.complaints.actions.triage import (
    do_accept_complaint,
    do_assign_complaint,
    do_reject_complaint,
    do_reply_to_request,
    do_request_information,
)
from tenants.complaints.api import serializers as io
from tenants.complaints.lifecycle import ACTORS, Step
from tenants.complaints.selectors import staff_member

PARTIES = frozenset({"consumer", "company"})


@dataclass(frozen=True)
class PageStep:
    """A form the complaint page offers for a step; `order` places it among the page's forms."""

    order: int
    slug: str
    step: Step
    form: type[forms.Form]
    title: StrOrPromise
    button: StrOrPromise
    data: Callable[[dict[str, Any]], dict[str, Any]] = dict
    danger: bool = False
    # Steps the company takes on its own inbox are offered here to staff only.
    staff_only: bool = False

    def actors(self) -> frozenset[str]:
        actors = ACTORS[self.step] - {"system"}
        return actors - PARTIES if self.staff_only else actors


@dataclass(frozen=True)
class ComplaintStep(StepAction):
    pages: tuple[PageStep, ...] = field(default=())


def _as_staff(action: Callable[..., Any]) -> Callable[..., Any]:
    """A staff step whose input's fields are the action's own keyword arguments."""
    return lambda complaint, actor, as_role, data: action(
        complaint, actor=actor, as_role=as_role, **data
    )


def _assignee(data: dict[str, Any]) -> dict[str, Any]:
    """The API names the assignee by id: someone on this Procon's staff, or nobody."""
    if data["assignee_id"] is None:
        return {"assignee": None}
    assignee = staff_member(procon=connection.tenant, user_id=data["assignee_id"])
    if assignee is None:
        raise ValidationError({"assignee_id": [_("Choose someone on this Procon's staff.")]})
    return {"assignee": assignee}


STEPS: list[ComplaintStep] = [
    ComplaintStep(
        "assign",
        (Step.ASSIGN,),
        _as_staff(do_assign_complaint),
        io.AssignInput,
        _("Assign the complaint to a member of staff (or unassign it)"),
        renames={"assignee": "assignee_id"},
        resolve=_assignee,
        pages=(
            PageStep(4, "atribuir", Step.ASSIGN, page_forms.AssignForm, _("Assign"), _("Assign")),
        ),
    ),
    ComplaintStep(
        "request-information",
        (Step.REQUEST_INFO,),
        _as_staff(do_request_information),
        io.RequestInformationInput,
        _("Ask the consumer for more information"),
        pages=(
            PageStep(
                6,
                "pedir-informacoes",
                Step.REQUEST_INFO,
                page_forms.QuestionForm,
                _("Ask the consumer for more information"),
                _("Send request"),
            ),
        ),
    ),
    ComplaintStep(
        "reply",
        (Step.CONSUMER_REPLY,),
        lambda c, actor, _role, d: do_reply_to_request(
            c, actor=actor, text=d["text"], uploads=d["attachments"]
        ),
        io.ReplyInput,
        _("Reply to the attendant's request (the consumer)"),
        _("JSON, or multipart/form-data with documents in `attachments`."),
        files=True,
        pages=(
            PageStep(
                0,
                "responder",
                Step.CONSUMER_REPLY,
                page_forms.ReplyForm,
                _("Reply to the Procon's request"),
                _("Send reply"),
            ),
        ),
    ),
    ComplaintStep(
        "accept",
        (Step.ACCEPT,),
        _as_staff(do_accept_complaint),
        io.NoInput,
        _("Accept the complaint after triage"),
        pages=(
            PageStep(
                5,
                "aceitar",
                Step.ACCEPT,
                page_forms.EmptyForm,
                _("Accept the complaint"),
                _("Accept"),
            ),
        ),
    ),
    ComplaintStep(
        "reject",
        (Step.REJECT,),
        _as_staff(do_reject_complaint),
        io.RejectInput,
        _("Reject the complaint as outside this Procon's competence"),
        pages=(
            PageStep(
                7,
                "rejeitar",
                Step.REJECT,
                page_forms.RejectForm,
                _("Reject the complaint"),
                _("Reject"),
                danger=True,
            ),
        ),
    ),
    ComplaintStep(
        "send-cip",
        (Step.SEND_CIP,),
        _as_staff(do_send_cip),
        io.NoInput,
        _("Send the CIP to the company (starts its deadline)"),
        pages=(
            PageStep(
                8,
                "enviar-cip",
                Step.SEND_CIP,
                page_forms.EmptyForm,
                _("Send the CIP to the company"),
                _("Send CIP"),
            ),
        ),
    ),
    ComplaintStep(
        "answer",
        (Step.ANSWER,),
        lambda c, actor, role, d: do_record_company_answer(
            c,
            actor=actor,
            as_role=role,
            text=d["text"],
            offer=d["offer"],
            answer_type=d["answer_type"],
            uploads=d["attachments"],
        ),
        io.AnswerInput,
        _("Answer the complaint (company agent), or record an answer received by the Procon"),
        _(
            "An agent of the complaint's company answers on the platform; an attendant records "
            "an answer the company sent another way. JSON, or multipart/form-data with "
            "documents in `attachments`."
        ),
        files=True,
        pages=(
            PageStep(
                9,
                "registrar-resposta",
                Step.ANSWER,
                page_forms.AnswerForm,
                _("Record an answer the company sent outside the platform"),
                _("Record answer"),
                data=lambda d: {**d, "answer_type": ""},
                staff_only=True,
            ),
        ),
    ),
    ComplaintStep(
        "rate",
        (Step.RATE,),
        lambda c, actor, _role, d: do_rate_answer(
            c,
            actor=actor,
            resolved=d["resolved"],
            satisfaction=d["satisfaction"],
            comment=d["comment"],
        ),
        io.RateInput,
        _("Rate the company's answer (the consumer)"),
        pages=(
            PageStep(
                1,
                "avaliar",
                Step.RATE,
                page_forms.RateForm,
                _("Rate the company's answer"),
                _("Send rating"),
                data=lambda d: {**d, "resolved": d["resolved"] == "yes"},
            ),
        ),
    ),
    ComplaintStep(
        "confirm-agreement",
        (Step.CONFIRM_AGREEMENT, Step.REPORT_BREACH),
        lambda c, actor, _role, d: do_confirm_agreement(
            c, actor=actor, fulfilled=d["fulfilled"], comment=d["comment"]
        ),
        io.ConfirmAgreementInput,
        _("Say whether the hearing's agreement was met (the consumer)"),
        pages=(
            PageStep(
                2,
                "acordo-cumprido",
                Step.CONFIRM_AGREEMENT,
                page_forms.AgreementForm,
                _("The agreement was met"),
                _("Confirm the agreement was met"),
                data=lambda d: {**d, "fulfilled": True},
            ),
            PageStep(
                3,
                "acordo-descumprido",
                Step.REPORT_BREACH,
                page_forms.AgreementForm,
                _("The agreement was not met"),
                _("Report the agreement was not met"),
                data=lambda d: {**d, "fulfilled": False},
                danger=True,
            ),
        ),
    ),
    ComplaintStep(
        "close",
        (Step.CLOSE,),
        _as_staff(do_close_complaint),
        io.CloseInput,
        _("Close the complaint with a classification"),
        pages=(
            PageStep(
                10,
                "encerrar",
                Step.CLOSE,
                page_forms.CloseForm,
                _("Close the complaint"),
                pgettext_lazy("complaint step", "Close"),
            ),
        ),
    ),
    ComplaintStep(
        "withdraw",
        (Step.WITHDRAW,),
        lambda c, actor, _role, d: do_withdraw_complaint(c, actor=actor, reason=d["reason"]),
        io.WithdrawInput,
        _("Withdraw the complaint (the consumer)"),
        pages=(
            PageStep(
                12,
                "desistir",
                Step.WITHDRAW,
                page_forms.WithdrawForm,
                _("Withdraw the complaint"),
                pgettext_lazy("complaint step", "Withdraw"),
                danger=True,
            ),
        ),
    ),
    ComplaintStep(
        "reopen",
        (Step.REOPEN,),
        _as_staff(do_reopen_complaint),
        io.ReopenInput,
        _("Reopen a closed complaint"),
        pages=(
            PageStep(
                11,
                "reabrir",
                Step.REOPEN,
                page_forms.ReopenForm,
                _("Reopen the complaint"),
                _("Reopen"),
            ),
        ),
    ),
]

STEP_BY_SLUG = {entry.slug: entry for entry in STEPS}
# The step a company takes from its inbox (portals/inbox), as on the API.
ANSWER = STEP_BY_SLUG["answer"]

# The complaint page's forms, in the order it shows them, each with its entry.
PAGE_STEPS: list[tuple[PageStep, ComplaintStep]] = sorted(
    ((page, entry) for entry in STEPS for page in entry.pages), key=lambda pair: pair[0].order
)
PAGE_STEP_BY_SLUG = {page.slug: (page, entry) for page, entry in PAGE_STEPS}
