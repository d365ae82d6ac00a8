from django import forms
from django.utils.translation import gettext_lazy as _

from shared.companies.models import Company
from shared.webhooks.errors import MESSAGES, WebhookErrorCode
from shared.webhooks.lifecycle import SUBSCRIBABLE_EVENTS


class WebhookEndpointForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Company"), queryset=Company.objects.none(), empty_label=None
    )
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Where the platform will POST each event. It must use HTTPS."),
    )
    description = forms.CharField(label=_("Description"), max_length=120, required=False)
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=[(e.value, e.label) for e in SUBSCRIBABLE_EVENTS],
        widget=forms.CheckboxSelectMultiple,
        initial=[e.value for e in SUBSCRIBABLE_EVENTS],
    )

    def __init__(self, *args: object, companies: list[Company], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Company.objects.filter(pk__in=[c.pk for c in companies])
        if len(companies) == 1:
            self.fields["company"].initial = companies[0].pk
            self.fields["company"].widget = forms.HiddenInput()


class WebhookReplayForm(forms.Form):
    """Either one delivery (the button on its row) or a time to resend everything from."""

    delivery_id = forms.IntegerField(
        min_value=1, max_value=2**63 - 1, required=False, widget=forms.HiddenInput
    )
    since = forms.DateTimeField(
        label=_("Resend every event since"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if (data.get("delivery_id") is None) == (data.get("since") is None):
            raise forms.ValidationError(MESSAGES[WebhookErrorCode.REPLAY_WHAT])
        return data
