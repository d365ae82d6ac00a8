"""The supervisor's decisions over the API: one view per decision, naming the selector that finds
the application, the action that takes the decision and the serializers around it. A view that
declares its `summary` is documented from what it declares (its input, output, summary and
description)."""

from abc import ABCMeta, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.utils.functional import Promise
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from onboarding.applications.errors import ApplicationStateError
from shared.accounts.permissions import AnonymousApi, StateSupervisor


class ApplicationConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "application_state_conflict"


@contextmanager
def state_conflict_is_409() -> Iterator[None]:
    try:
        yield
    except ApplicationStateError as exc:
        raise ApplicationConflict(str(exc), code=exc.code) from None


class ApplicationPages(CursorPagination):
    ordering = ("created_at", "id")


# The base views carry no docstring: the schema would show it on every subclass without one.


class DocumentedApi(APIView):
    summary: ClassVar[str | Promise]
    description: ClassVar[str | Promise | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "summary" in vars(cls):
            extend_schema(summary=cls.summary, description=cls.description, **cls.documentation())(
                cls
            )

    @classmethod
    def documentation(cls) -> dict[str, Any]:
        """What the operation's documentation says besides its summary and description."""
        return {}


class ApplicationStepApi(DocumentedApi):
    # POST: find the application (404), read `input` (400), take the step (409 when its status
    # refuses) and answer the application as `output`. The state supervisor's unless a view says
    # otherwise.
    permission_classes = [StateSupervisor]

    find: ClassVar[Callable[..., Any]]
    step: ClassVar[Callable[..., Any]]
    output: ClassVar[type[serializers.Serializer]]
    input: ClassVar[type[serializers.Serializer] | None] = None

    @classmethod
    def documentation(cls) -> dict[str, Any]:
        return {"request": cls.input, "responses": {200: cls.output}}

    def application(self, request: Request, application_id: int) -> Any:
        return type(self).find(application_id=application_id)

    def input_data(self, request: Request) -> Any:
        return request.data

    def post(self, request: Request, application_id: int) -> Response:
        application = self.application(request, application_id)
        arguments: dict[str, Any] = {}
        if self.input is not None:
            payload = self.input(data=self.input_data(request))
            payload.is_valid(raise_exception=True)
            arguments = dict(payload.validated_data)
        with state_conflict_is_409():
            application = type(self).step(application, actor=request.user, **arguments)
        return Response(self.output(application).data)


class ApplyApi(DocumentedApi, AnonymousApi):
    # Anyone may apply: read `input` (400 naming the field), `submit` it, answer 201.
    submit: ClassVar[Callable[..., Any]]
    input: ClassVar[type[serializers.Serializer]]
    received: ClassVar[type[serializers.Serializer]]
    # An application as a client sends it, for the documentation.
    example: ClassVar[dict[str, Any]]

    @classmethod
    def documentation(cls) -> dict[str, Any]:
        return {
            "request": cls.input,
            "responses": {201: cls.received},
            "examples": [OpenApiExample("Application", request_only=True, value=cls.example)],
        }

    def arguments(self, payload: Any) -> dict[str, Any]:
        return dict(payload.validated_data)

    def post(self, request: Request) -> Response:
        payload = self.input(data=request.data)
        payload.is_valid(raise_exception=True)
        application = type(self).submit(**self.arguments(payload))
        return Response(self.received(application).data, status=status.HTTP_201_CREATED)


class ApplicationListApi(DocumentedApi, metaclass=ABCMeta):
    # The supervisor's list, oldest first, a page at a time, filtered by `status`.
    # Documents the page envelope (next, previous, results) in the schema.
    pagination_class = ApplicationPages
    permission_classes = [StateSupervisor]
    output: ClassVar[type[serializers.Serializer]]
    statuses: ClassVar[list[str]]
    # What the list shows without a `status`.
    default: ClassVar[str | Promise]

    @classmethod
    def documentation(cls) -> dict[str, Any]:
        return {
            "parameters": [
                OpenApiParameter("status", str, enum=cls.statuses, description=cls.default)
            ],
            "responses": cls.output(many=True),
        }

    @abstractmethod
    def applications(self, wanted: str | None) -> QuerySet:
        """The applications of this kind with status `wanted` (all when None), oldest first."""

    def get(self, request: Request) -> Response:
        paginator = ApplicationPages()
        page = paginator.paginate_queryset(
            self.applications(request.query_params.get("status")), request, view=self
        )
        return paginator.get_paginated_response(self.output(page, many=True).data)
