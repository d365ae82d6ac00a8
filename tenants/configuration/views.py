"""A Procon's front page, and its administrator's settings pages (only `tenant_admin` here)."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kernel.web.errors import found, not_found_is_404
from shared.accounts.permissions import request_roles, staff_required
from shared.accounts.roles import StaffRole
from shared.accounts.selectors import (
    MANAGED_STAFF_ROLES,
    access_open_staff_invitation,
    open_staff_invitation_list,
    procon_staff_memberships,
    staff_roles,
)
from shared.accounts.staff_actions import (
    do_invite_staff_member,
    do_revoke_staff_invitation,
)
from tenants.configuration.actions import do_remove_holiday, do_remove_managed_staff_role
from tenants.configuration.forms import (
    CommunicationForm,
    ContactsAndDeadlinesForm,
    HolidayForm,
    StaffMemberForm,
)
from tenants.configuration.pages import FormPage
from tenants.configuration.selectors import (
    access_holiday,
    get_procon_settings,
    holiday_list,
    official_holiday_list,
)

ADMIN = StaffRole.TENANT_ADMIN.value
SETTINGS_SAVED = gettext_lazy("Settings saved.")
CONTACTS_PAGE = FormPage(
    ContactsAndDeadlinesForm,
    "configuration/contacts_and_deadlines.html",
    "settings",
    SETTINGS_SAVED,
)
COMMUNICATION_PAGE = FormPage(
    CommunicationForm, "configuration/communication.html", "communication", SETTINGS_SAVED
)
HOLIDAY_PAGE = FormPage(
    HolidayForm, "configuration/holidays.html", "holidays", gettext_lazy("Holiday added.")
)


def procon_home(request: HttpRequest) -> HttpResponse:
    """A Procon's front page: whose site this is and how to reach it."""
    can_configure = request.user.is_authenticated and ADMIN in request_roles(request)
    return render(
        request,
        "configuration/procon_home.html",
        {"procon_settings": get_procon_settings(), "can_configure": can_configure},
    )


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def contacts_and_deadlines(request: HttpRequest) -> HttpResponse:
    return CONTACTS_PAGE.respond(request, instance=get_procon_settings())


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def communication(request: HttpRequest) -> HttpResponse:
    return COMMUNICATION_PAGE.respond(request, instance=get_procon_settings())


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def holidays(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    return HOLIDAY_PAGE.respond(
        request,
        holidays=holiday_list(),
        official_holidays=official_holiday_list(year),
        year=year,
    )


@staff_required(ADMIN)
@require_POST
def remove_holiday(request: HttpRequest, holiday_id: int) -> HttpResponse:
    holiday = found(access_holiday, holiday_id=holiday_id)
    do_remove_holiday(holiday)
    messages.success(request, _("Holiday removed."))
    return redirect("configuration:holidays")


def _staff_page(
    request: HttpRequest,
    form: StaffMemberForm,
    *,
    removal_error: ValidationError | None = None,
    status: int = 200,
) -> HttpResponse:
    memberships = procon_staff_memberships(procon=request.procon)
    people = [(user, list(roles)) for user, roles in groupby(memberships, key=lambda m: m.user)]
    return render(
        request,
        "configuration/staff.html",
        {
            "form": form,
            "section": "staff",
            "people": people,
            "invitations": open_staff_invitation_list(procon=request.procon),
            "managed_roles": [role.value for role in MANAGED_STAFF_ROLES],
            "removal_errors": removal_error.messages if removal_error else [],
        },
        status=status,
    )


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def staff(request: HttpRequest) -> HttpResponse:
    """Who holds which role at this Procon; the administrator invites people to roles by e-mail
    (the role is theirs once they accept the link) and withdraws pending invitations."""
    form = StaffMemberForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            do_invite_staff_member(
                request.procon,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. The role is theirs once they accept it.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("configuration:staff")
    return _staff_page(request, form, status=400 if form.errors else 200)


@staff_required(ADMIN)
@require_POST
def revoke_staff_invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = found(
        access_open_staff_invitation, procon=request.procon, invitation_id=invitation_id
    )
    do_revoke_staff_invitation(invitation, actor=request.user)
    messages.success(request, _("Invitation to %(email)s withdrawn.") % {"email": invitation.email})
    return redirect("configuration:staff")


@staff_required(ADMIN)
@require_POST
def remove_staff_role(request: HttpRequest, membership_id: int) -> HttpResponse:
    try:
        with not_found_is_404():
            do_remove_managed_staff_role(
                request.procon,
                membership_id,
                actor=request.user,
                keep_session_key=request.session.session_key,
            )
    except ValidationError as error:
        return _staff_page(request, StaffMemberForm(), removal_error=error, status=400)
    messages.success(request, _("Role removed."))
    if ADMIN not in staff_roles(user=request.user, procon=request.procon):
        return redirect("home")  # the administrator gave up their own role: no settings now
    return redirect("configuration:staff")
