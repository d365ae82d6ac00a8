"""The supervisor's page of one application: its decisions posted as `decision=<name>`; the
refusal takes a reason from its form, the others only the click."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onboarding.applications.errors import ApplicationStateError

REJECT = "reject"


@dataclass(frozen=True)
class Decision:
    take: Callable[[], object]
    done: str
    # Where the supervisor goes next: the list (the application left it) or back to the page.
    back_to_list: bool = False


def decision_page(
    request: HttpRequest,
    application: Any,
    *,
    decisions: Mapping[str, Decision],
    reject_form: type[forms.Form],
    reject: Callable[[str], object],
    rejected: str,
    list_url: str,
    detail_url: str,
    template: str,
    context: Callable[[], dict[str, Any]] = dict,
) -> HttpResponse:
    """A decision refused by the application's status is shown as a message on the page; a
    reason or override missing is shown on its form (400)."""
    form = reject_form()
    approve_errors: list[str] = []
    if request.method == "POST":
        decision = request.POST.get("decision")
        here = redirect(detail_url, application_id=application.pk)
        try:
            if decision == REJECT:
                form = reject_form(request.POST)
                if form.is_valid():
                    reject(form.cleaned_data["reason"])
                    messages.success(request, rejected)
                    return redirect(list_url)
            elif decision in decisions:
                chosen = decisions[decision]
                chosen.take()
                messages.success(request, chosen.done)
                return redirect(list_url) if chosen.back_to_list else here
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
        template,
        {
            "application": application,
            "reject_form": form,
            "approve_errors": approve_errors,
            **context(),
        },
        status=400 if request.method == "POST" else 200,
    )
