from django import forms
from django.utils.translation import gettext_lazy as _


class TextMessagePreferencesForm(forms.Form):
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=30,
        required=False,
        help_text=_("With the area code, such as (11) 99999-0000."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    sms = forms.BooleanField(label=_("Receive updates of my complaints by SMS"), required=False)
    whatsapp = forms.BooleanField(
        label=_("Receive updates of my complaints by WhatsApp"), required=False
    )
