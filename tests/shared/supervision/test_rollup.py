"""The pre-aggregated figures follow the case index: a refresh re-reads the months changed since
the last one, the overdue counts move with the day, and the pages say how fresh they are."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from portals.supervision import selectors
from portals.supervision.actions import do_refresh_figure_rollup
from portals.supervision.models import FigureRollup, RollupState
from portals.supervision.selectors import Period, percentile_of_buckets
from portals.supervision.tasks import refresh_dashboard_figures
from shared import formats
from shared.caseindex.models import CaseIndexEntry
from tests.factories import CompanyFactory
from tests.shared.supervision.conftest import entry, local

pytestmark = pytest.mark.django_db
QUARTER = Period(first=date(2025, 1, 1), last=date(2025, 3, 1))


def test_a_complaint_indexed_after_a_refresh_counts_only_from_the_next_one(seeded, procon) -> None:
    company_a, _b = seeded
    now = timezone.now()
    entry(procon, company_a, "T-8", local(2025, 2, 20), status="registered", updated_at=now)

    assert selectors.figures(QUARTER)["complaints"]["filed"] == 6
    do_refresh_figure_rollup()

    figures = selectors.figures(QUARTER)["complaints"]
    assert figures["filed"] == 7
    assert figures["per_month"][1] == {"month": "2025-02", "filed": 3}
    assert selectors.figures(QUARTER, procon_id=procon.pk)["complaints"]["filed"] == 5


def test_an_incremental_refresh_rebuilds_only_the_months_that_changed(seeded, procon) -> None:
    company_a, _b = seeded
    january = FigureRollup.objects.filter(month=date(2025, 1, 1)).values_list("pk", flat=True)
    kept = set(january)
    entry(procon, company_a, "T-9", local(2025, 3, 25), updated_at=timezone.now())

    do_refresh_figure_rollup()

    assert set(january) == kept  # January's rows untouched
    assert selectors.figures(QUARTER)["complaints"]["per_month"][2]["filed"] == 3


def test_a_changed_status_moves_the_figures_after_the_refresh(seeded) -> None:
    CaseIndexEntry.objects.filter(number="T-4").update(
        status="closed", classification="founded_met", updated_at=timezone.now()
    )
    do_refresh_figure_rollup()

    complaints = selectors.figures(QUARTER)["complaints"]
    assert complaints["closed"] == 5
    assert complaints["overdue"] == 1  # only T-6, lapsed, is left
    assert complaints["by_status"] == {"cip_lapsed": 1, "closed": 5}


def test_the_overdue_count_follows_the_day_of_the_refresh(procon) -> None:
    company = CompanyFactory()
    today = timezone.localdate()
    entry(
        procon,
        company,
        "D-1",
        timezone.now(),
        status="cip_sent",
        cip_due_on=today + timedelta(days=1),
        updated_at=timezone.now(),
    )
    this_month = Period(first=today.replace(day=1), last=today.replace(day=1))
    do_refresh_figure_rollup()
    assert selectors.figures(this_month)["complaints"]["overdue"] == 0

    state = do_refresh_figure_rollup(today=today + timedelta(days=2))

    assert state.as_of == today + timedelta(days=2)
    assert selectors.figures(this_month)["complaints"]["overdue"] == 1


def test_the_90th_percentile_of_whole_days_is_postgresqls_percentile_cont() -> None:
    assert percentile_of_buckets({2: 1, 4: 1, 6: 1, 10: 1}, 0.9) == pytest.approx(8.8)
    assert percentile_of_buckets({3: 5}, 0.9) == 3.0
    assert percentile_of_buckets({1: 9, 20: 1}, 0.9) == pytest.approx(2.9)
    assert percentile_of_buckets({}, 0.9) is None


def test_the_pages_say_when_the_figures_were_computed(supervisor_client, seeded) -> None:
    state = RollupState.objects.get()

    page = supervisor_client.get("/supervisao/painel/?start=2025-01&end=2025-03")
    api = supervisor_client.get("/api/v1/supervision/figures/?start=2025-01&end=2025-03").json()

    assert 'data-testid="figures-as-of"' in page.content.decode()
    # the moment in words, its month in lower case as Portuguese writes it
    assert formats.long_date_time(state.refreshed_at) in page.content.decode()
    month = f" de {formats.month(state.refreshed_at.date()).split(' de ')[0]} de "
    assert month in page.content.decode() and month.islower()
    ranking = supervisor_client.get("/supervisao/painel/empresas/?start=2025-01&end=2025-03")
    assert 'data-testid="figures-as-of"' in ranking.content.decode()
    assert api["as_of"] is not None
    assert api["as_of"].startswith(f"{timezone.localtime(state.refreshed_at):%Y-%m-%dT%H:%M}")


def test_the_beat_task_rebuilds_the_figures_from_the_index(seeded) -> None:
    FigureRollup.objects.all().delete()
    RollupState.objects.all().delete()
    assert selectors.figures(QUARTER)["complaints"]["filed"] == 0

    refresh_dashboard_figures.apply()

    assert selectors.figures(QUARTER)["complaints"]["filed"] == 6
    assert RollupState.objects.get().as_of == timezone.localdate()


def test_before_the_first_refresh_the_pages_say_the_figures_are_not_computed(
    supervisor_client,
) -> None:
    page = supervisor_client.get("/supervisao/painel/").content.decode()

    assert 'data-testid="figures-not-computed"' in page
    assert 'data-testid="figures-as-of"' not in page
