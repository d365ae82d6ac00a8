"""The moderators' forms: approve a text (as scrubbed or edited) or refuse it with a reason. The
actions check the same again and name the same fields; these only carry the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.narratives.models import REASON_MAX

TEXT_REQUIRED = _("Write the text to publish, or refuse it with a reason.")
REASON_REQUIRED = _("Say why, for the person who will read it.")


class ApproveForm(forms.Form):
    text = forms.CharField(
        label=_("Text to publish"),
        help_text=_(
            "Check that no one can be identified; edit the redaction here if needed. The "
            "marked placeholders stand for the data the scrub removed."
        ),
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": TEXT_REQUIRED},
    )

    def __init__(self, *args: object, limit: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].max_length = limit
        self.fields["text"].widget.attrs["maxlength"] = str(limit)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        limit = self.fields["text"].max_length
        if len(text) > limit:
            raise forms.ValidationError(_("Write at most %(max)d characters.") % {"max": limit})
        return text


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": REASON_REQUIRED},
    )

    def __init__(self, *args: object, reader: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = reader

    def clean_reason(self) -> str:
        return self.cleaned_data["reason"].replace("\r\n", "\n")
