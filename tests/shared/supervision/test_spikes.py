"""Spike alerts: the rule on numbers, then over the index (recorded once, supervisors e-mailed,
shown on the dashboard with the way to an inspection)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from portals.supervision import spikes
from portals.supervision.actions import do_detect_spike_alerts, find_spikes
from portals.supervision.models import SpikeAlert
from shared.notifications.models import OutboundEmail
from shared.procons.models import Procon
from tests.factories import CompanyFactory
from tests.shared.supervision.conftest import entry

TODAY = date(2025, 6, 30)


@pytest.mark.parametrize(
    ("week", "baseline", "spike"),
    [
        (3, [0] * 8, False),  # mean 0, sd 0 → threshold 0 + 3·1 = 3: not above
        (4, [0] * 8, True),
        (2, [0] * 8, False),  # fewer than MIN_WEEK never spikes
        (10, [2, 3, 2, 3, 2, 3, 2, 3], True),  # mean 2.5, sd 0.5 → threshold 5.5
        (5, [2, 3, 2, 3, 2, 3, 2, 3], False),
        (12, [0, 10, 0, 10, 0, 10, 0, 10], False),  # mean 5, sd 5 → threshold 20
    ],
)
def test_the_rule_compares_the_week_with_the_mean_plus_three_deviations(
    week, baseline, spike
) -> None:
    assert spikes.is_spike(week, baseline) is spike


def _week_of(procon, company, subject, count: int, *, days_ago: int, tag: str) -> None:
    for n in range(count):
        opened = timezone.make_aware(
            timezone.datetime.combine(
                TODAY - timedelta(days=days_ago), timezone.datetime.min.time()
            )
        ) + timedelta(hours=10 + n % 8)
        entry(procon, company, f"{tag}-{days_ago}-{n}", opened, subject=subject)


@pytest.fixture
def three_procons(procon, other_procon, state_procon) -> list[Procon]:
    return [procon, other_procon, state_procon]


@pytest.mark.django_db
def test_a_rise_in_three_procons_is_recorded_once_and_mailed_to_supervisors(
    three_procons, supervisor, supervisor_client
) -> None:
    # given: Vivo's "Telefonia" complaints, one a fortnight before, five this week, in each
    company = CompanyFactory(trade_name="Vivo")
    quiet = CompanyFactory(trade_name="Calma")
    for procon in three_procons:
        _week_of(procon, company, "Telefonia", 1, days_ago=20, tag=procon.slug)
        _week_of(procon, company, "Telefonia", 5, days_ago=2, tag=procon.slug)
    # only two Procons: no alert
    for procon in three_procons[:2]:
        _week_of(procon, quiet, "Bancos", 6, days_ago=1, tag=f"q{procon.slug}")

    # when
    alerts = do_detect_spike_alerts(today=TODAY)
    again = do_detect_spike_alerts(today=TODAY + timedelta(days=1))

    # then
    assert len(alerts) == 1 and again == []
    alert = alerts[0]
    assert (alert.company_id, alert.subject, alert.week_count) == (company.pk, "Telefonia", 15)
    assert sorted(row["slug"] for row in alert.procons) == ["campinas", "santos", "sp"]
    assert SpikeAlert.objects.count() == 1
    mail = OutboundEmail.objects.get(key=f"spike-alert:{alert.pk}:to-supervisors")
    assert supervisor.email in mail.to
    assert f"/supervisao/painel/alertas/{alert.pk}/" in mail.body

    page = supervisor_client.get(f"/supervisao/painel/alertas/{alert.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="alert-procon-santos"' in html
    assert (
        f"/fiscalizacao/inspecoes/nova/?company={company.pk}&amp;origin=alert&amp;ref={alert.pk}"
        in html
    )
    api = supervisor_client.get("/api/v1/supervision/alerts/").json()
    assert api[0]["company_id"] == company.pk and len(api[0]["procons"]) == 3


@pytest.mark.django_db
def test_a_steady_rate_is_no_spike(three_procons) -> None:
    company = CompanyFactory()
    for procon in three_procons:
        for week in range(9):
            _week_of(procon, company, "Energia", 4, days_ago=1 + 7 * week, tag=procon.slug)

    assert find_spikes(TODAY) == {}
