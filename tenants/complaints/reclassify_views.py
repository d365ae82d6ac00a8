"""The staff case page's reclassification: its form (a section of the case page) posts here;
a refused form is shown again on a page of its own, with its errors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kernel.errors import IllegalStep
from kernel.web.errors import apply_errors, found
from shared.widgets import use_fast_selects
from tenants.complaints.actions.reclassify import do_reclassify_complaint
from tenants.complaints.lifecycle import LIFECYCLE, Step
from tenants.complaints.reclassify_forms import ReclassifyForm
from tenants.complaints.selectors import access_complaint

RENAMES = {
    "company_cnpj": "company_document",
    "supplier_cpf": "company_document",
    "company": "company_document",
}


@login_required
@require_http_methods(["GET", "POST"])
def reclassify(request: HttpRequest, number: str) -> HttpResponse:
    complaint, roles = found(access_complaint, viewer=request.user, number=number)
    as_role = LIFECYCLE.role_for(Step.RECLASSIFY, roles)
    if as_role is None:
        raise Http404
    form = use_fast_selects(
        ReclassifyForm(request.POST if request.method == "POST" else None, complaint=complaint)
    )
    if request.method == "POST" and form.is_valid():
        try:
            complaint = do_reclassify_complaint(
                complaint, actor=request.user, as_role=as_role, **form.action_input()
            )
        except IllegalStep as error:
            return render(
                request,
                "complaints/conflict.html",
                {"complaint": complaint, "message": error.message},
                status=409,
            )
        except ValidationError as error:
            apply_errors(form, error, renames=RENAMES)
        else:
            messages.success(request, _("Done: %(step)s.") % {"step": Step.RECLASSIFY.label})
            return redirect("complaints:detail", number=complaint.number)
    return render(
        request,
        "complaints/reclassify.html",
        {"complaint": complaint, "form": form},
        status=400 if form.errors else 200,
    )
