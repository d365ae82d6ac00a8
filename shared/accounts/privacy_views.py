"""The person's own data on a Procon's host: see and correct it, download it as JSON, delete
the account (after a page saying what stays and why, and the password)."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kernel.web.errors import apply_errors
from kernel.web.files import download as file_download
from shared.accounts.privacy import (
    MESSAGES,
    PrivacyErrorCode,
    do_correct_personal_data,
    do_delete_account,
    held_roles,
    own_cases,
    personal_data_export,
)
from shared.accounts.privacy_forms import CorrectPersonalDataForm, DeleteAccountForm


@login_required
@require_http_methods(["GET", "POST"])
def my_data(request: HttpRequest) -> HttpResponse:
    user = request.user
    initial = {"full_name": user.full_name, "email": user.email, "phone": user.phone}
    form = CorrectPersonalDataForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        email_before = user.email
        try:
            user = do_correct_personal_data(
                user,
                full_name=data["full_name"],
                phone=data["phone"],
                email=data["email"],
                site_url=request.build_absolute_uri("/"),
                password=data["password"],
                keep_session_key=request.session.session_key,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if user.email != email_before:
                messages.success(
                    request,
                    _(
                        "Your data was corrected. Confirm your new e-mail with the link we sent to %(email)s."
                    )
                    % {"email": user.email},
                )
            else:
                messages.success(request, _("Your data was corrected."))
            return redirect("privacy:my-data")
    cases = own_cases(user=user)
    return render(
        request,
        "accounts/privacy/my_data.html",
        {"form": form, "cases": cases, "case_count": sum(len(n) for n in cases.values())},
    )


@login_required
@require_GET
def download(request: HttpRequest) -> HttpResponse:
    data = personal_data_export(user=request.user)
    stamp = timezone.localdate().isoformat()
    return file_download(
        json.dumps(data, ensure_ascii=False, indent=2),
        filename=f"meus-dados-{stamp}.json",
        content_type="application/json; charset=utf-8",
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    roles = held_roles(user=request.user)
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not roles and form.is_valid():
        try:
            do_delete_account(request.user, password=form.cleaned_data["password"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            logout(request)
            return render(request, "accounts/privacy/deleted.html")
    cases = own_cases(user=request.user)
    return render(
        request,
        "accounts/privacy/delete.html",
        {
            "form": form,
            "roles": roles,
            "roles_message": MESSAGES[PrivacyErrorCode.HOLDS_ROLES],
            "case_count": sum(len(n) for n in cases.values()),
        },
        status=409 if request.method == "POST" and roles else 200,
    )
