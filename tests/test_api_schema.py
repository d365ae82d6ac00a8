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
