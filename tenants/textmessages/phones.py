"""Mobile numbers as the providers want them: E.164 (+5511999990000)."""

import re

E164 = re.compile(r"^\+[1-9][0-9]{7,14}$")
SEPARATORS = re.compile(r"[\s().\-]")


def to_e164(value: str) -> str | None:
    """The number in E.164, or None when it cannot be one. A Brazilian number may be written
    as people write it: with the area code, with or without the country code (55)."""
    number = SEPARATORS.sub("", value or "")
    if not number:
        return None
    if not number.startswith("+"):
        digits = number.lstrip("0")
        if not digits.isdigit():
            return None
        if len(digits) in (10, 11):
            number = f"+55{digits}"
        elif digits.startswith("55") and len(digits) in (12, 13):
            number = f"+{digits}"
        else:
            return None
    return number if E164.match(number) else None


def masked(number: str) -> str:
    """The number with its middle hidden, for pages and logs (+55 11 •••••-0000)."""
    if len(number) < 8:
        return number
    return f"{number[:5]}•••••{number[-4:]}"
