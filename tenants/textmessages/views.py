"""The consumer's text-message preferences page, and the provider's status callbacks (on the
Procon's host, whose schema holds the message; no login, the provider's signature instead)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from kernel.web.errors import apply_errors
from shared.procons.models import host_url
from tenants.textmessages.actions import (
    do_record_text_message_status,
    do_set_text_message_preferences,
)
from tenants.textmessages.forms import TextMessagePreferencesForm
from tenants.textmessages.lifecycle import Channel
from tenants.textmessages.providers import InvalidCallbackError, get_provider
from tenants.textmessages.texts import senders


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    initial = {
        "phone": user.text_phone or user.phone,
        "sms": user.sms_opt_in_at is not None,
        "whatsapp": user.whatsapp_opt_in_at is not None,
    }
    form = TextMessagePreferencesForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_set_text_message_preferences(
                user, phone=data["phone"], sms=data["sms"], whatsapp=data["whatsapp"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Your text message choices were saved."))
            return redirect(_next_url(request) or "textmessages:preferences")
    return render(
        request,
        "textmessages/preferences.html",
        {
            "form": form,
            "offered": get_provider() is not None,
            "whatsapp_here": bool(senders()[Channel.WHATSAPP]),
            "next": _next_url(request),
        },
        status=400 if form.errors else 200,
    )


@csrf_exempt
@require_POST
def status_callback(request: HttpRequest, message_id: int) -> HttpResponse:
    """The provider's report of one message's status. Refused (403) unless the provider signed
    this URL and these parameters; 404 when no message of this Procon has that id and the
    provider's id the report names."""
    provider = get_provider()
    if provider is None:
        return HttpResponse(status=404)
    # The URL the provider was given (and signed), whatever proxy the request came through.
    url = host_url(connection.tenant.host, request.get_full_path())
    try:
        report = provider.parse_status_callback(
            url=url, params=request.POST, headers=request.headers
        )
    except InvalidCallbackError:
        return HttpResponse(status=403)
    message = do_record_text_message_status(message_id=message_id, report=report)
    return HttpResponse(status=204 if message is not None else 404)
