"""The fine engine against the note's vectors T1-T6, and its properties."""

import itertools
from datetime import date
from decimal import Decimal, localcontext

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from tenants.penalties.dosimetry import (
    AGGRAVATING,
    MITIGATING,
    PRECISION,
    VERIFIED_COMPANY_SEAL,
    Circumstance,
    FineInput,
    FineResult,
    Infraction,
    compute_fine,
    version_in_force,
)

UFIR = Decimal("1.0641")
FLOOR = Decimal(200) * UFIR
CAP = Decimal(3_000_000) * UFIR
ACT = date(2025, 3, 10)


def fine_input(
    revenue: str,
    *infractions: Infraction,
    circumstances: tuple[Circumstance, ...] = (),
    verified: bool = False,
    act_date: date = ACT,
) -> FineInput:
    return FineInput(
        revenue=Decimal(revenue),
        infractions=infractions or (Infraction("II", "information"),),
        circumstances=circumstances,
        ufir_value=UFIR,
        act_date=act_date,
        verified_company=verified,
    )


def base_of(result: FineResult) -> Decimal:
    return next(s.amount for s in result.steps if s.code == "base_penalty")


def step_codes(result: FineResult) -> list[str]:
    return [s.code for s in result.steps]


def test_t1_group_ii_on_one_million():
    result = compute_fine(fine_input("1000000.00", Infraction("II", "information")))

    assert base_of(result).quantize(Decimal("0.01")) == Decimal("7518.80")
    assert result.amount_rounded == Decimal("7518.80")
    assert result.version == "PN 81/2021"


def test_t2_small_revenue_is_raised_to_the_floor():
    result = compute_fine(fine_input("50000.00", Infraction("I", "information")))

    assert base_of(result).quantize(Decimal("0.01")) == Decimal("187.97")
    assert result.amount == FLOOR
    assert result.amount_rounded == Decimal("212.82")
    assert step_codes(result)[-2:] == ["floor", "fine"]


def test_t3_large_revenue_is_compared_with_the_cap_and_stays_below_it():
    result = compute_fine(fine_input("200000000.00", Infraction("IV", "safety")))

    assert base_of(result) == Decimal("3007520.00")
    assert Decimal("3192300.0000") == CAP
    assert result.amount_rounded == Decimal("3007520.00")
    assert "cap" not in step_codes(result)


def test_t3_with_a_lower_ufir_value_the_cap_applies():
    data = fine_input("200000000.00", Infraction("IV", "safety"))
    data = FineInput(**{**data.__dict__, "ufir_value": Decimal("1.0000")})

    result = compute_fine(data)

    assert result.amount == Decimal("3000000.0000")
    assert "cap" in step_codes(result)


def test_t4_advantage_is_added_to_the_revenue_term():
    result = compute_fine(
        fine_input("10000000.00", Infraction("III", "pricing", advantage=Decimal("250000.00")))
    )

    assert base_of(result) == Decimal("362782.00")
    assert step_codes(result)[:3] == ["revenue_term", "advantage", "base_penalty"]


def test_t5_two_infractions_of_the_same_nature_add_one_third():
    result = compute_fine(
        fine_input("1000000.00", Infraction("II", "information"), Infraction("II", "information"))
    )

    assert result.amount_rounded == Decimal("10025.07")
    assert "formal_concurrence" in step_codes(result)
    assert "material_concurrence" not in step_codes(result)


def test_different_natures_are_summed():
    result = compute_fine(
        fine_input("1000000.00", Infraction("II", "information"), Infraction("I", "pricing"))
    )

    assert result.amount_rounded == Decimal("11278.20")
    assert "material_concurrence" in step_codes(result)


def test_t6_published_example_reaches_the_cap():
    # the revenue term 100,000.00 (13,300,000 x 0.0075188 = 100,000.04) plus VA 5,000,000.00
    result = compute_fine(
        fine_input("13300000.00", Infraction("II", "fraud", advantage=Decimal("5000000.00")))
    )

    assert base_of(result).quantize(Decimal("1")) == Decimal("5100000")
    assert result.amount == CAP
    assert result.amount_rounded == Decimal("3192300.00")
    assert step_codes(result)[-2:] == ["cap", "fine"]


