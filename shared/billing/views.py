"""Pages: the Procon administrator's subscription page and the supervisor's free-plan grant."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shared.accounts.permissions import staff_required, supervisor_required
from shared.accounts.roles import StaffRole
from shared.billing.actions import do_grant_free_plan, do_open_billing_portal, do_start_checkout
from shared.billing.errors import BillingError
from shared.billing.lifecycle import SubscriptionStatus, can_start_checkout
from shared.billing.plans import get_plan, paid_plans
from shared.billing.selectors import access_procon_for_supervision, subscription_of

ADMIN = StaffRole.TENANT_ADMIN.value


@staff_required(ADMIN)
@require_GET
def subscription(request: HttpRequest) -> HttpResponse:
    procon = request.procon  # type: ignore[attr-defined]
    current = subscription_of(procon)
    return render(
        request,
        "billing/subscription.html",
        {
            "subscription": current,
            "plan": get_plan(current.plan),
            "plans": paid_plans(),
            "can_pay": not procon.is_state
            and current.status != SubscriptionStatus.FREE
            and can_start_checkout(current.status),
            "can_manage": current.is_billed and bool(current.stripe_customer_id),
            "outcome": request.GET.get("pagamento"),
            "section": "subscription",
        },
    )


@staff_required(ADMIN)
@require_POST
def checkout(request: HttpRequest) -> HttpResponse:
    try:
        url = do_start_checkout(
            request.procon,  # type: ignore[attr-defined]
            actor=request.user,  # type: ignore[arg-type]
            plan=request.POST.get("plan") or None,
        )
    except BillingError as error:
        messages.error(request, error.message)
        return redirect("billing:subscription")
    return HttpResponseRedirect(url)


@staff_required(ADMIN)
@require_POST
def portal(request: HttpRequest) -> HttpResponse:
    try:
        url = do_open_billing_portal(request.procon, actor=request.user)  # type: ignore[attr-defined,arg-type]
    except BillingError as error:
        messages.error(request, error.message)
        return redirect("billing:subscription")
    return HttpResponseRedirect(url)


@supervisor_required
@require_http_methods(["GET", "POST"])
def grant_free_plan(request: HttpRequest, slug: str) -> HttpResponse:
    procon = access_procon_for_supervision(slug=slug)
    if procon is None or procon.is_state:
        raise Http404
    if request.method == "POST":
        do_grant_free_plan(procon, actor=request.user)  # type: ignore[arg-type]
        messages.success(request, _("%(procon)s now has the free plan.") % {"procon": procon.name})
        return redirect("billing:grant-free", slug=procon.slug)
    current = subscription_of(procon)
    return render(
        request,
        "billing/grant_free.html",
        {"target": procon, "subscription": current, "plan": get_plan(current.plan)},
    )
