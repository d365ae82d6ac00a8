"""The audit log's filters (page and API share their limits)."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shared.audit.selectors import AuditFilters

METHODS = ["POST", "PUT", "PATCH", "DELETE"]
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


def check_day(day: date | None) -> date | None:
    if day is not None and not EARLIEST <= day <= LATEST:
        raise ValidationError(_("Enter a date between 2000 and 2100."), code="out_of_range")
    return day


def audit_filters(data: Mapping[str, Any]) -> AuditFilters:
    """The filters a form or query gave (an empty one filters nothing); `procon` is a slug."""
    given = {name: value for name, value in data.items() if value not in (None, "")}
    return AuditFilters(procon_slug=given.pop("procon", ""), **given)


class AuditFilterForm(forms.Form):
    procon = forms.ChoiceField(label=_("Procon"), required=False)
    user_email = forms.CharField(label=_("User e-mail"), required=False, max_length=254)
    method = forms.ChoiceField(
        label=_("Method"), required=False, choices=[("", _("Any")), *[(m, m) for m in METHODS]]
    )
    route = forms.CharField(label=_("Route"), required=False, max_length=200)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data: object, *, procon_slugs: list[tuple[str, str]] | None) -> None:
        super().__init__(data)
        if procon_slugs is None:
            del self.fields["procon"]
        else:
            self.fields["procon"].choices = [("", _("Every Procon")), *procon_slugs]

    def clean_date_from(self) -> date | None:
        return check_day(self.cleaned_data.get("date_from"))

    def clean_date_to(self) -> date | None:
        return check_day(self.cleaned_data.get("date_to"))

    def filters(self) -> AuditFilters:
        """The valid filters; an unbound or invalid form filters nothing (its errors show)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return audit_filters(data)
