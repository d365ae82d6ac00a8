"""The indicators against values computed by hand on conftest.py's set (first quarter of 2025)."""

from datetime import date

import pytest

from kernel.periods import Period
from shared.reputation import selectors
from shared.reputation.selectors import Scope
from tests.shared.reputation.conftest import TELECOM

pytestmark = pytest.mark.django_db
QUARTER = Scope(period=Period(first=date(2025, 1, 1), last=date(2025, 3, 1)))


def test_a_company_group_s_indicators_match_the_hand_computed_values(alfa_and_peers) -> None:
    alfa, _beta, _gama = alfa_and_peers

    figures = selectors.company_indicators(alfa, QUARTER)

    assert figures == {
        "filed": 5,  # A-1..A-5, the branch's A-3 included; A-0 is of 2024
        "reached_company": 4,  # A-5 is still waiting for triage
        "answered": 3,
        "answered_share": 0.75,
        "on_time": 2,
        "on_time_share": 0.6667,
        "mean_days": 5.3,  # (2 + 4 + 10) / 3
        "rated": 3,
        "resolved": 1,
        "resolution_index": 0.3333,
        "satisfaction": 2.67,  # (5 + 2 + 1) / 3
        "satisfaction_count": 3,
        "founded": 1,
        "founded_met": 0,
        "hearings_held": 3,
        "agreements": 1,
    }


def test_month_by_month_per_procon_and_per_subject(alfa_and_peers) -> None:
    alfa, _beta, _gama = alfa_and_peers

    trend = selectors.company_trend(alfa, QUARTER)
    by_procon = selectors.company_by_procon(alfa, QUARTER)
    by_subject = selectors.company_by_subject(alfa, QUARTER)

    assert [(r["month"], r["filed"], r["resolution_index"]) for r in trend] == [
        (date(2025, 1, 1), 2, 0.5),
        (date(2025, 2, 1), 2, 0.0),
        (date(2025, 3, 1), 1, None),
    ]
    assert [(r["procon"], r["filed"]) for r in by_procon] == [
        ("Procon Santos", 4),
        ("Procon Campinas", 1),
    ]
    assert [(r["subject"], r["filed"]) for r in by_subject] == [("Telefonia", 4), ("Internet", 1)]


def test_one_procon_and_one_subject_narrow_the_figures(alfa_and_peers, procon) -> None:
    alfa, _beta, _gama = alfa_and_peers
    santos = Scope(period=QUARTER.period, procon_id=procon.pk)
    internet = Scope(period=QUARTER.period, subject="Internet")

    at_santos = selectors.company_indicators(alfa, santos)
    about_internet = selectors.company_indicators(alfa, internet)

    assert (at_santos["filed"], at_santos["answered_share"], at_santos["resolution_index"]) == (
        4,
        0.6667,  # answered of
        0.5,
    )
    assert (about_internet["filed"], about_internet["founded"]) == (1, 1)


def test_the_segment_ranking_keeps_the_minimum_volume(alfa_and_peers) -> None:
    alfa, beta, gama = alfa_and_peers

    ranking = selectors.segment_ranking(TELECOM, QUARTER)

    # Beta resolved everything; the Alfa group a third; Gama nothing. Delta (one complaint) is
    # left out.
    assert [(r["rank"], r["company"].pk, r["filed"]) for r in ranking["rows"]] == [
        (1, beta.pk, 2),
        (2, alfa.pk, 5),  # the group, shown by its head office
        (3, gama.pk, 2),
    ]
    assert (ranking["min_volume"], ranking["left_out"]) == (2, 1)
    assert selectors.segments(QUARTER) == ["Alimentos", TELECOM]


def test_peer_medians_leave_the_company_s_own_group_out(alfa_and_peers) -> None:
    alfa, _beta, _gama = alfa_and_peers

    peers = selectors.peer_medians(alfa, QUARTER)

    assert peers == {
        "segment": TELECOM,
        "peers": 2,  # Beta and Gama
        "answered_share": 0.75,  # median of 1.0 and 0.5
        "on_time_share": 0.5,
        "mean_days": 3.5,  # of 2.0 and 5.0
        "resolution_index": 0.5,
        "satisfaction": 3.75,  # of 4.5 and 3.0
    }
