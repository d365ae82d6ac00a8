"""The city picker: one form field for a municipality of the platform's state. The page sends
the IBGE code of the suggestion picked (static/js/picker.js fills a hidden input beside the
name); without the script, the typed name is resolved here. Nothing lists every municipality."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from shared.geo.models import Municipality
from shared.geo.selectors import get_municipality, resolve_municipality

CODE_SUFFIX = "_ibge"


def picker_messages(*, empty: object) -> dict[str, object]:
    """What a picker announces to screen readers (data attributes read by picker.js; "{count}"
    is replaced there by the number of suggestions)."""
    return {
        "data-picker-empty": empty,
        "data-picker-one": _("One suggestion: use the arrow keys to choose it."),
        "data-picker-many": _("{count} suggestions: use the arrow keys to choose one."),
    }


class MunicipalityPicker(forms.TextInput):
    """A text input for the city's name followed by a hidden input for its IBGE code; the script
    turns the text input into a combobox whose suggestions come from the geo suggestions URL."""

    def __init__(self, attrs: dict[str, object] | None = None) -> None:
        base = {
            "autocomplete": "off",
            "autocapitalize": "words",
            "spellcheck": "false",
            "data-picker": "municipality",
            "data-picker-min": "2",
        }
        super().__init__({**base, **(attrs or {})})

    def value_from_datadict(self, data: object, files: object, name: str) -> tuple[str, str]:
        get = data.get  # type: ignore[attr-defined]
        return (str(get(name) or ""), str(get(name + CODE_SUFFIX) or ""))

    def value_omitted_from_data(self, data: object, files: object, name: str) -> bool:
        return name not in data  # type: ignore[operator]

    @staticmethod
    def _parts(value: object) -> tuple[str, str]:
        if isinstance(value, tuple | list):
            return str(value[0] or ""), str(value[1] or "")
        if isinstance(value, Municipality):
            return value.name, str(value.pk)
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            found = get_municipality(ibge_code=int(value))
            return (found.name, str(found.pk)) if found else ("", "")
        return (str(value or ""), "")

    def render(
        self,
        name: str,
        value: object,
        attrs: dict[str, object] | None = None,
        renderer: object = None,
    ) -> SafeString:
        text, code = self._parts(value)
        attrs = dict(attrs or {})
        code_id = f"{attrs.get('id') or 'id_' + name}{CODE_SUFFIX}"
        attrs.update(
            {
                "data-picker-url": reverse("geo:municipality-suggestions"),
                "data-picker-code": code_id,
                **picker_messages(empty=_("No city of this state has this name.")),
            }
        )
        visible = super().render(name, text, attrs, renderer)
        hidden = format_html(
            '<input type="hidden" name="{}" id="{}" value="{}">', name + CODE_SUFFIX, code_id, code
        )
        return visible + hidden


class MunicipalityField(forms.Field):
    """A municipality of the platform's state, by the IBGE code the picker sends or by the name
    (or the 7-digit code) typed; an ambiguous or unknown name is a field error that says so."""

    widget = MunicipalityPicker
    default_error_messages = {
        "required": _("Type the city's name and choose it from the list."),
        "not_found": _("City not found."),
        "other_state": _("Choose a city of this state."),
        "ambiguous": _(
            "More than one city matches “%(text)s”: %(names)s. Choose one from the list."
        ),
    }

    def __init__(self, *, uf_code: int | None = None, **kwargs: object) -> None:
        self.uf_code = uf_code
        super().__init__(**kwargs)

    def to_python(self, value: object) -> Municipality | None:
        if isinstance(value, Municipality):
            return value
        text, code = MunicipalityPicker._parts(value)
        if not text.strip():
            return None
        uf_code = settings.PLATFORM_UF_CODE if self.uf_code is None else self.uf_code
        found = resolve_municipality(text=text, code=code, uf_code=uf_code)
        if found.municipality is not None:
            return found.municipality
        if found.candidates:
            raise ValidationError(
                self.error_messages["ambiguous"],
                code="ambiguous",
                params={
                    "text": " ".join(text.split()),
                    "names": ", ".join(m.name for m in found.candidates),
                },
            )
        if found.elsewhere:
            raise ValidationError(self.error_messages["other_state"], code="other_state")
        raise ValidationError(self.error_messages["not_found"], code="not_found")
