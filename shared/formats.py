"""Brazilian formats, from one place: money, CPF and CNPJ, dates, months and times, as pages,
e-mails, PDFs and CSV files show them (the template filters of `{% load br %}` call these).

Django's own localisation does the work: `number_format` with the active language's separators
and grouping (pt-BR: `R$ 1.234,56`; English: `R$ 1,234.56`), and `date_format` with the active
language's formats (pt-BR `DATE_FORMAT` is `j de F de Y`, `SHORT_DATE_FORMAT` `d/m/Y`). One thing
Django's pt-BR catalogue gets wrong: it capitalises month names ("4 de Dezembro de 2026"), while
Portuguese writes them in lower case (Acordo Ortográfico de 1990, base XIX); the month's name is
therefore lower-cased here, in Portuguese only. Babel (CLDR) would format these too, but it would
be a second localisation library beside Django's, which the forms and the admin already use, for
one lower-casing.
"""

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format, get_format, number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from shared.documents import format_cnpj, format_cpf, normalize_cnpj, normalize_cpf

CENT = Decimal("0.01")
# What a missing value is shown as.
NONE = "—"
# Time zones whose clocks read Brasília time (UTC−3 all year since 2019).
BRASILIA_TIME_ZONES = {
    "America/Sao_Paulo",
    "America/Bahia",
    "America/Belem",
    "America/Fortaleza",
    "America/Recife",
    "America/Maceio",
    "America/Araguaina",
    "America/Santarem",
}
# An `F` (the month's name) of a Django date format that is not escaped.
_MONTH_NAME = re.compile(r"(?<!\\)F")


def _portuguese() -> bool:
    return (get_language() or settings.LANGUAGE_CODE).lower().startswith("pt")


def _as_decimal(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def money(value: object) -> str:
    """`R$ 1.234,56`, `-R$ 39,90`, `R$ 0,00`; `—` for None. Rounded half up to the cent."""
    if value is None or value == "":
        return NONE
    amount = _as_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    digits = number_format(abs(amount), decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{'-' if amount < 0 else ''}R$ {digits}"


def number(value: object, decimal_pos: int | None = None) -> str:
    """`5.000.000`, `1.234,5`: grouped in thousands with the language's separators."""
    if value is None or value == "":
        return NONE
    return number_format(
        _as_decimal(value), decimal_pos=decimal_pos, use_l10n=True, force_grouping=True
    )


def percent(value: object) -> str:
    """A fraction as a percentage with one decimal place (`0.875` → `87,5%`); `—` for None."""
    if value is None or value == "":
        return NONE
    share = (_as_decimal(value) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{number(share, 1)}%"


def cpf(value: str | None) -> str:
    """`123.456.789-09` (as stored or typed, with or without punctuation)."""
    return format_cpf(normalize_cpf(value or "")) if value else NONE


def cnpj(value: str | None) -> str:
    """`12.345.678/0001-90`, the alphanumeric CNPJ of 2026 too (`12.ABC.345/01DE-35`)."""
    return format_cnpj(normalize_cnpj(value or "")) if value else NONE


def document(value: str | None) -> str:
    """A CPF or a CNPJ, whichever the value is (a respondent may be a person or a company)."""
    if not value:
        return NONE
    return cpf(value) if len(normalize_cnpj(value)) == 11 else cnpj(value)


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _format(value: date | datetime, format_name: str) -> str:
    """`date_format` with the language's format, its month name in lower case in Portuguese."""
    fmt = get_format(format_name) if format_name.isupper() else format_name
    if _portuguese() and _MONTH_NAME.search(fmt):
        name = str(MONTHS[value.month]).lower()
        fmt = _MONTH_NAME.sub(lambda _m: "".join("\\" + c for c in name), fmt)
    return date_format(value, fmt)


def long_date(value: date | datetime | None) -> str:
    """`4 de dezembro de 2026` (English: `Dec. 4, 2026`)."""
    return _format(_local(value), "DATE_FORMAT") if value else NONE


def short_date(value: date | datetime | None) -> str:
    """`04/12/2026`."""
    return _format(_local(value), "SHORT_DATE_FORMAT") if value else NONE


def date_time(value: datetime | None) -> str:
    """`04/12/2026 14:30`, in the platform's local time."""
    return _format(_local(value), "SHORT_DATETIME_FORMAT") if value else NONE


def date_time_seconds(value: datetime | None) -> str:
    """`04/12/2026 14:30:05`, in the platform's local time: the moment of a signature."""
    if not value:
        return NONE
    clock = "H:i:s" if _portuguese() else "g:i:s a"
    return _format(_local(value), f"{get_format('SHORT_DATE_FORMAT')} {clock}")


def long_date_time(value: datetime | None) -> str:
    """`4 de dezembro de 2026 às 14:30`, in the platform's local time."""
    return _format(_local(value), "DATETIME_FORMAT") if value else NONE


def weekday(value: date | datetime | None) -> str:
    """`segunda-feira` (English: `Monday`), in the platform's local time."""
    if not value:
        return NONE
    name = date_format(_local(value), "l")
    return name.lower() if _portuguese() else name


def _month(value: date | str) -> date:
    """A month as a date, or as the API writes it (`2026-01`)."""
    return date.fromisoformat(f"{value}-01") if isinstance(value, str) else value


def month(value: date | str | None) -> str:
    """`janeiro de 2026` (English: `January 2026`), from a date or an ISO month (`2026-01`)."""
    return _format(_month(value), "YEAR_MONTH_FORMAT") if value else NONE


def short_month(value: date | str | None) -> str:
    """`jan/2026`, as Brazilian tables and charts abbreviate a month (English: `Jan 2026`)."""
    if not value:
        return NONE
    return date_format(_month(value), "b/Y" if _portuguese() else "M Y")


def time_zone_name(zone: str | None = None) -> str:
    """`horário de Brasília` for the platform's zone; another zone by its IANA name."""
    zone = zone or settings.TIME_ZONE
    return _("Brasília time") if zone in BRASILIA_TIME_ZONES else zone


def local_time(value: datetime, *, zone: str | None = None) -> str:
    """`14:30 (horário de Brasília)`."""
    zone = zone or settings.TIME_ZONE
    at = timezone.localtime(value, ZoneInfo(zone)) if timezone.is_aware(value) else value
    return f"{date_format(at, 'TIME_FORMAT')} ({time_zone_name(zone)})"
