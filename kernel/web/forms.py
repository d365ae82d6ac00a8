"""The form base every page's form uses and the field that takes several documents at once."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kernel.web.uploads import MAX_FILES

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
