"""An aggregate's steps declared once, in the app's `steps.py`: for each, the slug the API routes
it under, the lifecycle steps it takes, the function that takes it, its input serializer and its
documentation. The API's step operations are generated from the table (`step_views`) and routed
from it (`step_paths`); the pages and the company inbox offer the same entries through their
forms, whose data they turn into the same input."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, path
from django.utils.functional import Promise
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.views import APIView

StrOrPromise = str | Promise
# (aggregate, actor, as_role, data) -> the aggregate as the step left it.
Run = Callable[[Any, Any, str, dict[str, Any]], Any]


@dataclass(frozen=True)
class StepAction:
    """One step as every channel takes it. `run` receives the input as `input` validates it
    (after `resolve`, which turns the API's ids into objects, naming the field on a 400);
    `renames` maps the action's field names to the input's in its 400s."""

    slug: str
    steps: tuple[str, ...]
    run: Run
    input: type[serializers.Serializer]
    summary: StrOrPromise
    description: StrOrPromise = ""
    files: bool = False
    renames: Mapping[str, str] = field(default_factory=dict)
    resolve: Callable[[dict[str, Any]], dict[str, Any]] | None = None

    @property
    def operation_id_suffix(self) -> str:
        return self.slug.replace("-", "_")

    def take(self, aggregate: Any, actor: Any, as_role: str, data: dict[str, Any]) -> Any:
        if self.resolve is not None:
            data = self.resolve(data)
        return self.run(aggregate, actor, as_role, data)


def step_views(
    table: list[StepAction],
    *,
    base: type[APIView],
    schema: Callable[[StepAction], dict[str, Any]],
    name: Callable[[StepAction], str],
    attrs: Callable[[StepAction], dict[str, Any]] = lambda action: {},
) -> list[type[APIView]]:
    """One API view per entry: `base` with `entry` (and `attrs(entry)`, e.g. its parsers) set,
    its POST documented by `schema(entry)`. `base.post` reads `self.entry` (not `action`, which
    DRF and drf-spectacular reserve for viewsets)."""
    views = []
    for entry in table:
        namespace = {"entry": entry, "__module__": base.__module__, **attrs(entry)}
        view = type(name(entry), (base,), namespace)
        view.post = extend_schema(**schema(entry))(_post(base))
        views.append(view)
    return views


def _post(base: type[APIView]) -> Callable[..., Any]:
    def post(self: APIView, request: Any, *args: Any, **kwargs: Any) -> Any:
        return base.post(self, request, *args, **kwargs)

    return post


def step_paths(route: str, name: str, views: Iterable[type[APIView]]) -> list[URLPattern]:
    """The routes of views made by `step_views`: each at `route` + its entry's slug + "/", named
    `name` + that slug."""
    return [
        path(f"{route}{view.entry.slug}/", view.as_view(), name=f"{name}{view.entry.slug}")
        for view in views
    ]
