"""The form base every page's form uses, the field of a text of several lines, the field that takes
several documents at once and the form of a case's number and access code."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kernel.web.uploads import MAX_FILES
from kernel.workflow.codes import normalize_code

ACCEPT = ".pdf,.jpg,.jpeg,.png"


class AccessibleForm(forms.Form):
    """Marks invalid fields with aria-invalid and points them at their error message."""

    def add_error(self, field: str | None, error: ValidationError | str | list | dict) -> None:
        super().add_error(field, error)
        names = (
            error.error_dict.keys()
            if isinstance(error, ValidationError) and hasattr(error, "error_dict")
            else [field]
        )
        for name in names:
            if name and name in self.fields:
                bound = self[name]
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{bound.auto_id}_error"


class TextField(forms.CharField):
    """A text of several lines, typed in a textarea of `rows` rows."""

    def __init__(self, *, rows: int, **kwargs: object) -> None:
        super().__init__(widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; their content is checked by the action, their number here."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True, "accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: object, initial: object = None) -> list:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise ValidationError(
                _("At most %(max)d files per complaint."),
                code="too_many",
                params={"max": MAX_FILES},
            )
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class NumberAndCodeForm(AccessibleForm):
    """A case's number and the access code the document sent to its company carried, as typed
    (the number upper-cased, the code normalised). Subclasses name the number (`number_label`)
    and say where the code is (`code_help`)."""

    number_label: object
    code_help: object

    number = forms.CharField(max_length=40)
    code = forms.CharField(
        label=_("Access code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].label = self.number_label
        self.fields["code"].help_text = self.code_help

    def clean_number(self) -> str:
        return self.cleaned_data["number"].strip().upper()

    def clean_code(self) -> str:
        return normalize_code(self.cleaned_data["code"])
