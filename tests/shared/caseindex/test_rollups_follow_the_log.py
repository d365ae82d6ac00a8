"""The rollups (the supervisor's figures, the live registry) read the index's change log, written
by a trigger in the writer's transaction: after any sequence of writes, moves, deletions and
skewed clocks, the refreshed rollups equal a full rebuild, and a transaction that commits after
a refresh read the log is taken in by the next refresh."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import count

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from portals.supervision.actions import do_refresh_figure_rollup
from portals.supervision.models import FigureBreakdown, FigureRollup, RollupState
from shared.caseindex.models import CaseIndexChange, CaseIndexEntry
from shared.registry.actions import do_refresh_registry_rollup
from shared.registry.models import RegistryFigure, RegistryRollupState
from tests.factories import CompanyFactory

_numbers = count(1)
TODAY = date(2025, 6, 15)
NOW = datetime(2025, 6, 15, 15, tzinfo=UTC)
FUTURE = NOW + timedelta(days=7)
STATUSES = ("registered", "cip_sent", "answered", "cip_lapsed", "closed")
CLASSIFICATIONS = ("", "resolved_at_cip", "agreement", "founded_met", "founded_not_met")

# Instants that sit on the boundaries the rollups cut on (local months, local years) and far
# from now in both directions, as skewed clocks write them.
instants = st.one_of(
    st.datetimes(
        min_value=datetime(2024, 11, 1),
        max_value=datetime(2025, 5, 1),
        timezones=st.just(UTC),
    ),
    st.sampled_from(
        [
            datetime(2025, 1, 1, 2, 30, tzinfo=UTC),  # 31 Dec 2024, 23:30 in São Paulo
            datetime(2025, 3, 1, 3, 0, tzinfo=UTC),  # 1 Mar 2025, 00:00 in São Paulo
            datetime(2031, 7, 1, tzinfo=UTC),  # years ahead
            datetime(2009, 7, 1, tzinfo=UTC),  # years behind
        ]
    ),
)
# None: the writer leaves updated_at alone
clock = st.one_of(st.none(), st.none(), instants)
rows = st.integers(min_value=0, max_value=30)  # picks one of the rows filed so far

operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("file"),
            st.integers(0, 2),  # Procon
            st.integers(0, 2),  # company
            st.sampled_from(["complaint", "complaint", "sanction"]),
            instants,  # opened
            instants,  # updated
        ),
        st.tuples(st.just("step"), rows, st.sampled_from(STATUSES), instants, clock),
        st.tuples(st.just("reclassify"), rows, st.sampled_from(CLASSIFICATIONS), instants, clock),
        st.tuples(st.just("decide"), rows, st.one_of(st.none(), instants), clock),
        st.tuples(st.just("company"), rows, st.integers(0, 2), clock),
        st.tuples(st.just("procon"), rows, st.integers(0, 2), clock),
        st.tuples(st.just("reopen"), rows, instants, clock),
        st.tuples(st.just("delete"), rows),
        st.tuples(st.just("refresh"), st.sampled_from(["figures", "registry"]), st.integers(0, 1)),
    ),
    max_size=25,
)


def _case(procon, company, prefix: str, *, kind: str = "complaint", **fields) -> CaseIndexEntry:
    """A row straight into the case index, numbered `<prefix>-<n>`."""
    return CaseIndexEntry.objects.create(
        procon=procon,
        kind=kind,
        number=f"{prefix}-{next(_numbers)}",
        tenant_object_id=0,
        company=company,
        **fields,
    )


def _snapshot() -> dict[str, list[tuple]]:
    tables = {}
    for model in (FigureRollup, FigureBreakdown, RegistryFigure):
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
        tables[model.__name__] = sorted(model.objects.values_list(*fields), key=repr)
    return tables


def _apply(operation: tuple, *, procons, companies, filed: list[int]) -> None:
    name, *args = operation
    if name == "file":
        procon, company, kind, opened, updated = args
        entry = _case(
            procons[procon],
            companies[company],
            "P",
            kind=kind,
            status="registered",
            opened_at=opened,
            updated_at=updated,
        )
        filed.append(entry.pk)
        return
    if name == "refresh":
        reader, day = args
        refresh = do_refresh_figure_rollup if reader == "figures" else do_refresh_registry_rollup
        refresh(today=TODAY + timedelta(days=day))
        return
    if not filed:
        return
    row = CaseIndexEntry.objects.filter(pk=filed[args[0] % len(filed)])
    changes: dict[str, object] = {}
    if name == "step":
        _row, status, when, updated = args
        changes = {"status": status, "answered_at": when, "cip_due_on": when.date()}
    elif name == "reclassify":
        _row, classification, closed, updated = args
        changes = {"status": "closed", "classification": classification, "closed_at": closed}
    elif name == "decide":
        _row, decided, updated = args
        changes = {"decided_at": decided, "fine_amount": Decimal("1000.00") if decided else None}
    elif name == "company":
        _row, company, updated = args
        changes = {"company": companies[company]}
    elif name == "procon":
        _row, procon, updated = args
        changes = {"procon": procons[procon]}
    elif name == "reopen":
        _row, opened, updated = args
        changes = {"opened_at": opened, "status": "registered", "closed_at": None}
    elif name == "delete":
        row.delete()
        return
    if updated is not None:
        changes["updated_at"] = updated
    row.update(**changes)


@pytest.fixture
def scope(db, state_procon, procon, other_procon):
    return [state_procon, procon, other_procon], [CompanyFactory() for _ in range(3)]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=operations)
# The defects of the rollups that trusted `updated_at`, found by the replay of real data: a row
# changed "in the future" (the demo history), then a reclassification; a case moved to another
# company by a writer that left `updated_at` alone.
@example(
    operations=[
        ("file", 1, 0, "complaint", datetime(2025, 1, 10, tzinfo=UTC), FUTURE),
        ("refresh", "figures", 0),
        ("refresh", "registry", 0),
        ("file", 1, 1, "complaint", datetime(2025, 2, 10, tzinfo=UTC), NOW),
        ("reclassify", 1, "founded_not_met", datetime(2025, 3, 1, tzinfo=UTC), NOW),
    ]
)
@example(
    operations=[
        ("file", 1, 0, "complaint", datetime(2025, 1, 10, tzinfo=UTC), NOW - timedelta(days=1)),
        ("file", 2, 1, "complaint", datetime(2025, 2, 10, tzinfo=UTC), NOW),
        ("reclassify", 0, "founded_met", datetime(2025, 3, 1, tzinfo=UTC), None),
        ("refresh", "figures", 0),
        ("refresh", "registry", 0),
        ("company", 0, 2, None),
    ]
)
def test_after_any_sequence_of_changes_the_refreshed_rollups_equal_a_full_rebuild(
    scope, operations
) -> None:
    procons, companies = scope
    with transaction.atomic():
        filed: list[int] = []
        for operation in operations:
            _apply(operation, procons=procons, companies=companies, filed=filed)
        # when the beat tasks refresh (incrementally, when a refresh ran today already)
        do_refresh_figure_rollup(today=TODAY)
        do_refresh_registry_rollup(today=TODAY)
        refreshed = _snapshot()

        # then the rollups are what a rebuild from the index computes
        do_refresh_figure_rollup(full=True, today=TODAY)
        do_refresh_registry_rollup(full=True, today=TODAY)
        assert refreshed == _snapshot()
        transaction.set_rollback(True)


def _late_connection():  # type: ignore[no-untyped-def]
    """A second session on the test database, as another web process is."""
    late = connections.create_connection(DEFAULT_DB_ALIAS)
    late.set_schema_to_public()
    late.set_autocommit(False)
    return late


def test_a_change_committed_after_a_refresh_read_the_log_is_taken_by_the_next_refresh(
    committed_procon, django_db_blocker
) -> None:
    """A long transaction stamps its `updated_at` when it starts and commits after a refresh
    that took in a later change: the next refresh must still take it in."""
    with django_db_blocker.unblock():
        company = CompanyFactory()
        closed = datetime(2019, 5, 1, 15, tzinfo=UTC)
        case = _case(
            committed_procon,
            company,
            "LATE",
            status="closed",
            classification="founded_met",
            opened_at=closed - timedelta(days=30),
            closed_at=closed,
            updated_at=closed,
        )
        try:
            do_refresh_figure_rollup(full=True)
            do_refresh_registry_rollup(full=True)
            late = _late_connection()
            # given a transaction, begun 11 minutes ago, that reclassifies the case
            late.cursor().execute(
                "UPDATE caseindex_caseindexentry SET classification = 'founded_not_met',"
                " updated_at = now() - interval '11 minutes' WHERE id = %s",
                [case.pk],
            )
            # while another change commits and both refreshes run
            now = timezone.now()
            _case(
                committed_procon,
                company,
                "LATE",
                status="registered",
                opened_at=now,
                updated_at=now,
            )
            do_refresh_figure_rollup()
            do_refresh_registry_rollup()
            # when the long transaction commits
            late.commit()
            late.close()
            do_refresh_figure_rollup()
            do_refresh_registry_rollup()

            # then the next refresh of each rollup has the reclassification
            registry = RegistryFigure.objects.get(
                procon=committed_procon, company=company, year=2019
            )
            assert (registry.founded_met, registry.founded_not_met) == (0, 1)
            figures = FigureRollup.objects.get(
                grain="procon_company",
                procon_id=committed_procon.pk,
                company_id=company.pk,
                month=date(2019, 4, 1),
            )
            assert (figures.founded_met, figures.founded_not_met) == (0, 1)
        finally:
            CaseIndexEntry.objects.filter(company=company).delete()
            CaseIndexChange.objects.all().delete()
            for model in (
                FigureRollup,
                FigureBreakdown,
                RollupState,
                RegistryFigure,
                RegistryRollupState,
            ):
                model.objects.all().delete()
