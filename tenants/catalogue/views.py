"""The Procon administrator's catalogue pages: what consumers may choose when they complain."""

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kernel.web.errors import found
from shared.accounts.permissions import staff_required
from shared.accounts.roles import StaffRole
from tenants.catalogue.actions import do_set_problem_active, do_set_subject_active
from tenants.catalogue.forms import ActiveForm, ProblemForm, SubjectForm
from tenants.catalogue.hierarchy_views import duplicate_suggestions
from tenants.catalogue.models import Problem, Subject
from tenants.catalogue.selectors import (
    access_problem,
    access_subject,
    problem_list,
    purchase_channel_list,
    subject_list,
)
from tenants.configuration.pages import FormPage

ADMIN = StaffRole.TENANT_ADMIN.value
ADDED = gettext_lazy("Added to the catalogue.")

# do_set_subject_active or do_set_problem_active
SetActive = Callable[..., Subject | Problem]


@staff_required(ADMIN)
@require_http_methods(["GET"])
def catalogue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "catalogue/catalogue.html",
        {
            "section": "catalogue",
            "subjects": subject_list(active_only=False),
            "problems": problem_list(active_only=False),
            "purchase_channels": purchase_channel_list(active_only=False),
            "duplicates": duplicate_suggestions(),
        },
    )


def _add_page(
    request: HttpRequest, form_class: type[SubjectForm] | type[ProblemForm], kind: str
) -> HttpResponse:
    return FormPage(form_class, "catalogue/add_entry.html", "catalogue", ADDED).respond(
        request, kind=kind
    )


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def add_subject(request: HttpRequest) -> HttpResponse:
    return _add_page(request, SubjectForm, "subject")


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def add_problem(request: HttpRequest) -> HttpResponse:
    return _add_page(request, ProblemForm, "problem")


def _set_active(
    request: HttpRequest, entry: Subject | Problem, set_active: SetActive, kind: str
) -> HttpResponse:
    form = ActiveForm(request.POST)
    if not form.is_valid():
        raise Http404
    entry = set_active(entry, active=form.cleaned_data["active"])
    messages.success(request, _("Catalogue updated."))
    return redirect(f"{reverse('configuration:catalogue')}#{kind}-{entry.pk}")


@staff_required(ADMIN)
@require_POST
def set_subject_active(request: HttpRequest, subject_id: int) -> HttpResponse:
    subject = found(access_subject, subject_id=subject_id)
    return _set_active(request, subject, do_set_subject_active, "subject")


@staff_required(ADMIN)
@require_POST
def set_problem_active(request: HttpRequest, problem_id: int) -> HttpResponse:
    problem = found(access_problem, problem_id=problem_id)
    return _set_active(request, problem, do_set_problem_active, "problem")