def test_verified_company_seal_lowers_by_at_least_one_sixth():
    plain = compute_fine(fine_input("1000000.00"))
    sealed = compute_fine(fine_input("1000000.00", verified=True))
    weak_seal = compute_fine(
        fine_input(
            "1000000.00",
            circumstances=(Circumstance(VERIFIED_COMPANY_SEAL, MITIGATING, Decimal("0.05")),),
            verified=True,
        )
    )
    strong_seal = compute_fine(
        fine_input(
            "1000000.00",
            circumstances=(Circumstance(VERIFIED_COMPANY_SEAL, MITIGATING, Decimal("0.25")),),
            verified=True,
        )
    )

    assert sealed.amount_rounded == Decimal("6265.67")
    assert weak_seal.amount == sealed.amount
    assert strong_seal.amount_rounded == Decimal("5639.10")
    assert plain.amount > sealed.amount


def test_aggravating_are_applied_before_mitigating_in_the_order_given():
    circumstances = (
        Circumstance("first_offence", MITIGATING, Decimal("0.5"), "First offence"),
        Circumstance("repeat", AGGRAVATING, Decimal("0.5"), "Repeat offence"),
        Circumstance("intent", AGGRAVATING, Decimal("0.25"), "Intent"),
    )

    result = compute_fine(fine_input("1000000.00", circumstances=circumstances))

    applied = [s for s in result.steps if s.code in (AGGRAVATING, MITIGATING)]
    assert [s.params["code"] for s in applied] == ["repeat", "intent", "first_offence"]
    assert [s.amount.quantize(Decimal("0.01")) for s in applied] == [
        Decimal("11278.20"),
        Decimal("14097.75"),
        Decimal("7048.88"),
    ]
    with translation.override("en"):
        assert "Repeat offence" in applied[0].description()
        assert "11,278.20" in applied[0].description()
    with translation.override("pt-br"):
        assert "11.278,20" in applied[0].description()


def test_older_version_in_force_is_replaced_by_a_later_one_that_favours_the_company():
    # given an act in 2016, under PN 45/2015 (revenue x 0.01 x NAT 2 = 20,000.00)
    data = fine_input("1000000.00", act_date=date(2016, 5, 1))

    result = compute_fine(data)

    assert result.in_force_version == "PN 45/2015"
    assert compute_fine(data, version="PN 45/2015").amount_rounded == Decimal("20000.00")
    assert result.version == "PN 81/2021"
    assert result.amount_rounded == Decimal("7518.80")
    assert step_codes(result)[-2:] == ["later_version", "fine"]


def test_version_in_force_follows_the_act_date():
    assert version_in_force(date(2010, 1, 1)).code == "PN 45/2015"
    assert version_in_force(date(2019, 6, 1)).code == "PN 57/2019"
    assert version_in_force(date(2026, 1, 1)).code == "PN 81/2021"


def test_unknown_version_is_refused():
    with pytest.raises(ValueError):
        compute_fine(fine_input("1000.00"), version="PN 1/1990")


def test_result_survives_a_round_trip_through_its_dict():
    result = compute_fine(
        fine_input(
            "1000000.00",
            Infraction("II", "information"),
            Infraction("II", "information"),
            circumstances=(Circumstance("repeat", AGGRAVATING, Decimal(1) / Decimal(6), "Repeat"),),
        )
    )

    stored = result.as_dict()
    again = FineResult.from_dict(stored)

    assert again == result
    assert stored["amount_rounded"] == "11695.91"
    assert [s["description"] for s in stored["steps"]] == [s.description() for s in again.steps]


@pytest.mark.parametrize(
    "field,value",
    [("revenue", 1000.0), ("ufir_value", 1.0641)],
)
def test_floats_are_refused(field, value):
    kwargs = fine_input("1000.00").__dict__ | {field: value}
    with pytest.raises(TypeError):
        FineInput(**kwargs)


