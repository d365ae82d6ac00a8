"""Forms of the Procon administrator's settings pages; saving goes through the actions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shared.accounts.selectors import MANAGED_STAFF_ROLES
from tenants.configuration.actions import (
    COMMUNICATION,
    CONTACTS_AND_DEADLINES,
    HEARINGS,
    do_add_holiday,
    do_update_procon_settings,
)
from tenants.configuration.models import Holiday, ProconSettings


def save_through_action(form: forms.BaseForm) -> bool:
    """Validate and save; validation errors the action raises land on the form's fields."""
    if not form.is_valid():
        return False
    try:
        form.save()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


class _ProconSettingsForm(forms.ModelForm):
    def save(self, commit: bool = True) -> ProconSettings:
        return do_update_procon_settings(
            **{field: self.cleaned_data[field] for field in self._meta.fields}
        )


class ContactsAndDeadlinesForm(_ProconSettingsForm):
    class Meta:
        model = ProconSettings
        fields = CONTACTS_AND_DEADLINES
        widgets = {
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }
        help_texts = {
            "extend_calendar_deadlines_to_business_day": _(
                "The usual procedural rule: a deadline ending on a weekend or holiday moves to "
                "the next business day."
            ),
        }


class CommunicationForm(_ProconSettingsForm):
    class Meta:
        model = ProconSettings
        fields = (*COMMUNICATION, *HEARINGS)
        widgets = {
            "hearing_room_base_url": forms.URLInput(),
            "hearing_day_starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "hearing_day_ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "whatsapp_sender": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }


class HolidayForm(forms.ModelForm):
    class Meta:
        model = Holiday
        fields = ("date", "name")
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def save(self, commit: bool = True) -> Holiday:
        return do_add_holiday(day=self.cleaned_data["date"], name=self.cleaned_data["name"])


class StaffMemberForm(forms.Form):
    """Invite someone to a role at this Procon, by e-mail (the action checks both fields)."""

    email = forms.EmailField(
        label=_("E-mail of the person"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(role.value, role.label) for role in MANAGED_STAFF_ROLES],
    )
