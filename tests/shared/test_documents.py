"""CPF and CNPJ check digits (validate-docbr), including the alphanumeric CNPJ of July 2026."""

import pytest
from django.core.exceptions import ValidationError

from shared.documents import format_cnpj, normalize_cnpj, normalize_cpf, validate_cnpj, validate_cpf


@pytest.mark.parametrize("value", ["529.982.247-25", "52998224725"])
def test_valid_cpfs_pass(value: str) -> None:
    validate_cpf(value)


@pytest.mark.parametrize("value", ["529.982.247-24", "111.111.111-11", "123", "", "abc.def.ghi-jk"])
def test_invalid_cpfs_are_refused(value: str) -> None:
    with pytest.raises(ValidationError):
        validate_cpf(value)


@pytest.mark.parametrize(
    "value", ["02.558.157/0001-62", "02558157000162", "12.ABC.345/01DE-35", "12abc34501de35"]
)
def test_valid_numeric_and_alphanumeric_cnpjs_pass(value: str) -> None:
    validate_cnpj(value)


@pytest.mark.parametrize(
    "value",
    ["02.558.157/0001-63", "00.000.000/0000-00", "12.ABC.345/01DE-36", "12.ABC.345/01DE-3X", "123"],
)
def test_invalid_cnpjs_are_refused(value: str) -> None:
    with pytest.raises(ValidationError):
        validate_cnpj(value)


def test_documents_are_normalised_and_formatted() -> None:
    assert normalize_cpf("529.982.247-25") == "52998224725"
    assert normalize_cnpj("12.abc.345/01de-35") == "12ABC34501DE35"
    assert format_cnpj("02558157000162") == "02.558.157/0001-62"
