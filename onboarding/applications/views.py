"""The state supervisor's pages of one kind of application: the list of those waiting and the
page of one application, its decisions posted as `decision=<name>`; the refusal takes a reason
from its form, the others only the click (and what `posted` reads from the form)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from kernel.web.errors import found
from onboarding.applications.errors import ApplicationStateError
from shared.accounts.permissions import supervisor_required

REJECT = "reject"

View = Callable[..., HttpResponse]


def _nothing_posted(post: QueryDict) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Decision:
    # Taken as step(application, actor=<the supervisor>, **posted(request.POST)).
    step: Callable[..., object]
    done: str
    # Where the supervisor goes next: the list (the application left it) or back to the page.
    back_to_list: bool = False
    posted: Callable[[QueryDict], dict[str, Any]] = _nothing_posted


def supervision_pages(
    namespace: str,
    *,
    applications: Callable[[], Any],
    find: Callable[..., Any],
    decisions: Mapping[str, Decision],
    reject: Callable[..., object],
    reject_form: type[forms.Form],
    rejected: str,
    context: Callable[[Any], dict[str, Any]] = lambda application: {},
) -> tuple[View, View]:
    """The list (`<namespace>/supervision_list.html`, `applications()`) and the page of one
    application (`<namespace>/supervision_detail.html`, `find(application_id=…)`, 404 when it
    finds none), for the state supervisor only. A decision refused by the application's status
    is shown as a message on the page; a reason or override missing is shown on its form (400)."""

    @supervisor_required
    @require_GET
    def supervision_list(request: HttpRequest) -> HttpResponse:
        return render(
            request, f"{namespace}/supervision_list.html", {"applications": applications()}
        )

    @supervisor_required
    @require_http_methods(["GET", "POST"])
    def supervision_detail(request: HttpRequest, application_id: int) -> HttpResponse:
        application = found(find, application_id=application_id)
        form = reject_form()
        approve_errors: list[str] = []
        if request.method == "POST":
            decision = request.POST.get("decision")
            here = redirect(f"{namespace}:supervision-detail", application_id=application.pk)
            try:
                if decision == REJECT:
                    form = reject_form(request.POST)
                    if form.is_valid():
                        reject(application, actor=request.user, reason=form.cleaned_data["reason"])
                        messages.success(request, str(rejected))
                        return redirect(f"{namespace}:supervision-list")
                elif decision in decisions:
                    chosen = decisions[decision]
                    chosen.step(application, actor=request.user, **chosen.posted(request.POST))
                    messages.success(request, str(chosen.done))
                    return (
                        redirect(f"{namespace}:supervision-list") if chosen.back_to_list else here
                    )
            except ApplicationStateError as exc:
                messages.error(request, str(exc))
                return here
            except ValidationError as exc:
                if decision == REJECT:
                    form.add_error("reason", exc.messages)
                else:
                    approve_errors = exc.messages
        return render(
            request,
            f"{namespace}/supervision_detail.html",
            {
                "application": application,
                "reject_form": form,
                "approve_errors": approve_errors,
                **context(application),
            },
            status=400 if request.method == "POST" else 200,
        )

    return supervision_list, supervision_detail
