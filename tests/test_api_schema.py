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


TENANT, PUBLIC = "config.urls_tenants", "config.urls_public"
# The link's parameters: the number the source's response names.
BY_NUMBER = {"number": "$response.body#/number"}
COMPLAINT = ("GET", "/api/v1/complaints/{number}/", "200")


@pytest.mark.parametrize(
    ("urlconf", "source", "target", "parameters"),
    [
        (TENANT, ("POST", "/api/v1/complaints/", "201"), "complaints_retrieve", BY_NUMBER),
        (
            TENANT,
            ("POST", "/api/v1/complaints/{number}/accept/", "200"),
            "complaints_send_cip",
            BY_NUMBER,
        ),
        *[
            (TENANT, COMPLAINT, step, BY_NUMBER)
            for step in (
                "complaints_accept",
                "complaints_send_cip",
                "complaints_rate",
                "complaints_withdraw",
                "complaints_hearings_create",
                "complaints_cip_pdf",
            )
        ],
        (
            TENANT,
            ("POST", "/api/v1/sanctions/inspections/{inspection_id}/notice/", "200"),
            "sanctions_processes_retrieve",
            BY_NUMBER,
        ),
        (
            PUBLIC,
            ("POST", "/api/v1/tokens/", "201"),
            "tokens_destroy",
            {"token_id": "$response.body#/id"},
        ),
        (
            PUBLIC,
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


def _served(host: str, path: str, language: str) -> dict:
    import json

    from tests.conftest import host_client

    response = host_client(host).get(
        path, HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "pt-br"])
def test_the_schema_says_how_a_session_client_sends_the_csrf_token(language: str) -> None:
    description = _served("localhost", "/api/v1/schema/", language)["info"]["description"]
    assert "X-CSRFToken" in description
    assert "csrftoken" in description
    assert "/api/v1/webhooks/asyncapi.json" in description


@pytest.mark.django_db
def test_the_asyncapi_document_lists_every_event_with_its_payload() -> None:
    from shared.webhooks.lifecycle import EventType
    from tenants.complaints.lifecycle import Classification

    document = _served("localhost", "/api/v1/webhooks/asyncapi.json", "en")

    assert document["asyncapi"].startswith("2.")
    assert set(document["channels"]) == set(EventType.values)
    schemas = document["components"]["schemas"]
    for event in EventType:
        message = document["channels"][event.value]["subscribe"]["message"]
        payload = schemas[message["payload"]["$ref"].rsplit("/", 1)[-1]]
        assert {"id", "type", "created_at", "data"} <= set(payload["properties"])
        assert "X-Procon-Event-Id" in message["headers"]["properties"]
    case = schemas["CaseData"]["properties"]
    assert case["classification"]["enum"] == ["", *Classification.values]
    assert "agreement" in case["classification"]["enum"]
    assert "minutes" in schemas["MinutesCaseData"]["properties"]


@pytest.mark.django_db
def test_the_asyncapi_document_describes_the_payloads_in_portuguese() -> None:
    document = _served("localhost", "/api/v1/webhooks/asyncapi.json", "pt-br")

    case = document["components"]["schemas"]["CaseData"]["properties"]
    assert case["case_number"]["description"] == "O número de protocolo da reclamação."
    message = document["channels"]["complaint.cip_sent"]["subscribe"]["message"]
    assert message["headers"]["properties"]["X-Procon-Event"]["description"] == "O tipo do evento."


@pytest.mark.django_db
def test_the_replay_operation_documents_its_refusals() -> None:
    schema = _served("localhost", "/api/v1/schema/", "en")
    replay = schema["paths"]["/api/v1/company/webhooks/{endpoint_id}/replay/"]["post"]
    assert {"202", "400", "401", "404", "409"} <= set(replay["responses"])
    conflict = replay["responses"]["409"]
    assert "endpoint_disabled" in conflict["description"]
    codes = {
        e["value"]["code"] for e in conflict["content"]["application/json"]["examples"].values()
    }
    assert codes == {"endpoint_disabled"}


# Words every Brazilian Portuguese sentence of the schema uses and English prose does not.
PORTUGUESE_WORDS = {"de", "da", "do", "das", "dos", "uma", "para", "com", "não", "que", "em"}
# Short summaries ("Registrar reclamação") may have none of those.
SUMMARY_WORDS = {"reclamação", "reclamações", "registrar", "responder", "obter", "todas", "suas"}


def _words(text: str) -> set[str]:
    import re

    return set(re.findall(r"[a-zà-ú]+", text.lower()))


def _code_only(text: str) -> bool:
    """Nothing to translate: once code spans, paths and identifiers are set aside, no word is
    left (e.g. "iCalendar", "`sanctions:read`")."""
    import re

    prose = re.sub(r"`[^`]*`|\S*[/_:.]\S*|\{\w+\}", " ", text)
    return not re.search(r"[A-Za-zÀ-ú]{3,}", prose.replace("iCalendar", ""))


def _operation_texts(schema: dict) -> dict[tuple[str, str, str], str]:
    return {
        (method, path, key): operation[key]
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        for key in ("summary", "description")
        if isinstance(operation, dict) and operation.get(key)
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "method", "path"),
    [
        ("santos", "post", "/api/v1/complaints/"),
        ("santos", "post", "/api/v1/complaints/{number}/answer/"),
        (None, "get", "/api/v1/inbox/"),
        (None, "post", "/api/v1/auth/token/"),
    ],
)
def test_the_served_schema_describes_operations_in_the_language_asked_for(
    slug: str | None, method: str, path: str
) -> None:
    from shared.procons.models import Procon

    host = "localhost" if slug is None else Procon.objects.get(slug=slug).host
    english = _served(host, "/api/v1/schema/", "en")["paths"][path][method]
    portuguese = _served(host, "/api/v1/schema/", "pt-br")["paths"][path][method]

    assert portuguese["summary"] != english["summary"]
    assert _words(portuguese["summary"]) & (PORTUGUESE_WORDS | SUMMARY_WORDS), portuguese
    assert portuguese["description"] != english["description"]
    assert len(_words(portuguese["description"]) & PORTUGUESE_WORDS) >= 3, portuguese


@pytest.mark.django_db
@pytest.mark.parametrize("slug", [None, "santos", "sp"])
def test_no_operation_text_is_left_in_english_in_the_portuguese_schema(slug: str | None) -> None:
    from shared.procons.models import Procon

    host = "localhost" if slug is None else Procon.objects.get(slug=slug).host
    english = _operation_texts(_served(host, "/api/v1/schema/", "en"))
    portuguese = _operation_texts(_served(host, "/api/v1/schema/", "pt-br"))

    assert portuguese.keys() == english.keys()
    untranslated = {
        where: text
        for where, text in english.items()
        if portuguese[where] == text and not _code_only(text)
    }
    assert untranslated == {}


@pytest.mark.django_db
def test_the_language_cookie_chooses_the_schema_language_over_the_browser_header() -> None:
    import json

    from django.conf import settings

    from tests.conftest import host_client

    client = host_client("localhost")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(
        "/api/v1/schema/", HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="pt-br"
    )
    operation = json.loads(response.content)["paths"]["/api/v1/auth/token/"]["post"]
    assert operation["summary"] == "Get an API token with e-mail, password and one-time code"
    assert "Accept-Language" in response["Vary"]
