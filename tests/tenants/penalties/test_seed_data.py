"""The rules every Procon starts with are data (tenants/penalties/data/*.csv): each row must be one
the rules pages would accept, or a new Procon starts with a provision no form can save."""

import pytest

from tenants.penalties.models import CircumstanceRule, LegalProvision
from tenants.penalties.seed import circumstances, provisions


@pytest.mark.parametrize("row", provisions(), ids=lambda row: row.code)
def test_every_shipped_provision_is_a_valid_row(row):
    LegalProvision(**vars(row)).full_clean(validate_unique=False, validate_constraints=False)


@pytest.mark.parametrize("row", circumstances(), ids=lambda row: row.code)
def test_every_shipped_circumstance_is_a_valid_row(row):
    rule = CircumstanceRule(**vars(row))
    rule.full_clean(validate_unique=False, validate_constraints=False)
    assert 0 < rule.numerator <= rule.denominator


def test_shipped_codes_are_unique_ignoring_case():
    for rows in (provisions(), circumstances()):
        codes = [row.code.casefold() for row in rows]
        assert len(codes) == len(set(codes))
