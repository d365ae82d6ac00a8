"""Webhook pages for company administrators on the platform host."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from kernel.web.errors import apply_errors, found
from shared.webhooks.actions import (
    do_create_webhook_endpoint,
    do_delete_webhook_endpoint,
    do_replay_webhook_deliveries,
    do_send_webhook_ping,
    do_set_webhook_endpoint_active,
)
from shared.webhooks.errors import ReplayRefused
from shared.webhooks.forms import WebhookEndpointForm, WebhookReplayForm
from shared.webhooks.models import WebhookEndpoint
from shared.webhooks.permissions import company_admin_required
from shared.webhooks.selectors import (
    access_webhook_delivery,
    access_webhook_endpoint,
    administered_companies,
    webhook_delivery_list,
    webhook_endpoint_list,
)

DELIVERY_LOG_SIZE = 100


def _endpoint(request: HttpRequest, endpoint_id: int) -> WebhookEndpoint:
    return found(access_webhook_endpoint, viewer=request.user, endpoint_id=endpoint_id)


@company_admin_required
@require_http_methods(["GET", "POST"])
def endpoints(request: HttpRequest) -> HttpResponse:
    companies = administered_companies(user=request.user)
    form = WebhookEndpointForm(
        request.POST if request.method == "POST" else None, companies=companies
    )
    new_secret = None
    created = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created, new_secret = do_create_webhook_endpoint(
                company=data["company"],
                actor=request.user,
                url=data["url"],
                events=data["events"],
                description=data["description"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            form = WebhookEndpointForm(companies=companies)
    return render(
        request,
        "webhooks/endpoints.html",
        {
            "form": form,
            "endpoints": webhook_endpoint_list(viewer=request.user),
            "created": created,
            "new_secret": new_secret,
        },
        status=400 if request.method == "POST" and created is None else 200,
    )


@company_admin_required
@require_POST
def set_active(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    endpoint = _endpoint(request, endpoint_id)
    active = request.POST.get("active") == "1"
    do_set_webhook_endpoint_active(endpoint, actor=request.user, active=active)
    messages.success(request, _("Endpoint enabled.") if active else _("Endpoint disabled."))
    return redirect("webhooks:endpoints")


@company_admin_required
@require_POST
def delete(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    endpoint = _endpoint(request, endpoint_id)
    do_delete_webhook_endpoint(endpoint, actor=request.user)
    messages.success(request, _("Endpoint deleted."))
    return redirect("webhooks:endpoints")


@company_admin_required
@require_POST
def ping(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    endpoint = _endpoint(request, endpoint_id)
    do_send_webhook_ping(endpoint, actor=request.user)
    messages.success(request, _("Test ping queued: see the delivery log."))
    return redirect("webhooks:deliveries", endpoint_id=endpoint.pk)


def _deliveries_page(
    request: HttpRequest, endpoint: WebhookEndpoint, form: WebhookReplayForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "webhooks/deliveries.html",
        {
            "endpoint": endpoint,
            "deliveries": webhook_delivery_list(endpoint=endpoint)[:DELIVERY_LOG_SIZE],
            "replay_form": form,
        },
        status=status,
    )


@company_admin_required
@require_http_methods(["GET"])
def deliveries(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    return _deliveries_page(request, _endpoint(request, endpoint_id), WebhookReplayForm())


@company_admin_required
@require_POST
def replay(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    """Resend one delivery (its row's button) or everything since a time (the form below)."""
    endpoint = _endpoint(request, endpoint_id)
    form = WebhookReplayForm(request.POST)
    if not form.is_valid():
        return _deliveries_page(request, endpoint, form, status=400)
    delivery = None
    if form.cleaned_data.get("delivery_id"):
        delivery = found(
            access_webhook_delivery, endpoint=endpoint, delivery_id=form.cleaned_data["delivery_id"]
        )
    try:
        copies = do_replay_webhook_deliveries(
            endpoint, actor=request.user, delivery=delivery, since=form.cleaned_data.get("since")
        )
    except ReplayRefused as refused:
        form.add_error(None, str(refused))
        return _deliveries_page(request, endpoint, form, status=409)
    except ValidationError as exc:
        apply_errors(form, exc)
        return _deliveries_page(request, endpoint, form, status=400)
    messages.success(
        request,
        ngettext(
            "%(count)d delivery queued again.", "%(count)d deliveries queued again.", len(copies)
        )
        % {"count": len(copies)},
    )
    return redirect("webhooks:deliveries", endpoint_id=endpoint.pk)
