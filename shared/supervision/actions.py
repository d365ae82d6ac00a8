"""Writes of the supervision app: the spike alerts found over the case index, and the e-mail
that tells the state supervisors."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context

from shared.accounts.models import StaffMembership
from shared.accounts.roles import StaffRole
from shared.caseindex.models import CaseIndexEntry
from shared.notifications.actions import do_queue_email
from shared.procons.models import Procon, host_url
from shared.procons.selectors import state_procon
from shared.supervision import spikes
from shared.supervision.models import SpikeAlert

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
    with schema_context(get_public_schema_name()):
        do_queue_email(
            key=f"spike-alert:{alert.pk}:to-supervisors",
            to=recipients,
            subject=_("Complaint spike: %(company)s, %(subject)s")
            % {"company": alert.company, "subject": alert.subject},
            template="supervision/email/spike_alert.txt",
            context={"alert": alert, "alert_url": host_url(state.host, path)},
        )
