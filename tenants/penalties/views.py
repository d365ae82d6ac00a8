"""The Procon administrator's rules-table pages, under /configuracoes/ with the other settings."""

from collections.abc import Iterable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kernel.web.errors import found
from shared.accounts.permissions import staff_required
from shared.accounts.roles import StaffRole
from tenants.configuration.pages import FormPage
from tenants.penalties.actions import do_remove_ufir_value
from tenants.penalties.forms import CircumstanceRuleForm, ProvisionForm, UfirValueForm
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
PROVISION_PAGE = FormPage(
    ProvisionForm, "penalties/provision_form.html", "provisions", gettext_lazy("Provision saved.")
)
UFIR_PAGE = FormPage(
    UfirValueForm, "penalties/ufir.html", "ufir", gettext_lazy("UFIR value added.")
)
CIRCUMSTANCE_PAGE = FormPage(
    CircumstanceRuleForm,
    "penalties/circumstance_form.html",
    "circumstances",
    gettext_lazy("Circumstance saved."),
)


def _rule_list(request: HttpRequest, section: str, rules: Iterable[object]) -> HttpResponse:
    """A settings section's table of rules (penalties/_rule_table.html)."""
    return render(request, f"penalties/{section}.html", {"section": section, "rules": rules})


@staff_required(ADMIN)
@require_http_methods(["GET"])
def provision_list(request: HttpRequest) -> HttpResponse:
    return _rule_list(request, "provisions", provisions(active_only=False))


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def add_provision(request: HttpRequest) -> HttpResponse:
    return PROVISION_PAGE.respond(request, provision=None)


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def edit_provision(request: HttpRequest, provision_id: int) -> HttpResponse:
    provision = found(access_provision, provision_id=provision_id)
    return PROVISION_PAGE.respond(request, instance=provision, provision=provision)


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def ufir_values(request: HttpRequest) -> HttpResponse:
    return UFIR_PAGE.respond(request, ufir_values=ufir_value_list(), frozen_value=UFIR_FROZEN_VALUE)


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
    return _rule_list(request, "circumstances", circumstance_rule_list())


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def edit_circumstance(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = found(access_circumstance_rule, rule_id=rule_id)
    return CIRCUMSTANCE_PAGE.respond(request, instance=rule, rule=rule)
