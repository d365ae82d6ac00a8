"""OpenAPI links: where one operation's response names the object other operations act on (a
filed complaint's number for its steps, a created token's id for its revocation, the first row
of a list for its item), the served schema says so, and clients and the stateful API tests
(tests/hostile) follow it. A link is added only when both ends are routed on the host and the
response really carries the value, so one table serves the platform's and the Procons' hosts."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

API = "/api/v1"


@dataclass(frozen=True)
class Link:
    """From `method source` answering `status` to every operation whose path starts with
    `target`; `parameters` maps each path parameter of the target to a JSON pointer into the
    source's response body. A `source` ending in `*` stands for every path under it."""

    method: str
    source: str
    status: str
    target: str
    parameters: tuple[tuple[str, str], ...]


def _link(method: str, source: str, status: str, target: str, **parameters: str) -> Link:
    return Link(method, API + source, status, API + target, tuple(parameters.items()))


def _first(collection: str, parameter: str, pointer: str = "/0/id") -> Link:
    """The first item a GET of `collection` lists (at `pointer`) leads to the item at
    `collection` + `{parameter}/`."""
    return _link("GET", collection, "200", f"{collection}{{{parameter}}}/", **{parameter: pointer})


def _collection(collection: str, parameter: str) -> tuple[Link, Link]:
    """A collection whose POST answers 201 with the created item and whose GET lists items: both
    lead to the item at `collection` + `{parameter}/`, by its `id`."""
    item = f"{collection}{{{parameter}}}/"
    created = _link("POST", collection, "201", item, **{parameter: "/id"})
    return created, _first(collection, parameter)


LINKS: tuple[Link, ...] = (
    # A Procon's host: complaints, their steps and hearings.
    _link("POST", "/complaints/", "201", "/complaints/{number}/", number="/number"),
    _link("POST", "/complaints/", "200", "/complaints/{number}/", number="/number"),
    _link("GET", "/complaints/", "200", "/complaints/{number}/", number="/results/0/number"),
    _link("POST", "/complaints/{number}/*", "200", "/complaints/{number}/", number="/number"),
    _link("GET", "/complaints/{number}/", "200", "/complaints/{number}/", number="/number"),
    _link(
        "POST", "/complaints/{number}/hearings/", "201", "/hearings/{hearing_id}/", hearing_id="/id"
    ),
    _link(
        "POST",
        "/complaints/{number}/hearings/",
        "201",
        "/complaints/{number}/",
        number="/complaint_number",
    ),
    _link(
        "GET",
        "/complaints/{number}/hearings/",
        "200",
        "/hearings/{hearing_id}/",
        hearing_id="/0/id",
    ),
    _link("POST", "/hearings/{hearing_id}/*", "201", "/hearings/{hearing_id}/", hearing_id="/id"),
    # A Procon's host: fiscalização.
    *_collection("/sanctions/inspections/", "inspection_id"),
    _link(
        "POST",
        "/sanctions/inspections/{inspection_id}/*",
        "200",
        "/sanctions/inspections/{inspection_id}/",
        inspection_id="/id",
    ),
    _link(
        "POST",
        "/sanctions/inspections/{inspection_id}/notice/",
        "200",
        "/sanctions/processes/{number}/",
        number="/number",
    ),
    _first("/sanctions/processes/", "number", "/0/number"),
    _link(
        "POST",
        "/sanctions/processes/{number}/*",
        "200",
        "/sanctions/processes/{number}/",
        number="/number",
    ),
    # A Procon's host: settings.
    *_collection("/settings/circumstances/", "rule_id"),
    *_collection("/settings/provisions/", "provision_id"),
    *_collection("/settings/holidays/", "holiday_id"),
    *_collection("/settings/ufir-values/", "ufir_value_id"),
    *_collection("/settings/staff/", "membership_id"),
    # The state Procon's host: supervision.
    _first("/supervision/company-applications/", "application_id", "/results/0/id"),
    _first("/supervision/procon-applications/", "application_id", "/results/0/id"),
    _first("/supervision/figures/companies/", "company_id"),
    # The platform's host: tokens, the company's team, webhooks and inbox.
    *_collection("/tokens/", "token_id"),
    _first("/company/agents/", "membership_id", "/agents/0/id"),
    *_collection("/company/webhooks/", "endpoint_id"),
    _link(
        "GET",
        "/inbox/",
        "200",
        "/inbox/{procon_slug}/{number}/",
        procon_slug="/results/0/procon/slug",
        number="/results/0/number",
    ),
    _link(
        "POST",
        "/inbox/{procon_slug}/{number}/answer/",
        "200",
        "/inbox/{procon_slug}/{number}/",
        procon_slug="/procon/slug",
        number="/number",
    ),
    _link(
        "GET",
        "/inbox/sanctions/",
        "200",
        "/inbox/{procon_slug}/processes/{number}/",
        procon_slug="/0/procon_slug",
        number="/0/number",
    ),
)


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def carries(schema: dict[str, Any], response: dict[str, Any], pointer: str) -> bool:
    """Whether the response's JSON body, as documented, has a value at `pointer`."""
    node = response.get("content", {}).get("application/json", {}).get("schema")
    for step in pointer.strip("/").split("/"):
        if node is None:
            return False
        node = _resolve(schema, node)
        if node.get("type") == "array" and step.isdigit():
            node = node.get("items")
        else:
            node = node.get("properties", {}).get(step)
    return node is not None


def _operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "operationId" in operation:
                yield path, method.upper(), operation


def _path_parameters(operation: dict[str, Any]) -> set[str]:
    return {p["name"] for p in operation.get("parameters", []) if p.get("in") == "path"}


def add_links(result: dict[str, Any], generator: object, **kwargs: object) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: the LINKS that exist on this host, named after the
    target operation."""
    operations = list(_operations(result))
    for link in LINKS:
        prefix = link.source.removesuffix("*")
        sources = [
            operation
            for path, method, operation in operations
            if method == link.method
            and (path.startswith(prefix) if link.source.endswith("*") else path == link.source)
        ]
        for source in sources:
            response = source.get("responses", {}).get(link.status)
            if response is None:
                continue
            if not all(carries(result, response, pointer) for _, pointer in link.parameters):
                continue
            for path, _, target in operations:
                if not path.startswith(link.target):
                    continue
                names = {name for name, _ in link.parameters}
                # Every path parameter of the target comes from the response.
                if _path_parameters(target) != names:
                    continue
                response.setdefault("links", {})[target["operationId"]] = {
                    "operationId": target["operationId"],
                    "parameters": {
                        name: f"$response.body#{pointer}" for name, pointer in link.parameters
                    },
                }
    return result


def _signed_in_only(operation: dict[str, Any]) -> bool:
    security = operation.get("security")
    return bool(security) and {} not in security


def add_common_responses(
    result: dict[str, Any], generator: object, **kwargs: object
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: the answers every operation may give besides its
    own, so that no status a client meets is undocumented: 401 where a caller must be signed in,
    415 where a body is read and its media type is not one the operation lists."""
    from django.utils.translation import gettext_lazy as _

    unauthenticated = {
        "description": str(
            _(
                "Not signed in: no, an unknown, an expired or a revoked token or API key, or no "
                "session."
            )
        )
    }
    unsupported = {
        "description": str(
            _("The body's Content-Type is not one this operation reads (see the request body).")
        )
    }
    for _path, _method, operation in _operations(result):
        responses = operation.setdefault("responses", {})
        if _signed_in_only(operation):
            responses.setdefault("401", unauthenticated)
        if "requestBody" in operation:
            responses.setdefault("415", unsupported)
    return result
