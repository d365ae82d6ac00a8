"""Errors between the layers: a selector's `NotFound` becomes the page's 404, and an action's
`ValidationError` (naming model fields) becomes a form's or an API input's field errors."""

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from rest_framework.exceptions import NotFound


@contextmanager
def not_found_is_404() -> Iterator[None]:
    """Inside, a selector's NotFound (absent, or not the viewer's: the same answer) is a 404."""
    try:
        yield
    except NotFound as error:
        raise Http404 from error


def found[T](selector: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """`selector(*args, **kwargs)`, its NotFound a 404."""
    with not_found_is_404():
        return selector(*args, **kwargs)


def renamed(error: ValidationError, renames: Mapping[str, str]) -> ValidationError:
    """The same errors with the fields `renames` maps given their new names."""
    if not renames or not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {renames.get(field, field): errors for field, errors in error.error_dict.items()}
    )


@contextmanager
def field_names(renames: Mapping[str, str]) -> Iterator[None]:
    """Model errors name model fields; an API's 400s name the input's fields."""
    try:
        yield
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise renamed(error, renames) from error


def apply_errors(
    form: forms.Form,
    error: ValidationError,
    *,
    default: str | None = None,
    renames: Mapping[str, str] | None = None,
) -> None:
    """Put an action's ValidationError on the form: each field it names (after `renames`) on that
    field, the rest on `default` (a field of the form) or on the form itself."""
    fallback = default if default in form.fields else None
    if not hasattr(error, "error_dict"):
        form.add_error(fallback, error.messages)
        return
    for name, errors in renamed(error, renames or {}).error_dict.items():
        form.add_error(name if name in form.fields else fallback, errors)


def _messages(detail: object) -> list[str]:
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _messages(value)]
    if isinstance(detail, list | tuple):
        return [m for value in detail for m in _messages(value)]
    return [str(detail)]


def input_errors(errors: Mapping[str, object]) -> ValidationError:
    """A serializer's errors (nested for lists and objects) as one ValidationError whose fields
    each hold their messages, for a form that took the same input."""
    return ValidationError({field: _messages(detail) for field, detail in errors.items()})
