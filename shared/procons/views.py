from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from shared.geo.models import Municipality
from shared.procons.selectors import find_municipality, procon_list, procon_serving


def platform_home(request: HttpRequest) -> HttpResponse:
    """The platform's front page: what it is, and the Procons that serve on it."""
    return render(request, "procons/platform_home.html", {"procons": procon_list()})


class WhereToFileForm(forms.Form):
    city = forms.CharField(
        label=_("Your city"),
        max_length=80,
        help_text=_("Type the name of the city where you live or where you bought."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "city-options"}),
    )

    def clean_city(self) -> Municipality:
        municipality = find_municipality(self.cleaned_data["city"])
        if municipality is None:
            raise forms.ValidationError(_("Municipality not found."), code="municipality_not_found")
        return municipality


@require_GET
def where_to_file(request: HttpRequest) -> HttpResponse:
    """'Where do I file?': a city leads to the Procon that takes its new complaints. A GET form,
    so it works without JavaScript; the script only suggests names."""
    form = WhereToFileForm(request.GET if "city" in request.GET else None)
    if form.is_valid():
        return redirect(procon_serving(form.cleaned_data["city"]).url)
    return render(request, "procons/where_to_file.html", {"form": form})
