"""A Procon's front page, and its administrator's settings pages (only `tenant_admin` here)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework.exceptions import NotFound

from shared.accounts.permissions import request_roles, staff_required
from shared.accounts.roles import StaffRole
from tenants.configuration.actions import do_remove_holiday
from tenants.configuration.forms import (
    CommunicationForm,
    ContactsAndDeadlinesForm,
    HolidayForm,
    save_through_action,
)
from tenants.configuration.selectors import (
    access_holiday,
    get_procon_settings,
    holiday_list,
    official_holiday_list,
)

ADMIN = StaffRole.TENANT_ADMIN.value


def procon_home(request: HttpRequest) -> HttpResponse:
    """A Procon's front page: whose site this is and how to reach it."""
    can_configure = request.user.is_authenticated and ADMIN in request_roles(request)
    return render(
        request,
        "configuration/procon_home.html",
        {"procon_settings": get_procon_settings(), "can_configure": can_configure},
    )


def _settings_page(
    request: HttpRequest,
    form_class: type[ContactsAndDeadlinesForm] | type[CommunicationForm],
    template: str,
    section: str,
) -> HttpResponse:
    form = form_class(
        request.POST if request.method == "POST" else None, instance=get_procon_settings()
    )
    if request.method == "POST" and save_through_action(form):
        messages.success(request, _("Settings saved."))
        return redirect(f"configuration:{section}")
    return render(request, template, {"form": form, "section": section})


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def contacts_and_deadlines(request: HttpRequest) -> HttpResponse:
    return _settings_page(
        request, ContactsAndDeadlinesForm, "configuration/contacts_and_deadlines.html", "settings"
    )


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def communication(request: HttpRequest) -> HttpResponse:
    return _settings_page(
        request, CommunicationForm, "configuration/communication.html", "communication"
    )


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def holidays(request: HttpRequest) -> HttpResponse:
    form = HolidayForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and save_through_action(form):
        messages.success(request, _("Holiday added."))
        return redirect("configuration:holidays")
    year = timezone.localdate().year
    return render(
        request,
        "configuration/holidays.html",
        {
            "form": form,
            "section": "holidays",
            "holidays": holiday_list(),
            "official_holidays": official_holiday_list(year),
            "year": year,
        },
    )


@staff_required(ADMIN)
@require_POST
def remove_holiday(request: HttpRequest, holiday_id: int) -> HttpResponse:
    try:
        holiday = access_holiday(holiday_id=holiday_id)
    except NotFound:
        raise Http404 from None
    do_remove_holiday(holiday)
    messages.success(request, _("Holiday removed."))
    return redirect("configuration:holidays")
