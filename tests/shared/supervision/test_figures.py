"""Figures against values computed by hand on a small seeded set (tests/shared/supervision/
conftest.py: six complaints and two sanction processes in January-March 2025)."""

from datetime import date

import pytest

from portals.supervision import selectors
from portals.supervision.selectors import Period

pytestmark = pytest.mark.django_db
QUARTER = Period(first=date(2025, 1, 1), last=date(2025, 3, 1))


def test_state_wide_figures_match_the_hand_computed_values(seeded) -> None:
    figures = selectors.figures(QUARTER)

    c = figures["complaints"]
    assert c["filed"] == 6  # T-7 was filed on 31 December, local time
    assert c["closed"] == 4
    assert c["resolution"] == {
        "resolved_at_cip": 1,
        "agreement": 1,
        "founded_met": 1,
        "founded_not_met": 1,
        "rate": 0.75,  # 3 resolved of 4 closed
    }
    assert c["answers"] == {
        "answered": 4,
        "on_time": 3,
        "on_time_rate": 0.75,
        "mean_days": 5.5,  # (2 + 4 + 10 + 6) / 4
        "p90_days": 8.8,  # 6 + 0.7 * (10 - 6)
    }
    assert (c["hearings_held"], c["agreements_reached"], c["overdue"]) == (3, 1, 2)
    assert c["by_status"] == {"cip_lapsed": 1, "cip_sent": 1, "closed": 4}
    assert c["per_month"] == [
        {"month": "2025-01", "filed": 2},
        {"month": "2025-02", "filed": 2},
        {"month": "2025-03", "filed": 2},
    ]
    assert figures["sanctions"] == {
        "opened": 2,
        "by_stage": {"awaiting_defence": 1, "final": 1},
        "fines_decided": 1,
        "fines_total": "1500.00",
    }


def test_figures_of_one_procon_and_of_one_company(seeded, procon, other_procon) -> None:
    company_a, company_b = seeded

    santos = selectors.figures(QUARTER, procon_id=procon.pk)["complaints"]
    beta = selectors.figures(QUARTER, company_id=company_b.pk)

    assert (santos["filed"], santos["closed"], santos["overdue"]) == (4, 3, 1)
    assert santos["resolution"]["rate"] == round(2 / 3, 4)
    assert beta["complaints"]["filed"] == 2
    assert beta["complaints"]["resolution"]["founded_met"] == 1
    assert beta["sanctions"]["opened"] == 1
    assert beta["sanctions"]["fines_decided"] == 0
    assert [
        (r["slug"], r["filed"]) for r in selectors.company_procons(QUARTER, company_id=company_a.pk)
    ] == [("santos", 4)]


def test_per_procon_rows_and_the_company_ranking(seeded) -> None:
    company_a, company_b = seeded

    rows = selectors.per_procon(QUARTER)
    ranking = selectors.company_ranking(QUARTER)

    assert [(r["slug"], r["filed"], r["overdue"]) for r in rows] == [
        ("santos", 4, 1),
        ("campinas", 2, 1),
    ]
    assert [(r["rank"], r["company_id"], r["name"], r["filed"]) for r in ranking] == [
        (1, company_a.pk, "Alfa Telecom", 4),
        (2, company_b.pk, "Beta Varejo", 2),
    ]


def test_the_map_counts_complaints_per_10000_inhabitants_of_the_consumers_city(seeded) -> None:
    places = {p["ibge_code"]: p for p in selectors.per_municipality(QUARTER)}

    assert len(places) == 645
    assert places[3548500]["population"] == 433_991
    assert places[3548500]["filed"] == 4
    assert places[3548500]["per_10k"] == round(4 * 10_000 / 433_991, 2)
    assert places[3509502]["per_10k"] == round(2 * 10_000 / 1_223_237, 2)
    assert places[3509502]["resolution_rate"] == 1.0
    assert places[3550308]["filed"] == 0 and places[3550308]["per_10k"] == 0


def test_no_sanction_rows_and_no_complaints_give_zeros_not_errors(db) -> None:
    figures = selectors.figures(Period(first=date(2020, 1, 1), last=date(2020, 2, 1)))

    assert figures["complaints"]["filed"] == 0
    assert figures["complaints"]["resolution"]["rate"] is None
    assert figures["complaints"]["answers"]["mean_days"] is None
    assert figures["sanctions"] == {
        "opened": 0,
        "by_stage": {},
        "fines_decided": 0,
        "fines_total": "0.00",
    }
