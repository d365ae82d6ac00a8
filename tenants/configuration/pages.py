"""The settings pages' one form flow: bind the POST, save through the action, say so and go back."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise

from tenants.configuration.forms import save_through_action


@dataclass(frozen=True)
class FormPage:
    """A settings page with a form. `section` is its entry in the settings menu, and the page
    a saved form goes back to (configuration:<section>) saying `saved`."""

    form_class: type[BaseForm]
    template: str
    section: str
    saved: Promise

    def respond(
        self, request: HttpRequest, *, instance: Any = None, **context: Any
    ) -> HttpResponse:
        """On a valid POST the form saves (the action's refusals land on its fields) and the
        page goes back; otherwise the page, with the form's errors."""
        data = request.POST if request.method == "POST" else None
        form = self.form_class(data, **({} if instance is None else {"instance": instance}))
        if data is not None and save_through_action(form):
            messages.success(request, self.saved)
            return redirect(f"configuration:{self.section}")
        return render(request, self.template, {"form": form, "section": self.section, **context})
