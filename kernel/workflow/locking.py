"""The row lock every step takes on its aggregate before reading the state it guards."""

from django.db import models


def locked[M: models.Model](obj: M, *related: str, of: tuple[str, ...] = ()) -> M:
    """`obj` read again under SELECT ... FOR UPDATE (with `related` joined, locking only `of`
    when given), so two steps on one aggregate run one after the other."""
    rows = type(obj)._default_manager.select_for_update(of=of)
    if related:  # select_related() with no names is deprecated (it would join every relation)
        rows = rows.select_related(*related)
    return rows.get(pk=obj.pk)
