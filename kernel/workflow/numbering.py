"""Case numbers: one series per year, never given twice."""

from django.db import connection, models


def next_in_year_sequence(function: str, year: int) -> int:
    """The next value of the year's database sequence, from the SQL `function(year)` a migration
    created (it creates the year's sequence on first use). `nextval` locks nothing that lasts:
    concurrent callers are not serialised, and a number taken by a transaction that rolls back
    is skipped (a gap, never a reuse)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s)", [year])
        (value,) = cursor.fetchone()
    return value


def next_in_year_counter(counter: type[models.Model], year: int) -> int:
    """The next value of a counter row per year (`year` primary key, `last`), locked until the
    transaction ends: numbers follow one another without gaps."""
    counter._default_manager.get_or_create(year=year)
    row = counter._default_manager.select_for_update().get(year=year)
    row.last += 1
    row.save(update_fields=["last"])
    return row.last


def yearly_number(*prefix: str, year: int, value: int) -> str:
    """`PREFIX-...-YEAR-000123`."""
    return "-".join([*prefix, str(year), f"{value:06d}"])
