"""Company pages on the platform's host: the public page of a company, and for its administrators
the team (agents, invitations, tokens' last use) and where it participates."""

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kernel.web.errors import found
from shared.accounts.invitation_pages import invitation_page, link_failed
from shared.accounts.models import CompanyMembership
from shared.accounts.roles import CompanyRole
from shared.companies.actions import (
    do_accept_company_invitation,
    do_change_company_role,
    do_invite_company_agent,
    do_issue_company_api_key,
    do_remove_company_agent,
    do_revoke_company_api_key,
    do_rotate_company_api_key,
    do_set_company_participation,
    read_invitation,
)
from shared.companies.forms import (
    ApiKeyForm,
    ApiKeyRotateForm,
    InviteForm,
    ParticipationForm,
    RoleForm,
)
from shared.companies.permissions import company_admin_required
from shared.companies.selectors import (
    access_company_api_key,
    access_public_company,
    access_team_member,
    company_api_key_list,
    company_api_key_uses,
    company_group,
    open_invitation_list,
    participating_procon_ids,
    team_list,
    team_token_list,
)
from shared.procons.selectors import procon_list


def _company_url(request: HttpRequest, name: str = "companies:team", **kwargs: int) -> str:
    """A page of the company being managed, keeping the `empresa` (CNPJ) an administrator of
    several companies chose."""
    url = reverse(name, kwargs=kwargs or None)
    cnpj = request.GET.get("empresa")
    return f"{url}?{urlencode({'empresa': cnpj})}" if cnpj else url


def _saved(request: HttpRequest, form: forms.Form, save: Callable[[dict], object]) -> bool:
    """A posted, valid form whose action accepted it; the action's refusal goes on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    return True


@require_GET
def company_page(request: HttpRequest, cnpj: str) -> HttpResponse:
    company = found(access_public_company, cnpj=cnpj)
    procons = [] if company.participates_everywhere else list(company.participating_procons.all())
    return render(request, "companies/company_page.html", {"company": company, "procons": procons})


@company_admin_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest) -> HttpResponse:
    company = request.company
    form = InviteForm(request.POST if request.method == "POST" else None)
    if _saved(
        request,
        form,
        lambda data: do_invite_company_agent(
            company, actor=request.user, email=data["email"], role=data["role"]
        ),
    ):
        messages.success(
            request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
        )
        return redirect(_company_url(request))
    members = list(team_list(company))
    return render(
        request,
        "companies/team.html",
        {
            "company": company,
            "members": members,
            "admins": sum(1 for m in members if m.role == CompanyRole.ADMIN),
            "invitations": open_invitation_list(company),
            "tokens": team_token_list(company),
            "group": company_group(company),
            "form": form,
            "role_choices": CompanyRole.choices,
            "query": request.GET.urlencode(),
        },
    )


def _team_member_step(
    request: HttpRequest, membership_id: int, step: Callable[[CompanyMembership], str]
) -> HttpResponse:
    """`step` changes a member of the team and says what it did; its refusal is shown instead."""
    membership = found(access_team_member, company=request.company, membership_id=membership_id)
    try:
        done = step(membership)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, done)
    return redirect(_company_url(request))


@company_admin_required
@require_POST
def change_role(request: HttpRequest, membership_id: int) -> HttpResponse:
    def step(membership: CompanyMembership) -> str:
        form = RoleForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose a valid role."))
        do_change_company_role(
            membership,
            actor=request.user,
            role=form.cleaned_data["role"],
            keep_session_key=request.session.session_key,
        )
        return _("Role of %(name)s changed.") % {"name": membership.user}

    return _team_member_step(request, membership_id, step)


@company_admin_required
@require_POST
def remove_member(request: HttpRequest, membership_id: int) -> HttpResponse:
    def step(membership: CompanyMembership) -> str:
        do_remove_company_agent(
            membership, actor=request.user, keep_session_key=request.session.session_key
        )
        return _("%(name)s left the team.") % {"name": membership.user}

    return _team_member_step(request, membership_id, step)


@company_admin_required
@require_http_methods(["GET", "POST"])
def participation(request: HttpRequest) -> HttpResponse:
    company = request.company
    initial = {
        "everywhere": "1" if company.participates_everywhere else "0",
        "procons": participating_procon_ids(company),
    }
    form = ParticipationForm(request.POST if request.method == "POST" else None, initial=initial)
    if _saved(
        request,
        form,
        lambda data: do_set_company_participation(
            company, actor=request.user, everywhere=data["everywhere"], procons=data["procons"]
        ),
    ):
        messages.success(request, _("Participation saved."))
        return redirect(_company_url(request, "companies:participation"))
    return render(
        request,
        "companies/participation.html",
        {"company": company, "form": form, "procons": procon_list()},
    )


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Shows the invitation; a signed-in invitee accepts it, someone without an account creates
    one for the invited address here."""
    try:
        invite = read_invitation(token)
    except ValidationError as exc:
        return link_failed(request, "accounts/invitation_failed.html", exc)

    def accepted(membership: CompanyMembership) -> HttpResponse:
        messages.success(
            request, _("You joined the team of %(company)s.") % {"company": invite.company}
        )
        return redirect("companies:team" if membership.role == CompanyRole.ADMIN else "home")

    return invitation_page(
        request,
        link={"token": token},
        invited_email=invite.email,
        accept=do_accept_company_invitation,
        accepted=accepted,
        template="companies/invitation.html",
        context={"invitation": invite},
    )


