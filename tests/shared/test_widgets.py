"""FastSelect writes the markup of Django's Select: plain and grouped choices, the chosen one,
attributes (required, aria-describedby, aria-invalid) and labels that need escaping."""

import pytest
from django import forms

from shared.widgets import FastSelect, use_fast_selects

NAMES = [("", "Qualquer"), *((str(n), f'Empresa <{n}> & "Filhos" d\'Oeste') for n in range(40))]
GROUPED = [
    ("", "Qualquer"),
    ("Água & Luz", [(1, "Conta"), (2, "Corte")]),
    ("Bancos", [(3, "Juros")]),
]


class FilterForm(forms.Form):
    company = forms.ChoiceField(choices=NAMES, help_text="Escolha a empresa.")
    subject = forms.TypedChoiceField(coerce=int, required=False, choices=GROUPED)
    kind = forms.ChoiceField(required=False, choices=[("a", "A")], widget=forms.RadioSelect)


@pytest.mark.parametrize(
    "data",
    [None, {"company": "7", "subject": "2"}, {"company": "nope", "subject": "9"}, {"subject": "3"}],
)
def test_the_markup_equals_djangos_select(data) -> None:
    django_form, fast_form = FilterForm(data), use_fast_selects(FilterForm(data))
    if data is not None:
        django_form.is_valid(), fast_form.is_valid()
        for form in (django_form, fast_form):
            form.fields["company"].widget.attrs["aria-invalid"] = "true"

    for name in ("company", "subject", "kind"):
        assert str(fast_form[name]) == str(django_form[name])
    assert isinstance(fast_form.fields["company"].widget, FastSelect)
    assert not isinstance(fast_form.fields["kind"].widget, FastSelect)


def test_labels_and_values_are_escaped() -> None:
    html = str(use_fast_selects(FilterForm({"company": "3"}))["company"])

    assert "<3>" not in html
    assert (
        '<option value="3" selected>Empresa &lt;3&gt; &amp; &quot;Filhos&quot; d&#x27;Oeste</option>'
        in html
    )
