"""The rules tables: seeded per Procon, read by selectors, changed only through actions."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_tenants.utils import tenant_context

from tenants.penalties.actions import (
    do_add_provision,
    do_add_ufir_value,
    do_remove_ufir_value,
    do_seed_rules,
    do_update_circumstance_rule,
    do_update_provision,
)
from tenants.penalties.dosimetry import MITIGATING, FineInput, Infraction, compute_fine
from tenants.penalties.errors import PenaltiesErrorCode
from tenants.penalties.models import CircumstanceRule, LegalProvision, UfirValue
from tenants.penalties.selectors import active_circumstances, provisions, ufir_value_on

pytestmark = pytest.mark.django_db


def _codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_every_procon_starts_with_the_cdc_and_decree_provisions(procon):
    with tenant_context(procon):
        codes = set(provisions().values_list("code", flat=True))
        sanctioning = set(provisions(sets_sanction=True).values_list("code", flat=True))

    assert {"CDC art. 31", "CDC art. 37", "CDC art. 39", "Decreto 2.181/1997 art. 13"} <= codes
    assert {"CDC art. 56", "CDC art. 57", "Decreto 2.181/1997 art. 18"} <= sanctioning
    assert "CDC art. 31" not in sanctioning


def test_seeding_again_adds_nothing_and_keeps_the_procons_changes(procon):
    with tenant_context(procon):
        provision = LegalProvision.objects.get(code="CDC art. 31")
        do_update_provision(provision, title="Informação na oferta (Santos)")
        before = LegalProvision.objects.count(), CircumstanceRule.objects.count()

        do_seed_rules()

        assert (LegalProvision.objects.count(), CircumstanceRule.objects.count()) == before
        assert (
            LegalProvision.objects.get(code="CDC art. 31").title == "Informação na oferta (Santos)"
        )


def test_ufir_value_on_a_day_is_the_latest_entered_from_that_day_or_before(procon):
    with tenant_context(procon):
        assert ufir_value_on(date(2024, 5, 1)).value == Decimal("1.0641")
        do_add_ufir_value(valid_from=date(2024, 1, 1), value=Decimal("4.2812"))

        assert ufir_value_on(date(2023, 12, 31)).value == Decimal("1.0641")
        assert ufir_value_on(date(2024, 1, 1)).value == Decimal("4.2812")
        assert ufir_value_on(date(1999, 12, 31)) is None


def test_two_ufir_values_from_the_same_date_are_refused(procon):
    with tenant_context(procon), pytest.raises(ValidationError) as error:
        do_add_ufir_value(valid_from=date(2000, 1, 1), value=Decimal("2.0000"))
    assert _codes(error.value) == {"valid_from": [PenaltiesErrorCode.DUPLICATE_UFIR_DATE]}


def test_the_last_ufir_value_cannot_be_removed(procon):
    with tenant_context(procon):
        later = do_add_ufir_value(valid_from=date(2025, 1, 1), value=Decimal("4.5"))
        do_remove_ufir_value(later)
        with pytest.raises(ValidationError) as error:
            do_remove_ufir_value(UfirValue.objects.get())
        assert UfirValue.objects.count() == 1
    assert _codes(error.value) == {"valid_from": [PenaltiesErrorCode.LAST_UFIR_VALUE]}


def test_circumstances_are_seeded_at_one_sixth_and_only_the_seal_is_verified(procon):
    with tenant_context(procon):
        rules = list(active_circumstances())

    assert len(rules) == 13
    assert {(r.numerator, r.denominator) for r in rules} == {(1, 6)}
    assert [r.code for r in rules if r.verified] == ["verified_company_seal"]
    assert {r.code for r in rules if r.kind == MITIGATING} == {
        "verified_company_seal",
        "act_not_decisive",
        "first_offence",
        "prompt_repair",
    }


def test_the_seal_cannot_fall_below_one_sixth(procon):
    with tenant_context(procon):
        seal = CircumstanceRule.objects.get(code="verified_company_seal")
        with pytest.raises(ValidationError) as error:
            do_update_circumstance_rule(seal, numerator=1, denominator=10)
        raised = do_update_circumstance_rule(seal, numerator=1, denominator=4)
    assert _codes(error.value) == {"numerator": [PenaltiesErrorCode.SEAL_BELOW_ONE_SIXTH]}
    assert raised.fraction == Decimal("0.25")


def test_a_changed_fraction_changes_the_next_fine(procon):
    with tenant_context(procon):
        rule = CircumstanceRule.objects.get(code="repeat_offence")
        do_update_circumstance_rule(rule, numerator=1, denominator=2, verified=True)
        circumstances = tuple(
            r.to_circumstance() for r in active_circumstances().filter(code="repeat_offence")
        )
        ufir = ufir_value_on(date(2025, 1, 1)).value

    result = compute_fine(
        FineInput(
            revenue=Decimal("1000000"),
            infractions=(Infraction("II", "information"),),
            circumstances=circumstances,
            ufir_value=ufir,
            act_date=date(2025, 1, 1),
        )
    )
    assert result.amount_rounded == Decimal("11278.20")


def test_a_provision_code_is_unique_whatever_the_case(procon):
    with tenant_context(procon), pytest.raises(ValidationError) as error:
        do_add_provision(code="cdc ART. 31", title="x", text="y", law="cdc")
    assert _codes(error.value) == {"code": [PenaltiesErrorCode.DUPLICATE_PROVISION]}


def test_a_provision_changed_in_santos_is_unchanged_in_campinas(procon, other_procon):
    with tenant_context(procon):
        do_update_provision(LegalProvision.objects.get(code="CDC art. 37"), active=False)
    with tenant_context(other_procon):
        assert provisions().filter(code="CDC art. 37").exists()
    with tenant_context(procon):
        assert not provisions().filter(code="CDC art. 37").exists()
