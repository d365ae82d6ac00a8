"""Pages of the catalogue's hierarchy: the problems of a subject (the filing form asks them on
demand; the administrator curates them) and merging a duplicate subject into another."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kernel.web.errors import apply_errors, found
from shared.accounts.permissions import staff_required
from shared.accounts.roles import StaffRole
from tenants.catalogue.actions import do_merge_subject, do_set_subject_problems
from tenants.catalogue.hierarchy import problems_for
from tenants.catalogue.hierarchy_forms import MergeSubjectForm, SubjectProblemsForm
from tenants.catalogue.merge import duplicate_subjects
from tenants.catalogue.selectors import access_subject, subject_list

ADMIN = StaffRole.TENANT_ADMIN.value


def problem_rows(subject_id: str) -> list[dict[str, object]] | None:
    """The problems offered under an offered subject ({id, name, group}), or None."""
    if not subject_id.isdigit() or len(subject_id) > 18:
        return None
    subject = subject_list().filter(pk=int(subject_id)).first()
    if subject is None:
        return None
    return [
        {"id": problem.pk, "name": problem.name, "group": problem.group.name}
        for problem in problems_for(subject)
    ]


@require_GET
def subject_problems_json(request: HttpRequest) -> JsonResponse:
    """The filing forms' problem list for `?subject=<id>` (static/js/subject-problems.js)."""
    rows = problem_rows(request.GET.get("subject", ""))
    if rows is None:
        return JsonResponse({"subject": [_("Choose a subject from the list.")]}, status=400)
    return JsonResponse({"results": rows})


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def subject_problems(request: HttpRequest, subject_id: int) -> HttpResponse:
    subject = found(access_subject, subject_id=subject_id)
    # An empty post (nothing ticked) is a choice too: bound whenever posted.
    form = SubjectProblemsForm(
        request.POST if request.method == "POST" else None,
        initial={"problems": list(subject.problems.all())},
    )
    if request.method == "POST" and form.is_valid():
        do_set_subject_problems(subject, problems=list(form.cleaned_data["problems"]))
        messages.success(request, _("Catalogue updated."))
        return redirect(f"{reverse('configuration:catalogue')}#subject-{subject.pk}")
    return render(
        request,
        "catalogue/subject_problems.html",
        {"section": "catalogue", "subject": subject, "form": form},
        status=400 if form.errors else 200,
    )


@staff_required(ADMIN)
@require_http_methods(["GET", "POST"])
def merge_subject(request: HttpRequest, subject_id: int) -> HttpResponse:
    subject = found(access_subject, subject_id=subject_id)
    form = MergeSubjectForm(request.POST if request.method == "POST" else None, subject=subject)
    if request.method == "POST" and form.is_valid():
        try:
            kept = do_merge_subject(subject, into=form.cleaned_data["into"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Merged into “%(subject)s”.") % {"subject": kept.name})
            return redirect(f"{reverse('configuration:catalogue')}#subject-{kept.pk}")
    return render(
        request,
        "catalogue/merge_subject.html",
        {"section": "catalogue", "subject": subject, "form": form},
        status=400 if form.errors else 200,
    )


def duplicate_suggestions() -> list[tuple[object, list]]:
    """Subjects whose names are equal within their area once normalised (catalogue page)."""
    return duplicate_subjects(list(subject_list(active_only=False)))
