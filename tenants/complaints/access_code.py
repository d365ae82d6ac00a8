"""Answering one case with the CIP's access code, without an account (a company that has not
joined). `/responder/` takes the number and the code; the session then holds access to that one
case, which it shows with the answer form. Any other number is 404, and so is the case once it
is closed. Wrong codes are throttled per client and per number (AccessCodeThrottle), so that
guessing stays out of reach while nobody else can lock the holder of the code out."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kernel.errors import IllegalStep
from kernel.web.errors import apply_errors, found
from kernel.web.files import stored_document
from kernel.web.forms import NumberAndCodeForm
from shared.accounts.lockout import client_ip, client_network, count_in_window
from tenants.complaints.actions.answer import do_answer_with_access_code
from tenants.complaints.company_view import (
    CompanyAnswerForm,
    company_attachment,
    load_company_case,
)
from tenants.complaints.models import Complaint

SESSION_KEY = "complaint_access_code"


class AccessCodeForm(NumberAndCodeForm):
    number_label = gettext_lazy("Complaint number")
    code_help = gettext_lazy("The code on the CIP the Procon sent.")


# --- throttle and grant -------------------------------------------------------------------------


class AccessCodeThrottle:
    """Wrong access codes (of complaints and of sanction processes) counted in fixed windows of
    WINDOW_SECONDS in the shared cache, per client address and per number, never renewed:

    - a client with CLIENT_LIMIT wrong codes in its window (on any numbers) is refused, even the
      right code, until its window ends;
    - a number with NUMBER_CEILING wrong codes in its window (from all clients) admits only the
      clients that have not entered a wrong code for it in that window: the holder, typing the
      right code from their own address, always gets in; a guesser needs a fresh address per try.

    Codes are 10 characters of a 31-letter alphabet: 31**10 ≈ 8.2e14. One address makes at most
    960 guesses a day; a number takes at most NUMBER_CEILING + (distinct addresses) guesses per
    window, so even 100,000 addresses a window (9.6 million guesses a day) have about one chance in
    three million over a 30-day CIP."""

    CLIENT_LIMIT = 10
    NUMBER_CEILING = 100
    WINDOW_SECONDS = 15 * 60

    def __init__(self, *, scope: str, number: str, client: str | None) -> None:
        base = f"access-code:{scope}:{connection.schema_name}"
        self._client_key = f"{base}:client:{client or 'unknown'}"
        self._number_key = f"{base}:number:{number}"
        self._pair_key = f"{base}:pair:{number}:{client or 'unknown'}"

    @classmethod
    def for_request(cls, request: HttpRequest, *, scope: str, number: str) -> "AccessCodeThrottle":
        return cls(scope=scope, number=number, client=client_network(client_ip(request)))

    def refused(self) -> bool:
        counts = cache.get_many([self._client_key, self._number_key, self._pair_key])
        if counts.get(self._client_key, 0) >= self.CLIENT_LIMIT:
            return True
        return (
            counts.get(self._number_key, 0) >= self.NUMBER_CEILING
            and counts.get(self._pair_key, 0) > 0
        )

    def record_wrong(self) -> None:
        for key in (self._client_key, self._number_key, self._pair_key):
            count_in_window(key, self.WINDOW_SECONDS)

    def record_right(self) -> None:
        """The holder's own earlier typos on this number stop counting against it."""
        cache.delete(self._pair_key)


TOO_MANY_WRONG_CODES = gettext_lazy(
    "Too many wrong codes from this connection. Try again in 15 minutes."
)


def complaint_for_code(number: str, code: str) -> Complaint | None:
    """The open case `code` opens, or None (absent, wrong code, closed: the same answer)."""
    complaint = Complaint.objects.filter(number=number).first()
    if complaint is None or not complaint.access_code_matches(code):
        return None
    return complaint


def granted_hash(request: HttpRequest, session_key: str, number: str) -> str:
    """The code hash this session was given for case `number` of this Procon (by
    `enter_code_page`), or 404."""
    grant = request.session.get(session_key) or {}
    if grant.get("schema") != connection.schema_name or grant.get("number") != number:
        raise Http404
    return grant.get("hash", "")