def _key_page(
    request: HttpRequest, template: str, form: forms.Form, new_key: str | None, **context: Any
) -> HttpResponse:
    """A page of the company's API keys: a new secret (`new_key`) is shown this once."""
    return render(
        request,
        template,
        {
            "company": request.company,  # type: ignore[attr-defined]
            "form": form,
            "new_key": new_key,
            "now": timezone.now(),
            "query": request.GET.urlencode(),
            **context,
        },
        status=400 if form.errors else 200,
    )


@company_admin_required
@require_http_methods(["GET", "POST"])
def api_keys(request: HttpRequest) -> HttpResponse:
    """The company's API keys; a new key's secret is shown once, on the answer to its creation."""
    company = request.company
    form = ApiKeyForm(request.POST if request.method == "POST" else None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        expires_on = form.cleaned_data["expires_on"]
        expires_at = (
            None
            if expires_on is None
            else timezone.make_aware(datetime.combine(expires_on, time(23, 59, 59)))
        )
        try:
            _api_key, new_key = do_issue_company_api_key(
                company,
                actor=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_at=expires_at,
            )
        except ValidationError as exc:
            for error in exc.error_dict.get("expires_at", []):
                form.add_error("expires_on", error)
        else:
            form = ApiKeyForm()
    return _key_page(
        request, "companies/api_keys.html", form, new_key, keys=company_api_key_list(company)
    )


@company_admin_required
@require_http_methods(["GET", "POST"])
def api_key_detail(request: HttpRequest, key_id: int) -> HttpResponse:
    """One key: its scopes and expiry, rotation (the new secret shown once) and every use."""
    api_key = found(access_company_api_key, company=request.company, key_id=key_id)
    form = ApiKeyRotateForm(request.POST if request.method == "POST" else None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            api_key, new_key = do_rotate_company_api_key(
                api_key,
                actor=request.user,
                overlap=timedelta(hours=form.cleaned_data["overlap_hours"]),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            form = ApiKeyRotateForm()
    return _key_page(
        request,
        "companies/api_key.html",
        form,
        new_key,
        key=api_key,
        uses=company_api_key_uses(api_key)[:100],
    )


@company_admin_required
@require_POST
def api_key_revoke(request: HttpRequest, key_id: int) -> HttpResponse:
    api_key = found(access_company_api_key, company=request.company, key_id=key_id)
    do_revoke_company_api_key(api_key, actor=request.user)
    messages.success(request, _("Key “%(name)s” revoked.") % {"name": api_key.name})
    return redirect(_company_url(request, "companies:api-keys"))
