"""Writes of the supervision app: the spike alerts found over the case index, and the e-mail
that tells the state supervisors."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portals.supervision import spikes
from portals.supervision.models import (
    ROLLUP_CACHE_VERSION_KEY,
    FigureBreakdown,
    FigureRollup,
    RollupState,
    SpikeAlert,
)
from shared.accounts.models import StaffMembership
from shared.accounts.roles import StaffRole
from shared.caseindex.models import CaseIndexChange, CaseIndexEntry
from shared.notifications.actions import do_queue_email
from shared.procons.models import Procon, host_url
from shared.procons.schemas import in_public_schema
from shared.procons.selectors import state_procon

TENANT_URLCONF = "config.urls_tenants"


def _window_counts(today: date) -> list[dict[str, object]]:
    """Per (company, subject, Procon): complaints in the last 7 days (w0) and in each of the 8
    weeks before (w1..w8), one grouped query over the index; only groups that could spike."""
    end = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
    weeks = spikes.BASELINE_WEEKS + 1
    start = end - timedelta(days=spikes.WINDOW_DAYS * weeks)
    buckets = {
        f"w{n}": Count(
            "id",
            filter=Q(
                opened_at__gte=end - timedelta(days=spikes.WINDOW_DAYS * (n + 1)),
                opened_at__lt=end - timedelta(days=spikes.WINDOW_DAYS * n),
            ),
        )
        for n in range(weeks)
    }
    return list(
        CaseIndexEntry.objects.filter(
            kind=CaseIndexEntry.Kind.COMPLAINT, opened_at__gte=start, opened_at__lt=end
        )
        .exclude(subject="")
        .order_by()
        .values("company_id", "subject", "procon_id")
        .annotate(**buckets)
        .filter(w0__gte=spikes.MIN_WEEK)
    )


def find_spikes(today: date) -> dict[tuple[int, str], list[dict[str, object]]]:
    """(company, subject) → the Procons where it spikes, only when they are enough for an alert."""
    found: dict[tuple[int, str], list[dict[str, object]]] = defaultdict(list)
    for row in _window_counts(today):
        baseline = [int(row[f"w{n}"]) for n in range(1, spikes.BASELINE_WEEKS + 1)]
        week = int(row["w0"])
        if spikes.is_spike(week, baseline):
            mean, sd = spikes.baseline(baseline)
            found[(row["company_id"], row["subject"])].append(
                {
                    "procon_id": row["procon_id"],
                    "week": week,
                    "mean": round(mean, 2),
                    "sd": round(sd, 2),
                }
            )
    return {key: rows for key, rows in found.items() if len(rows) >= spikes.MIN_PROCONS}


def do_detect_spike_alerts(*, today: date | None = None) -> list[SpikeAlert]:
    """Record an alert per spiking (company, subject) and e-mail the supervisors; idempotent
    for a day, and quiet for a week while the same spike goes on."""
    today = today or timezone.localdate()
    created = []
    spiking = find_spikes(today)
    names = dict(
        Procon.objects.filter(
            pk__in={row["procon_id"] for rows in spiking.values() for row in rows}
        ).values_list("pk", "name")
    )
    slugs = dict(Procon.objects.filter(pk__in=names).values_list("pk", "slug"))
    for (company_id, subject), rows in sorted(spiking.items(), key=lambda item: item[0]):
        recent = SpikeAlert.objects.filter(
            company_id=company_id,
            subject=subject,
            detected_on__gt=today - timedelta(days=spikes.WINDOW_DAYS),
        )
        if recent.exists():
            continue
        procons = sorted(
            (
                {
                    **row,
                    "name": names.get(row["procon_id"], ""),
                    "slug": slugs.get(row["procon_id"], ""),
                }
                for row in rows
            ),
            key=lambda row: (-row["week"], row["name"]),
        )
        with transaction.atomic():
            alert = SpikeAlert.objects.create(
                company_id=company_id,
                subject=subject,
                detected_on=today,
                week_count=sum(row["week"] for row in procons),
                procons=procons,
            )
            _tell_supervisors(alert)
        created.append(alert)
    return created


def _tell_supervisors(alert: SpikeAlert) -> None:
    state = state_procon()
    if state is None:
        return
    recipients = sorted(
        StaffMembership.objects.filter(
            procon=state, role=StaffRole.SUPERVISOR, user__is_active=True
        ).values_list("user__email", flat=True)
    )
    if not recipients:
        return
    path = reverse(
        "supervision:alert-detail", kwargs={"alert_id": alert.pk}, urlconf=TENANT_URLCONF
    )
    with in_public_schema():
        do_queue_email(
            key=f"spike-alert:{alert.pk}:to-supervisors",
            to=recipients,
            subject=_("Complaint spike: %(company)s, %(subject)s")
            % {"company": alert.company, "subject": alert.subject},
            template="supervision/email/spike_alert.txt",
            context={"alert": alert, "alert_url": host_url(state.host, path)},
        )


_GRAIN = """CASE GROUPING(procon_id, company_id, municipality_id)
    WHEN 7 THEN 'state' WHEN 3 THEN 'procon' WHEN 5 THEN 'company' WHEN 1 THEN 'procon_company'
    WHEN 6 THEN 'municipality' ELSE 'company_municipality' END"""
_SMALL_GRAIN = """CASE GROUPING(procon_id, company_id)
    WHEN 3 THEN 'state' WHEN 1 THEN 'procon' ELSE 'company' END"""


def do_refresh_figure_rollup(*, full: bool = False, today: date | None = None) -> RollupState:
    """Bring the supervisor's pre-aggregated figures up to date with the case index: the months
    named by the change rows written with the index rows since the last refresh (old and new
    months of filing and of decision), or everything (the first refresh of a day, as the overdue
    counts depend on the day, or when asked). The change rows are taken in and deleted in the
    transaction that rebuilds their months, so a row committed later waits for the next refresh:
    no clock and no commit order can make a change missed. One transaction: readers see the old
    figures or the new ones, never a mix."""
    table = CaseIndexEntry._meta.db_table
    log = CaseIndexChange._meta.db_table
    reader = CaseIndexChange.Reader.FIGURES
    zone = timezone.get_current_timezone_name()
    today = today or timezone.localdate()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('supervision-rollup'))")
            state = RollupState.objects.select_for_update().first()
            full = full or state is None or state.as_of != today
            # Before the log is read: every change committed before this instant is taken in.
            cursor.execute("SELECT clock_timestamp()")
            started = cursor.fetchone()[0]
            if full:
                cursor.execute(f"DELETE FROM {log} WHERE reader = %s", [reader])  # noqa: S608
                months = None
            else:
                cursor.execute(
                    f"""WITH taken AS (
                        DELETE FROM {log} WHERE reader = %s RETURNING opened_at, decided_at)
                    SELECT date_trunc('month', opened_at AT TIME ZONE %s)::date FROM taken
                    UNION
                    SELECT date_trunc('month', decided_at AT TIME ZONE %s)::date FROM taken
                    WHERE decided_at IS NOT NULL""",  # noqa: S608
                    [reader, zone, zone],
                )
                months = sorted(row[0] for row in cursor.fetchall())
            if months is None:
                FigureRollup.objects.all().delete()
                FigureBreakdown.objects.all().delete()
            elif months:
                FigureRollup.objects.filter(month__in=months).delete()
                FigureBreakdown.objects.filter(month__in=months).delete()
            if months is None or months:
                _aggregate(cursor, table=table, zone=zone, today=today, months=months)
        if state is None:
            state = RollupState.objects.create(refreshed_at=started, watermark=started, as_of=today)
        else:
            state.refreshed_at, state.watermark, state.as_of = started, started, today
            state.save(update_fields=["refreshed_at", "watermark", "as_of"])
        version = int(timezone.now().timestamp() * 1000)
        transaction.on_commit(lambda: cache.set(ROLLUP_CACHE_VERSION_KEY, version, None))
    if not connection.in_atomic_block:
        _vacuum(analyze=full)
    return state


def _vacuum(*, analyze: bool) -> None:
    """Mark the rewritten pages all-visible (the ranking reads the rollup from its index alone)
    and drop the replaced rows; after a full rebuild, refresh the planner's statistics too.
    VACUUM cannot run in a transaction, hence after the commit and only outside any."""
    command = "VACUUM (ANALYZE)" if analyze else "VACUUM"
    with connection.cursor() as cursor:
        for model in (FigureRollup, FigureBreakdown):
            cursor.execute(f"{command} {model._meta.db_table}")


def _month_ranges(column: str, months: list[date] | None) -> tuple[str, list[object]]:
    """A WHERE clause keeping the rows of `column` in the given months (all when None), as
    ranges so that the index on the column serves it."""
    if months is None:
        return "TRUE", []
    clauses, params = [], []
    zone = timezone.get_current_timezone()
    for month in months:
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        clauses.append(f"({column} >= %s AND {column} < %s)")
        params += [
            datetime.combine(month, time.min, tzinfo=zone),
            datetime.combine(following, time.min, tzinfo=zone),
        ]
    return "(" + " OR ".join(clauses) + ")", params


def _aggregate(cursor, *, table: str, zone: str, today: date, months: list[date] | None) -> None:  # type: ignore[no-untyped-def]
    """Insert the rollup of the months (all when None) in (grain, month) order, so that the
    rows a page sums sit on a few pages of the table, not one page each."""
    opened, opened_params = _month_ranges("opened_at", months)
    decided, decided_params = _month_ranges("decided_at", months)
    month_of = "date_trunc('month', {} AT TIME ZONE %s)::date"
    cursor.execute(
        f"""INSERT INTO {FigureRollup._meta.db_table} (grain, month, kind, procon_id, company_id,
            municipality_id, filed, closed, resolved_at_cip, agreement, founded_met,
            founded_not_met, answered, on_time, answer_seconds, hearings_held,
            agreements_reached, overdue, fines_decided, fines_total)
        SELECT {_GRAIN}, month, kind, procon_id, company_id, municipality_id, sum(filed),
            sum(closed), sum(resolved_at_cip), sum(agreement), sum(founded_met),
            sum(founded_not_met), sum(answered), sum(on_time), sum(answer_seconds),
            sum(hearings_held), sum(agreements_reached), sum(overdue), sum(fines_decided),
            sum(fines_total)
        FROM (
            SELECT procon_id, company_id, municipality_id, kind,
                {month_of.format("opened_at")} AS month, 1 AS filed,
                (status = 'closed')::int AS closed,
                (classification = 'resolved_at_cip')::int AS resolved_at_cip,
                (classification = 'agreement')::int AS agreement,
                (classification = 'founded_met')::int AS founded_met,
                (classification = 'founded_not_met')::int AS founded_not_met,
                (answered_at IS NOT NULL)::int AS answered,
                (answer_timely IS TRUE)::int AS on_time,
                coalesce(extract(epoch FROM answered_at - opened_at), 0) AS answer_seconds,
                hearings_held, (agreement_reached IS TRUE)::int AS agreements_reached,
                (status = 'cip_lapsed' OR (status = 'cip_sent' AND cip_due_on < %s))::int
                    AS overdue,
                0 AS fines_decided, 0::numeric AS fines_total
            FROM {table} WHERE {opened}
            UNION ALL
            SELECT procon_id, company_id, municipality_id, kind,
                {month_of.format("decided_at")}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
                fine_amount
            FROM {table}
            WHERE kind = 'sanction' AND fine_amount IS NOT NULL AND {decided}
        ) AS source
        GROUP BY month, kind, GROUPING SETS ((), (procon_id), (company_id),
            (procon_id, company_id), (municipality_id), (company_id, municipality_id))
        ORDER BY 1, month""",  # noqa: S608
        [zone, today, *opened_params, zone, *decided_params],
    )
    cursor.execute(
        f"""INSERT INTO {FigureBreakdown._meta.db_table} (grain, month, kind, procon_id,
            company_id, field, value, count)
        SELECT {_SMALL_GRAIN}, month, kind, procon_id, company_id, field, value, count(*)
        FROM (
            SELECT procon_id, company_id, kind, {month_of.format("opened_at")} AS month,
                'status' AS field, status AS value
            FROM {table} WHERE {opened}
            UNION ALL
            SELECT procon_id, company_id, kind, {month_of.format("opened_at")}, 'answer_days',
                floor(extract(epoch FROM answered_at - opened_at) / 86400)::bigint::text
            FROM {table}
            WHERE kind = 'complaint' AND answered_at IS NOT NULL AND {opened}
        ) AS source
        GROUP BY month, kind, field, value, GROUPING SETS ((), (procon_id), (company_id))
        ORDER BY 1, month""",  # noqa: S608
        [zone, *opened_params, zone, *opened_params],
    )
