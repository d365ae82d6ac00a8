"""A <select> rendered in Python: the same HTML as Django's Select, without a template per option.

Django renders each option through two included templates (select_option.html, attrs.html),
about 0.1 ms an option: a filter with a few hundred companies or subjects cost tens of
milliseconds per page. `FastSelect` writes the very same markup directly."""

from collections.abc import Iterable
from html import escape as _escape
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe


def escape(value: Any) -> str:
    """django.utils.html.escape without its lazy-string wrapper (the same characters escaped)."""
    return _escape(str(value))


def _attrs(attrs: dict[str, Any]) -> str:
    # As django/forms/widgets/attrs.html: False is left out, True is a bare attribute.
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"')
    return "".join(parts)


class FastSelect(forms.Select):
    """A single-choice select whose markup equals Django's Select (test_widgets.py checks)."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        wanted = set(self.format_value(value))
        chosen = False
        out = [f'<select name="{escape(name)}"{_attrs(self.build_attrs(self.attrs, attrs))}>']

        def option(option_value: Any, label: Any) -> str:
            nonlocal chosen
            # select_option.html ends with a newline, hence the blank lines of Django's markup.
            if not chosen and str(option_value) in wanted:
                chosen = True
                return f'\n  <option value="{escape(option_value)}" selected>{escape(label)}</option>\n'
            return f'\n  <option value="{escape(option_value)}">{escape(label)}</option>\n'

        for group_value, group_label in self.choices:
            if group_value is None:
                group_value = ""
            if isinstance(group_label, list | tuple):
                out.append(f'\n  <optgroup label="{escape(group_value)}">')
                out.extend(option(v, label) for v, label in group_label)
                out.append("\n  </optgroup>")
            else:
                out.append(option(group_value, group_label))
        out.append("\n</select>")
        return mark_safe("".join(out))  # noqa: S308 (every name, value and label escaped above)


def use_fast_selects(form: forms.Form, names: Iterable[str] | None = None) -> forms.Form:
    """Renders the form's plain selects (all, or those named) with `FastSelect`; same markup."""
    for name, field in form.fields.items():
        if names is not None and name not in names:
            continue
        widget = field.widget
        if type(widget) is forms.Select:
            fast = FastSelect(attrs=widget.attrs, choices=widget.choices)
            fast.is_required = widget.is_required
            field.widget = fast
    return form
