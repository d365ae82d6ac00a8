"""A client that knows a host's API only through the OpenAPI that host serves: operations are
found by operationId, request bodies are checked against the declared schema (required fields,
enums), every answer must be a status the operation declares and match its declared body, and
path parameters come from the schema's links on earlier responses, never from guesses."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from typing import Any

import jsonschema
from django.test import Client

SCHEMA_PATH = "/api/v1/schema/?format=json"


class UndocumentedResponse(AssertionError):
    """The host answered something its own OpenAPI does not declare."""


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    spec: dict[str, Any]


@dataclass
class Response:
    operation: Operation
    status: int
    data: Any
    headers: dict[str, str]


def _to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0's `nullable` as JSON Schema's null type; everything else is kept."""
    if isinstance(node, list):
        return [_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _to_json_schema(value) for key, value in node.items()}
    if converted.pop("nullable", False):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


class Api:
    """One host's API, as described by the OpenAPI it serves, with one set of credentials."""

    def __init__(self, host: str, schema: dict[str, Any], token: str | None = None) -> None:
        self.host = host
        self.schema = schema
        self.token = token
        self._components = _to_json_schema(schema.get("components", {}))
        self.operations: dict[str, Operation] = {
            spec["operationId"]: Operation(spec["operationId"], method.upper(), path, spec)
            for path, item in schema["paths"].items()
            for method, spec in item.items()
        }

    @classmethod
    def discover(cls, host: str) -> Api:
        """Read the OpenAPI the host serves, anonymously, as an integrator's first request."""
        response = Client(HTTP_HOST=host).get(SCHEMA_PATH)
        assert response.status_code == 200, (host, response.status_code)
        return cls(host, json.loads(response.content))

    def authenticated(self, token: str) -> Api:
        return Api(self.host, self.schema, token)

    def find(self, *, method: str, path_pattern: str) -> Operation | None:
        """The operation whose path matches `path_pattern` (a regular expression), if declared."""
        for operation in self.operations.values():
            if operation.method == method.upper() and re.search(path_pattern, operation.path):
                return operation
        return None

    # Request and response bodies against the declared schemas.

    def _validate(self, value: Any, schema: dict[str, Any], what: str) -> None:
        document = {**_to_json_schema(copy.deepcopy(schema)), "components": self._components}
        try:
            jsonschema.validate(value, document, cls=jsonschema.Draft202012Validator)
        except jsonschema.ValidationError as exc:
            raise AssertionError(f"{what}: {exc.message} at {list(exc.absolute_path)}") from None

    def request_schema(self, operation_id: str) -> dict[str, Any]:
        body = self.operations[operation_id].spec["requestBody"]["content"]["application/json"]
        schema = body["schema"]
        ref = schema.get("$ref", "")
        return self.schema["components"]["schemas"][ref.rsplit("/", 1)[-1]] if ref else schema

    def enum(self, operation_id: str, field: str) -> list[Any]:
        """The values the schema allows for one field of the operation's JSON body."""
        prop = self.request_schema(operation_id)["properties"][field]
        items = prop.get("items", {})
        for candidate in [prop, *prop.get("oneOf", []), *prop.get("allOf", []), items]:
            if "$ref" in candidate:
                candidate = self.schema["components"]["schemas"][
                    candidate["$ref"].rsplit("/", 1)[-1]
                ]
            values = [value for value in candidate.get("enum", []) if value not in ("", None)]
            if values:
                return values
        raise AssertionError(f"{operation_id}.{field} declares no enum")

    def body(self, operation_id: str, **values: Any) -> dict[str, Any]:
        """A JSON body of declared fields only, with every required one, valid for the schema."""
        schema = self.request_schema(operation_id)
        undeclared = set(values) - set(schema.get("properties", {}))
        assert not undeclared, f"{operation_id} declares no {sorted(undeclared)}"
        missing = set(schema.get("required", [])) - set(values)
        assert not missing, f"{operation_id} requires {sorted(missing)}"
        self._validate(values, schema, f"{operation_id} request")
        return values

    # Calls.

    def call(
        self,
        operation_id: str,
        *,
        params: dict[str, Any] | None = None,
        query: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        operation = self.operations[operation_id]
        declared = {p["name"]: p for p in operation.spec.get("parameters", [])}
        params = params or {}
        path_names = {name for name, p in declared.items() if p["in"] == "path"}
        assert set(params) == path_names, (operation_id, sorted(params), sorted(path_names))
        for name in query or {}:
            assert declared.get(name, {}).get("in") == "query", f"{operation_id}: no ?{name}"
        for name in headers or {}:
            assert declared.get(name, {}).get("in") == "header", f"{operation_id}: no {name}"
        path = operation.path
        for name, value in params.items():
            path = path.replace("{" + name + "}", str(value))
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in (headers or {}).items()}
        extra["HTTP_ACCEPT_LANGUAGE"] = "en"
        if self.token:
            # A company API key is a bearer credential; a person's token uses the Token keyword.
            scheme = "Bearer" if self.token.startswith("pdk_") else "Token"
            extra["HTTP_AUTHORIZATION"] = f"{scheme} {self.token}"
        client = Client(HTTP_HOST=self.host)
        method = getattr(client, operation.method.lower())
        if operation.method == "GET":
            raw = method(path, data=query or {}, **extra)
        else:
            if body is not None:
                self.body(operation_id, **body)
            raw = method(
                path, data=json.dumps(body or {}), content_type="application/json", **extra
            )
        data = json.loads(raw.content) if raw.content else None
        response = Response(operation, raw.status_code, data, dict(raw.headers))
        self._check_documented(response)
        return response

    def _check_documented(self, response: Response) -> None:
        operation = response.operation
        declared = operation.spec["responses"]
        if str(response.status) not in declared:
            raise UndocumentedResponse(
                f"{operation.method} {operation.path} answered {response.status}, declared"
                f" {sorted(declared)}: {response.data}"
            )
        content = declared[str(response.status)].get("content", {}).get("application/json")
        if content and "schema" in content:
            self._validate(
                response.data, content["schema"], f"{operation.operation_id} {response.status}"
            )

    def link(self, response: Response, target: str, *, row: int = 0) -> dict[str, Any]:
        """The target operation's path parameters, read from `response` as its links say; for a
        list, `row` picks the item the link's `/0/` stands for."""
        declared = response.operation.spec["responses"][str(response.status)].get("links", {})
        link = next((item for item in declared.values() if item["operationId"] == target), None)
        assert link is not None, (
            f"{response.operation.operation_id} {response.status} declares no link to {target}"
        )
        return {
            name: _pointer(
                response.data,
                expression.removeprefix("$response.body#").replace("/0/", f"/{row}/", 1),
            )
            for name, expression in link["parameters"].items()
        }

    def follow(self, response: Response, target: str, *, row: int = 0, **kwargs: Any) -> Response:
        return self.call(target, params=self.link(response, target, row=row), **kwargs)


def _pointer(document: Any, pointer: str) -> Any:
    """RFC 6901: /results/0/number."""
    value = document
    for part in pointer.lstrip("/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value