def granted_complaint(request: HttpRequest, number: str) -> tuple[Complaint, str]:
    """The case this session holds access to, if it is `number` and its code still works."""
    code_hash = granted_hash(request, SESSION_KEY, number)
    complaint = (
        Complaint.objects.select_related("company", "subject", "problem", "consumer")
        .filter(number=number)
        .first()
    )
    if complaint is None or not complaint.access_code_hash_matches(code_hash):
        raise Http404
    return complaint, code_hash


def enter_code_page(
    request: HttpRequest,
    form: NumberAndCodeForm,
    *,
    scope: str,
    session_key: str,
    opens: Callable[[str, str], Any],
    wrong: str,
    case_url: str,
    template: str,
) -> HttpResponse:
    """The page where a number and its access code open one case without an account. The case
    `opens(number, code)` returns (None: no such open case, or another code) is given to this
    session (its schema, number and code hash under `session_key`) and shown at `case_url`;
    wrong codes answer `wrong` and count in AccessCodeThrottle's `scope`, 429 once it refuses."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            number, code = form.cleaned_data["number"], form.cleaned_data["code"]
            throttle = AccessCodeThrottle.for_request(request, scope=scope, number=number)
            if throttle.refused():
                form.add_error(None, TOO_MANY_WRONG_CODES)
                status = 429
            elif (case := opens(number, code)) is not None:
                throttle.record_right()
                request.session.cycle_key()
                request.session[session_key] = {
                    "schema": connection.schema_name,
                    "number": case.number,
                    "hash": case.access_code_hash,
                }
                return redirect(case_url, number=case.number)
            else:
                throttle.record_wrong()
                form.add_error(None, wrong)
    return render(request, template, {"form": form}, status=status)


# --- views ---------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def enter_code(request: HttpRequest) -> HttpResponse:
    return enter_code_page(
        request,
        AccessCodeForm(request.POST or None),
        scope="complaint",
        session_key=SESSION_KEY,
        opens=complaint_for_code,
        wrong=_("This number and code do not open a case, or the case is closed."),
        case_url="complaints:access-code-case",
        template="complaints/access_code.html",
    )


def _render_case(
    request: HttpRequest,
    complaint: Complaint,
    *,
    form: CompanyAnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "complaints/access_code_case.html",
        {
            "case": load_company_case(complaint),
            "case_procon": request.procon,
            "answer_form": form or CompanyAnswerForm(),
            "answer_url": reverse("complaints:access-code-answer", args=[complaint.number]),
            "attachment_base": reverse("complaints:access-code-case", args=[complaint.number])
            + "anexos/",
        },
        status=status,
    )


@require_GET
def code_case(request: HttpRequest, number: str) -> HttpResponse:
    complaint, _hash = granted_complaint(request, number)
    return _render_case(request, complaint)


@require_POST
def code_answer(request: HttpRequest, number: str) -> HttpResponse:
    complaint, code_hash = granted_complaint(request, number)
    form = CompanyAnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_case(request, complaint, form=form, status=400)
    data = form.cleaned_data
    try:
        do_answer_with_access_code(
            complaint,
            code_hash=code_hash,
            text=data["text"],
            offer=data["offer"],
            answer_type=data["answer_type"],
            uploads=data["attachments"],
        )
    except IllegalStep as error:
        form.add_error(None, error.message)
        return _render_case(request, complaint, form=form, status=409)
    except ValidationError as error:
        apply_errors(form, error, default="attachments")
        return _render_case(request, complaint, form=form, status=400)
    messages.success(request, _("Your answer was sent."))
    return redirect("complaints:access-code-case", number=complaint.number)


@require_GET
def code_attachment(request: HttpRequest, number: str, attachment_id: int) -> FileResponse:
    complaint, _hash = granted_complaint(request, number)
    document = found(company_attachment, complaint, attachment_id=attachment_id)
    return stored_document(document)
