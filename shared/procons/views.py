"""The platform's front page and "where do I file?" (platform host); the state supervisor's
suspensions and reactivations of municipal Procons (state Procon's host, 404 for anyone else)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from shared.accounts.permissions import supervisor_required
from shared.geo.forms import MunicipalityField
from shared.geo.models import Municipality
from shared.procons.actions import do_reactivate_procon, do_suspend_procon
from shared.procons.forms import ReasonForm
from shared.procons.lifecycle import ProconKind, ProconStatus
from shared.procons.models import Procon
from shared.procons.selectors import (
    municipal_procon_list,
    procon_list,
    procon_serving,
    status_change_list,
)


def platform_home(request: HttpRequest) -> HttpResponse:
    """The platform's front page: what it is, and the Procons that serve on it."""
    return render(request, "procons/platform_home.html", {"procons": procon_list()})


class WhereToFileForm(forms.Form):
    city = MunicipalityField(
        label=_("Your city"),
        help_text=_("Type the name of the city where you live or where you bought."),
    )


def _answer(municipality: Municipality, serving: Procon) -> dict[str, object]:
    """What the page tells about a city whose complaints another Procon (the state Procon)
    receives, and why."""
    own = Procon.objects.filter(municipality=municipality, kind=ProconKind.MUNICIPAL).first()
    return {
        "city": municipality,
        "serving": serving,
        # The city's Procon, on the platform but taking no new complaints now (pending, suspended).
        "own_not_receiving": own,
        "file_url": serving.url.rstrip("/")
        + reverse("complaints:file", urlconf="config.urls_tenants"),
    }


@require_GET
def where_to_file(request: HttpRequest) -> HttpResponse:
    """'Where do I file?': a city leads to the Procon that takes its new complaints: its own
    Procon's site, or a page that says why the state Procon takes them. A GET form, so it works
    without JavaScript (the city picker only suggests names)."""
    form = WhereToFileForm(request.GET if "city" in request.GET else None)
    answer = None
    if form.is_valid():
        municipality = form.cleaned_data["city"]
        serving = procon_serving(municipality)
        if serving.municipality_id == municipality.pk:
            return redirect(serving.url)
        answer = _answer(municipality, serving)
    return render(request, "procons/where_to_file.html", {"form": form, "answer": answer})


@supervisor_required
@require_GET
def procon_status_list(request: HttpRequest) -> HttpResponse:
    return render(request, "procons/procon_list.html", {"procons": municipal_procon_list()})


@supervisor_required
@require_http_methods(["GET", "POST"])
def procon_status(request: HttpRequest, slug: str) -> HttpResponse:
    """Suspend an active municipal Procon or reactivate a suspended one, with a reason."""
    procon = get_object_or_404(municipal_procon_list(), slug=slug)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        act = do_suspend_procon if procon.status == ProconStatus.ACTIVE else do_reactivate_procon
        try:
            act(procon, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, gettext("Status changed."))
            return redirect("procons:procon-detail", slug=procon.slug)
    return render(
        request,
        "procons/procon_detail.html",
        {"target": procon, "form": form, "changes": status_change_list(procon)},
        status=400 if request.method == "POST" else 200,
    )