def test_float_advantage_or_fraction_is_refused():
    with pytest.raises(TypeError):
        Infraction("I", "x", advantage=10.0)
    with pytest.raises(TypeError):
        Circumstance("x", MITIGATING, 0.5)


# -- properties --

money = st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False)
fractions = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False)
groups = st.sampled_from(["I", "II", "III", "IV"])
infractions = st.lists(
    st.builds(Infraction, group=groups, nature=st.sampled_from(["a", "b", "c"]), advantage=money),
    min_size=1,
    max_size=4,
).map(tuple)
circumstance_lists = st.lists(
    st.builds(
        Circumstance,
        code=st.sampled_from(["c1", "c2", "c3", "c4"]),
        kind=st.sampled_from([MITIGATING, AGGRAVATING]),
        fraction=fractions,
    ),
    max_size=4,
).map(tuple)
ufirs = st.decimals(min_value="0.5", max_value="10", places=4)
act_dates = st.dates(min_value=date(2010, 1, 1), max_value=date(2030, 12, 31))


def make(revenue, infr, circ, ufir, day, verified) -> FineInput:
    return FineInput(
        revenue=revenue,
        infractions=infr,
        circumstances=circ,
        ufir_value=ufir,
        act_date=day,
        verified_company=verified,
    )


@settings(max_examples=150, deadline=None)
@given(money, money, infractions, circumstance_lists, ufirs, act_dates, st.booleans())
def test_fine_never_falls_when_revenue_rises(r1, r2, infr, circ, ufir, day, verified):
    low, high = sorted([r1, r2])
    assert (
        compute_fine(make(low, infr, circ, ufir, day, verified)).amount
        <= compute_fine(make(high, infr, circ, ufir, day, verified)).amount
    )


@settings(max_examples=150, deadline=None)
@given(money, infractions, circumstance_lists, ufirs, act_dates, st.booleans())
def test_floor_and_cap_always_hold(revenue, infr, circ, ufir, day, verified):
    result = compute_fine(make(revenue, infr, circ, ufir, day, verified))

    assert Decimal(200) * ufir <= result.amount <= Decimal(3_000_000) * ufir
    assert result.steps[-1].code == "fine"
    assert result.steps[-1].amount == result.amount


@settings(max_examples=150, deadline=None)
@given(money, infractions, circumstance_lists, ufirs, act_dates, st.booleans())
def test_circumstances_are_applied_in_the_stated_order(revenue, infr, circ, ufir, day, verified):
    result = compute_fine(make(revenue, infr, circ, ufir, day, verified))

    applied = [s for s in result.steps if s.code in (AGGRAVATING, MITIGATING)]
    expected = [c.code for c in circ if c.kind == AGGRAVATING] + [
        c.code for c in circ if c.kind == MITIGATING
    ]
    if verified and VERIFIED_COMPANY_SEAL not in expected:
        expected.append(VERIFIED_COMPANY_SEAL)
    assert [s.params["code"] for s in applied] == expected
    kinds = [s.code for s in applied]
    assert kinds == sorted(kinds, key=lambda kind: kind != AGGRAVATING)
    with localcontext(prec=PRECISION):
        for previous, step in itertools.pairwise(applied):
            fraction = Decimal(step.params["fraction"])
            factor = 1 + fraction if step.code == AGGRAVATING else 1 - fraction
            assert step.amount == previous.amount * factor


@settings(max_examples=150, deadline=None)
@given(money, infractions, circumstance_lists, ufirs, act_dates, st.booleans())
def test_every_figure_is_a_decimal(revenue, infr, circ, ufir, day, verified):
    result = compute_fine(make(revenue, infr, circ, ufir, day, verified))
    stored = result.as_dict()

    assert isinstance(result.amount, Decimal)
    assert all(isinstance(step.amount, Decimal) for step in result.steps)
    assert all(
        not isinstance(v, float) for step in stored["steps"] for v in step["params"].values()
    )
    assert FineResult.from_dict(stored) == result
