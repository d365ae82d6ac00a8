"""Each host's OpenAPI schema generates, validates and carries no warning (a warning means a
wrong schema for API clients: clashing component or enum names)."""

from pathlib import Path

import pytest
from django.core.management import call_command


@pytest.mark.parametrize("urlconf", ["config.urls_public", "config.urls_tenants"])
def test_the_openapi_schema_is_valid_and_has_no_warnings(urlconf: str, tmp_path: Path) -> None:
    target = tmp_path / "schema.yaml"
    call_command("spectacular", urlconf=urlconf, validate=True, fail_on_warn=True, file=str(target))
    text = target.read_text()
    assert text.startswith("openapi: 3.0.3")
    assert "/api/v1/" in text


def _links(urlconf: str) -> dict[tuple[str, str, str], dict[str, dict[str, object]]]:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(urlconf=urlconf).get_schema(request=None, public=True)
    operations = {
        operation["operationId"]: operation
        for item in schema["paths"].values()
        for operation in item.values()
    }
    found = {}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                for link in response.get("links", {}).values():
                    target = operations[link["operationId"]]
                    # Every path parameter of the target is filled from the response.
                    assert {p["name"] for p in target["parameters"] if p["in"] == "path"} == set(
                        link["parameters"]
                    ), (method, path, link)
                found[(method.upper(), path, status)] = response.get("links", {})
    return found


@pytest.mark.parametrize(
    ("urlconf", "source", "target", "parameters"),
    [
        (
            "config.urls_tenants",
            ("POST", "/api/v1/complaints/", "201"),
            "complaints_retrieve",
            {"number": "$response.body#/number"},
        ),
        (
            "config.urls_tenants",
            ("POST", "/api/v1/complaints/{number}/accept/", "200"),
            "complaints_send_cip",
            {"number": "$response.body#/number"},
        ),
        (
            "config.urls_tenants",
            ("POST", "/api/v1/sanctions/inspections/{inspection_id}/notice/", "200"),
            "sanctions_processes_retrieve",
            {"number": "$response.body#/number"},
        ),
        (
            "config.urls_public",
            ("POST", "/api/v1/tokens/", "201"),
            "tokens_destroy",
            {"token_id": "$response.body#/id"},
        ),
        (
            "config.urls_public",
            ("GET", "/api/v1/inbox/", "200"),
            "inbox_answer",
            {
                "procon_slug": "$response.body#/results/0/procon/slug",
                "number": "$response.body#/results/0/number",
            },
        ),
    ],
)
def test_a_response_links_to_the_operations_on_the_object_it_names(
    urlconf: str, source: tuple[str, str, str], target: str, parameters: dict[str, str]
) -> None:
    links = _links(urlconf)
    assert links[source][target] == {"operationId": target, "parameters": parameters}


def test_a_created_invitation_does_not_link_to_memberships() -> None:
    """An invitation's id is not a membership's: the team's POST answers no link to its items."""
    links = _links("config.urls_public")
    assert links[("POST", "/api/v1/company/agents/", "201")] == {}
