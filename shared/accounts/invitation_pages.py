"""The page of an invitation link, whoever invites (a Procon's staff, a company's team, the state
Procon to a new Procon's administrator): a signed-in person with the invited address accepts;
someone without an account creates one for that address here."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from kernel.web.errors import apply_errors
from shared.accounts.actions import do_accept_invitation_with_new_account
from shared.accounts.forms import NewAccountForm


def link_failed(request: HttpRequest, template: str, error: ValidationError) -> HttpResponse:
    """A link that is not (or no longer) valid: the reason its action gave for `token`."""
    return render(request, template, {"error": error.message_dict["token"][0]}, status=400)


def invitation_page[R](
    request: HttpRequest,
    *,
    link: dict[str, Any],
    invited_email: str,
    invited_phone: str = "",
    accept: Callable[..., R],
    accepted: Callable[[R], HttpResponse],
    template: str,
    context: dict[str, Any],
    refused_status: int = 200,
) -> HttpResponse:
    """`accept` takes the invitation named by `link` (its token, and the Procon whose host shows
    it) for `user=`: the person signed in, or the account made here for the invited address
    (with `invited_phone`). `accepted` answers once the invitation is taken (with what `accept`
    returned); an invalid form or a refusal is shown on the page with `refused_status`."""
    form = None
    if not request.user.is_authenticated:
        form = NewAccountForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if form is None:
                result = accept(user=request.user, **link)
            else:
                user, result = do_accept_invitation_with_new_account(
                    accept,
                    email=invited_email,
                    phone=invited_phone,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password"],
                    **link,
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        except ValidationError as exc:
            status = refused_status
            if form is None:
                messages.error(request, exc.messages[0])
            else:
                apply_errors(form, exc)
        else:
            return accepted(result)
    elif request.method == "POST":
        status = refused_status
    login_url = reverse("accounts:login") + "?" + urlencode({"next": request.path})
    other_email = (
        request.user.is_authenticated and request.user.email.lower() != invited_email.lower()
    )
    return render(
        request,
        template,
        {"form": form, "login_url": login_url, "other_email": other_email, **context},
        status=status,
    )
