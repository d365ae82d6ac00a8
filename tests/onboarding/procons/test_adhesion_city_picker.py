"""The adhesion form's city field is the city picker (suggestions as the person types, accents
ignored), and a typed name without the script still resolves on the server."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_adhesion_form_offers_the_city_picker(public_client) -> None:
    page = public_client.get("/adesao/").content.decode()
    field = re.search(r'<input type="text" name="city"[^>]*>', page).group(0)
    assert 'data-picker-url="/cidades/sugestoes/"' in field
    assert 'name="city_ibge"' in page
    assert "/static/js/picker.js" in page
    assert "<datalist" not in page


def test_an_ambiguous_typed_city_lists_the_candidates_on_the_field(public_client) -> None:
    response = public_client.post("/adesao/", {"city": "sao jose"})
    html = response.content.decode()
    assert "São José dos Campos" in html
    assert 'id="id_city_error"' in html
