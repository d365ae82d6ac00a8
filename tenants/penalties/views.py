"""The Procon administrator's rules-table pages, under /configuracoes/ with the other settings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kernel.web.errors import found
from shared.accounts.permissions import staff_required
from shared.accounts.roles import StaffRole
from tenants.configuration.forms import save_through_action
from tenants.penalties.actions import do_remove_ufir_value
from tenants.penalties.forms import CircumstanceRuleForm, ProvisionForm, UfirValueForm
from tenants.penalties.models import LegalProvision
from tenants.penalties.seed import UFIR_FROZEN_VALUE
from tenants.penalties.selectors import (
    access_circumstance_rule,
    access_provision,
    access_ufir_value,
    circumstance_rule_list,
    provisions,
    ufir_value_list,
)

ADMIN = StaffRole.TENANT_ADMIN.value


@staff_required(ADMIN)
@require_http_methods(["GET"])
def provision_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "penalties/provisions.html",
        {"section": "provisions", "provisions": provisions(active_only=False)},
    )


def _provision_page(request: HttpRequest, provision: LegalProvision | None) -> HttpResponse:
    form = ProvisionForm(request.POST if request.method == "POST" else None, instance=provision)
    if request.method == "POST" and save_through_action(form):
        messages.success(request, _("Provision saved."))
        return redirect("configuration:provisions")
    return render(
        request,
        "penalties/provision_form.html",
        {"section": "provisions", "form": form, "provision": provision},
    )


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def add_provision(request: HttpRequest) -> HttpResponse:
    return _provision_page(request, None)


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def edit_provision(request: HttpRequest, provision_id: int) -> HttpResponse:
    provision = found(access_provision, provision_id=provision_id)
    return _provision_page(request, provision)


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def ufir_values(request: HttpRequest) -> HttpResponse:
    form = UfirValueForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and save_through_action(form):
        messages.success(request, _("UFIR value added."))
        return redirect("configuration:ufir")
    return render(
        request,
        "penalties/ufir.html",
        {
            "section": "ufir",
            "form": form,
            "ufir_values": ufir_value_list(),
            "frozen_value": UFIR_FROZEN_VALUE,
        },
    )


@staff_required(ADMIN)
@require_POST
def remove_ufir_value(request: HttpRequest, ufir_value_id: int) -> HttpResponse:
    row = found(access_ufir_value, ufir_value_id=ufir_value_id)
    try:
        do_remove_ufir_value(row)
    except ValidationError:
        messages.error(request, _("The last UFIR value cannot be removed."))
    else:
        messages.success(request, _("UFIR value removed."))
    return redirect("configuration:ufir")


@staff_required(ADMIN)
@require_http_methods(["GET"])
def circumstance_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "penalties/circumstances.html",
        {"section": "circumstances", "circumstances": circumstance_rule_list()},
    )


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def edit_circumstance(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = found(access_circumstance_rule, rule_id=rule_id)
    form = CircumstanceRuleForm(request.POST if request.method == "POST" else None, instance=rule)
    if request.method == "POST" and save_through_action(form):
        messages.success(request, _("Circumstance saved."))
        return redirect("configuration:circumstances")
    return render(
        request,
        "penalties/circumstance_form.html",
        {"section": "circumstances", "form": form, "rule": rule},
    )
