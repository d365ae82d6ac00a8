"""The one CSV writer of every file the platform writes (open data, registry, SINDEC, the
company inbox): a cell a spreadsheet would read as a formula is written as text.

Names reach these files from outside (a consumer may register a company called
`=HYPERLINK(...)`); Excel, LibreOffice and Google Sheets evaluate a cell that starts with `=`,
`+`, `-` or `@` (and some a tab, CR or LF before one, or the fullwidth forms), so such a cell
gets a leading apostrophe (OWASP's advice). Numbers are written as they are: only text is
touched, so a negative figure stays a number.
"""

import csv
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

# Characters that make a spreadsheet evaluate a cell when they start it.
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def neutralise(value: object) -> object:
    """The cell as a spreadsheet should show it: text that would start a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    if text.lstrip(" ")[:1] in FORMULA_STARTS:
        return "'" + text
    return text


class SafeWriter:
    """`csv.writer` whose every row is neutralised first."""

    def __init__(self, out: Any, *, delimiter: str = ";", lineterminator: str = "\r\n") -> None:
        self._writer = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator)

    def writerow(self, row: Iterable[object]) -> Any:
        return self._writer.writerow([neutralise(value) for value in row])


class Echo:
    """A file-like object whose write returns the line, for streaming CSV responses."""

    def write(self, value: str) -> str:
        return value


def csv_writer(out: IO[str] | Echo, **options: str) -> SafeWriter:
    return SafeWriter(out, **options)


def csv_lines(header: list[str], rows: Iterable[Iterable[object]], **options: str) -> Iterator[str]:
    """The lines of a CSV file, header first, each a string (for a streaming response)."""
    writer = SafeWriter(Echo(), **options)
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)
