"""The Procon administrator's catalogue pages: what consumers may choose when they complain."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kernel.web.errors import found
from shared.accounts.permissions import staff_required
from shared.accounts.roles import StaffRole
from tenants.catalogue.actions import do_set_problem_active, do_set_subject_active
from tenants.catalogue.forms import ActiveForm, ProblemForm, SubjectForm
from tenants.catalogue.selectors import (
    access_problem,
    access_subject,
    problem_list,
    purchase_channel_list,
    subject_list,
)
from tenants.configuration.forms import save_through_action

ADMIN = StaffRole.TENANT_ADMIN.value


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
        },
    )


def _add_page(
    request: HttpRequest, form_class: type[SubjectForm] | type[ProblemForm], kind: str
) -> HttpResponse:
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and save_through_action(form):
        messages.success(request, _("Added to the catalogue."))
        return redirect("configuration:catalogue")
    return render(
        request, "catalogue/add_entry.html", {"form": form, "section": "catalogue", "kind": kind}
    )


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def add_subject(request: HttpRequest) -> HttpResponse:
    return _add_page(request, SubjectForm, "subject")


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def add_problem(request: HttpRequest) -> HttpResponse:
    return _add_page(request, ProblemForm, "problem")


def _active_requested(request: HttpRequest) -> bool:
    form = ActiveForm(request.POST)
    if not form.is_valid():
        raise Http404
    return form.cleaned_data["active"]


@staff_required(ADMIN)
@require_POST
def set_subject_active(request: HttpRequest, subject_id: int) -> HttpResponse:
    subject = found(access_subject, subject_id=subject_id)
    subject = do_set_subject_active(subject, active=_active_requested(request))
    messages.success(request, _("Catalogue updated."))
    return redirect(f"{reverse('configuration:catalogue')}#subject-{subject.pk}")


@staff_required(ADMIN)
@require_POST
def set_problem_active(request: HttpRequest, problem_id: int) -> HttpResponse:
    problem = found(access_problem, problem_id=problem_id)
    problem = do_set_problem_active(problem, active=_active_requested(request))
    messages.success(request, _("Catalogue updated."))
    return redirect(f"{reverse('configuration:catalogue')}#problem-{problem.pk}")
