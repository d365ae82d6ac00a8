"""Brazilian taxpayer numbers: CPF (people) and CNPJ (companies, numeric and alphanumeric); and
the CEP (postal code).

Check digits are validated by validate-docbr; this module only normalises and names the errors.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from validate_docbr import CNPJ, CPF

_cpf = CPF()
_cnpj = CNPJ()


def normalize_cpf(value: str) -> str:
    return re.sub(r"\D", "", value or "")


def normalize_cnpj(value: str) -> str:
    """Digits and (since July 2026) letters of the first twelve positions, upper case, no punctuation."""
    return re.sub(r"[^0-9A-Z]", "", (value or "").upper())


def validate_cpf(value: str) -> None:
    digits = normalize_cpf(value)
    if len(digits) != 11 or not _cpf.validate(digits):
        raise ValidationError(_("Enter a valid CPF."), code="invalid_cpf")


def validate_cnpj(value: str) -> None:
    normalized = normalize_cnpj(value)
    if len(normalized) != 14 or not normalized[-2:].isdigit() or not _cnpj.validate(normalized):
        raise ValidationError(_("Enter a valid CNPJ."), code="invalid_cnpj")


def format_cpf(digits: str) -> str:
    return f"{digits[:3]}.{digits[3:6]}.{digits[6:9]}-{digits[9:]}" if len(digits) == 11 else digits


def mask_cpf(value: str) -> str:
    """A CPF as government pages show personal data: only the middle six digits
    (`***.982.247-**`)."""
    digits = normalize_cpf(value)
    if len(digits) != 11:
        return "***.***.***-**"
    return f"***.{digits[3:6]}.{digits[6:9]}-**"


def format_cnpj(value: str) -> str:
    v = value
    return f"{v[:2]}.{v[2:5]}.{v[5:8]}/{v[8:12]}-{v[12:]}" if len(v) == 14 else v


def normalize_cep(value: str) -> str:
    """A CEP's digits (`01310-100` → `01310100`)."""
    return re.sub(r"\D", "", value or "")


def validate_cep(value: str) -> None:
    """A CEP is eight digits (typed with or without the hyphen; stored as digits)."""
    if len(normalize_cep(value)) != 8 or (value and not re.fullmatch(r"[0-9]{5}-?[0-9]{3}", value)):
        raise ValidationError(_("Enter a CEP of eight digits (00000-000)."), code="invalid_cep")


def format_cep(digits: str) -> str:
    return f"{digits[:5]}-{digits[5:]}" if len(digits) == 8 else digits
