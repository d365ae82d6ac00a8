"""What every selector that hands one row to a caller does when there is none."""

from django.db.models import Model, QuerySet
from rest_framework.exceptions import NotFound


def first_or_not_found[M: Model](rows: QuerySet[M]) -> M:
    """The first of `rows`, or NotFound: absent and not the caller's give the same answer."""
    row = rows.first()
    if row is None:
        raise NotFound()
    return row
