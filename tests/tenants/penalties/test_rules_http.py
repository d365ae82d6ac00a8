"""The rules-table pages under /configuracoes/ and their API: administrators change them,
other staff read them through the API, nobody else sees them."""

import pytest
from django_tenants.utils import tenant_context

from tenants.penalties.models import CircumstanceRule, LegalProvision, UfirValue

pytestmark = pytest.mark.django_db


def _provision(procon, code: str = "CDC art. 31") -> LegalProvision:
    with tenant_context(procon):
        return LegalProvision.objects.get(code=code)


def test_the_settings_menu_links_the_rules_tables(santos_admin_client):
    page = santos_admin_client.get("/configuracoes/").content.decode()
    for url in (
        "/configuracoes/dispositivos-legais/",
        "/configuracoes/ufir/",
        "/configuracoes/circunstancias/",
    ):
        assert f'href="{url}"' in page


def test_the_provisions_page_lists_and_edits_a_provision(santos_admin_client, procon):
    provision = _provision(procon)
    page = santos_admin_client.get("/configuracoes/dispositivos-legais/").content.decode()
    assert f'data-testid="provision-{provision.pk}" data-active="true"' in page

    response = santos_admin_client.post(
        f"/configuracoes/dispositivos-legais/{provision.pk}/",
        {
            "code": provision.code,
            "title": "Informação clara",
            "text": provision.text,
            "law": "cdc",
            "default_group": "II",
            "sets_sanction": "",
        },
    )

    assert response.status_code == 302
    changed = _provision(procon)
    assert (changed.title, changed.default_group, changed.active) == (
        "Informação clara",
        "II",
        False,
    )


def test_adding_a_provision_with_a_taken_code_shows_the_error_on_the_field(santos_admin_client):
    response = santos_admin_client.post(
        "/configuracoes/dispositivos-legais/novo/",
        {"code": "CDC art. 31", "title": "x", "text": "y", "law": "cdc", "active": "on"},
    )
    assert response.status_code == 200
    assert "code" in response.context["form"].errors, response.context["form"].errors.as_json()
    assert response.context["form"].errors["code"]


def test_the_ufir_page_says_the_updated_value_must_be_entered_and_adds_one(
    santos_admin_client, procon
):
    page = santos_admin_client.get("/configuracoes/ufir/").content.decode()
    assert 'data-testid="ufir-update-needed"' in page

    response = santos_admin_client.post(
        "/configuracoes/ufir/", {"valid_from": "2025-01-01", "value": "4.5102"}
    )

    assert response.status_code == 302
    with tenant_context(procon):
        assert UfirValue.objects.filter(valid_from="2025-01-01").count() == 1


def test_the_circumstances_page_marks_unverified_fractions(santos_admin_client):
    page = santos_admin_client.get("/configuracoes/circunstancias/").content.decode()
    assert 'data-testid="circumstances-unverified"' in page
    assert 'data-testid="circumstance-verified_company_seal" data-verified="true"' in page
    assert 'data-testid="circumstance-first_offence" data-verified="false"' in page


def test_an_attendant_gets_404_on_the_rules_pages(santos_attendant_client):
    for url in (
        "/configuracoes/dispositivos-legais/",
        "/configuracoes/ufir/",
        "/configuracoes/circunstancias/",
    ):
        assert santos_attendant_client.get(url).status_code == 404


def test_santos_admin_gets_404_on_campinas_rules(santos_admin_on_campinas_client, other_procon):
    provision = _provision(other_procon)
    assert santos_admin_on_campinas_client.get("/configuracoes/ufir/").status_code == 404
    response = santos_admin_on_campinas_client.get(
        f"/configuracoes/dispositivos-legais/{provision.pk}/"
    )
    assert response.status_code == 404
    assert santos_admin_on_campinas_client.get("/api/v1/settings/provisions/").status_code == 404


def test_staff_read_the_provisions_through_the_api(santos_attendant_client):
    response = santos_attendant_client.get("/api/v1/settings/provisions/")
    assert response.status_code == 200
    row = next(r for r in response.json() if r["code"] == "CDC art. 57")
    assert row["sets_sanction"] is True
    assert set(row) == {
        "id",
        "code",
        "title",
        "text",
        "law",
        "default_group",
        "sets_sanction",
        "active",
    }


def test_only_the_admin_changes_the_rules_through_the_api(
    santos_attendant_client, santos_admin_client, procon
):
    body = {
        "code": "CDC art. 66",
        "title": "Afirmação falsa",
        "text": "Fazer afirmação falsa...",
        "law": "cdc",
        "default_group": "III",
    }
    assert (
        santos_attendant_client.post(
            "/api/v1/settings/provisions/", body, content_type="application/json"
        ).status_code
        == 404
    )

    created = santos_admin_client.post(
        "/api/v1/settings/provisions/", body, content_type="application/json"
    )
    clash = santos_admin_client.post(
        "/api/v1/settings/provisions/", body, content_type="application/json"
    )

    assert created.status_code == 201
    assert created.json()["default_group"] == "III"
    assert clash.status_code == 400
    assert "code" in clash.json()


def test_bad_input_to_the_rules_api_is_a_400_naming_the_field(santos_admin_client, procon):
    with tenant_context(procon):
        seal = CircumstanceRule.objects.get(code="verified_company_seal")
    cases = [
        (
            "/api/v1/settings/ufir-values/",
            "post",
            {"valid_from": "2025-13-01", "value": "4"},
            "valid_from",
        ),
        (
            "/api/v1/settings/ufir-values/",
            "post",
            {"valid_from": "2025-01-01", "value": "-1"},
            "value",
        ),
        (
            "/api/v1/settings/provisions/",
            "post",
            {"code": "X", "title": "x", "text": "y", "law": "penal"},
            "law",
        ),
        (
            f"/api/v1/settings/circumstances/{seal.pk}/",
            "patch",
            {"numerator": 1, "denominator": 12},
            "numerator",
        ),
        (f"/api/v1/settings/circumstances/{seal.pk}/", "patch", {"denominator": 0}, "denominator"),
    ]
    for url, method, body, field in cases:
        response = getattr(santos_admin_client, method)(url, body, content_type="application/json")
        assert response.status_code == 400, (url, body)
        assert field in response.json(), (url, body)


def test_the_api_lists_ufir_values_and_refuses_to_remove_the_last(santos_admin_client, procon):
    rows = santos_admin_client.get("/api/v1/settings/ufir-values/").json()
    assert [(r["valid_from"], r["value"]) for r in rows] == [("2000-01-01", "1.0641")]

    response = santos_admin_client.delete(f"/api/v1/settings/ufir-values/{rows[0]['id']}/")

    assert response.status_code == 400
    assert "valid_from" in response.json()


def test_the_api_changes_a_circumstance_fraction(santos_admin_client, procon):
    with tenant_context(procon):
        rule = CircumstanceRule.objects.get(code="intent")
    response = santos_admin_client.patch(
        f"/api/v1/settings/circumstances/{rule.pk}/",
        {"numerator": 1, "denominator": 3, "verified": True},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["fraction"] == "0.3333333333"
    assert response.json()["verified"] is True
