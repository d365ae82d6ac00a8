from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from shared.geo.forms import MunicipalityField
from shared.geo.models import Municipality
from shared.procons.lifecycle import ProconKind
from shared.procons.models import Procon
from shared.procons.selectors import procon_list, procon_serving


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
