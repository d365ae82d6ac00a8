"""The dashboard's figures follow every change of the case index after one refresh, whatever the
clocks say: a row dated in the future (as the demo history once wrote them), a writer that does
not move `updated_at`, a case moved to another company or Procon, a deleted row."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from portals.supervision import selectors
from portals.supervision.actions import do_refresh_figure_rollup
from portals.supervision.models import RollupState
from portals.supervision.selectors import Period
from shared.caseindex.models import CaseIndexChange, CaseIndexEntry
from tests.shared.supervision.conftest import entry, local

pytestmark = pytest.mark.django_db
QUARTER = Period(first=date(2025, 1, 1), last=date(2025, 3, 1))


@pytest.fixture
def add_row(seeded, procon):
    """Adds a complaint against company A at Santos to the seeded set."""
    company_a, _b = seeded

    def add(number: str, opened: datetime, **fields) -> CaseIndexEntry:
        return entry(procon, company_a, number, opened, **fields)

    return add


@pytest.fixture
def future_row(add_row):
    """A closed case whose `updated_at` and `closed_at` lie a week ahead, already refreshed."""
    ahead = timezone.now() + timedelta(days=7)
    add_row(
        "F-1",
        local(2025, 1, 15),
        status="closed",
        classification="founded_met",
        updated_at=ahead,
        closed_at=ahead,
    )
    do_refresh_figure_rollup()
    return ahead


def test_after_a_row_dated_in_the_future_a_new_complaint_counts_after_one_refresh(
    future_row, add_row
) -> None:
    assert selectors.figures(QUARTER)["complaints"]["filed"] == 7

    add_row("T-10", local(2025, 2, 20), updated_at=timezone.now())
    do_refresh_figure_rollup()

    figures = selectors.figures(QUARTER)["complaints"]
    assert figures["filed"] == 8
    assert figures["per_month"][1] == {"month": "2025-02", "filed": 3}


def test_after_a_row_dated_in_the_future_a_reclassification_counts_after_one_refresh(
    future_row, supervisor_client
) -> None:
    # T-3 (February) was closed founded, not met; it is reclassified as met
    CaseIndexEntry.objects.filter(number="T-3").update(
        classification="founded_met", updated_at=timezone.now()
    )
    do_refresh_figure_rollup()

    api = supervisor_client.get("/api/v1/supervision/figures/?start=2025-01&end=2025-03")
    resolution = api.json()["complaints"]["resolution"]
    assert resolution["founded_met"] == 3  # T-5, F-1 and T-3
    assert resolution["founded_not_met"] == 0


def test_a_change_that_leaves_updated_at_alone_still_counts_after_one_refresh(seeded) -> None:
    CaseIndexEntry.objects.filter(number="T-4").update(status="closed", classification="agreement")

    do_refresh_figure_rollup()

    complaints = selectors.figures(QUARTER)["complaints"]
    assert complaints["closed"] == 5
    assert complaints["by_status"] == {"cip_lapsed": 1, "closed": 5}


def test_a_case_moved_to_another_company_and_procon_leaves_its_old_figures(
    seeded, procon, other_procon
) -> None:
    company_a, company_b = seeded
    assert selectors.figures(QUARTER, procon_id=procon.pk)["complaints"]["filed"] == 4

    CaseIndexEntry.objects.filter(number="T-1").update(
        procon=other_procon, company=company_b, updated_at=local(2020, 1, 1)
    )
    do_refresh_figure_rollup()

    assert selectors.figures(QUARTER, procon_id=procon.pk)["complaints"]["filed"] == 3
    assert selectors.figures(QUARTER, procon_id=other_procon.pk)["complaints"]["filed"] == 3
    assert selectors.figures(QUARTER, company_id=company_a.pk)["complaints"]["filed"] == 3
    assert selectors.figures(QUARTER, company_id=company_b.pk)["complaints"]["filed"] == 3


def test_a_case_moved_to_another_month_leaves_the_old_month(seeded) -> None:
    CaseIndexEntry.objects.filter(number="T-1").update(opened_at=local(2025, 3, 20))

    do_refresh_figure_rollup()

    per_month = selectors.figures(QUARTER)["complaints"]["per_month"]
    assert [m["filed"] for m in per_month] == [1, 2, 3]


def test_a_deleted_row_leaves_the_figures_after_one_refresh(seeded) -> None:
    CaseIndexEntry.objects.filter(number__in=["T-1", "T-2"]).delete()

    do_refresh_figure_rollup()

    complaints = selectors.figures(QUARTER)["complaints"]
    assert complaints["filed"] == 4
    assert complaints["per_month"][0] == {"month": "2025-01", "filed": 0}


def test_a_refresh_takes_in_the_change_rows_and_says_from_when_its_figures_are_complete(
    add_row,
) -> None:
    before = timezone.now()
    add_row("T-11", local(2025, 3, 2), updated_at=local(2030, 1, 1))
    assert CaseIndexChange.objects.filter(reader="figures").count() == 1

    state = do_refresh_figure_rollup()

    assert not CaseIndexChange.objects.filter(reader="figures").exists()
    # "computed at" is the instant the change log was read: not a clock read from the rows
    assert before <= state.refreshed_at <= timezone.now()
    assert RollupState.objects.get().refreshed_at == state.refreshed_at
