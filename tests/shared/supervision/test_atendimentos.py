"""The supervisor's atendimento figures, page and API, against a hand-counted set: in Santos,
3 guidance (2 at the counter, 1 by phone), 2 referrals, 4 preliminary services (1 filed on the
web, 3 registered at the counter) and 1 complaint opened directly (10); in Campinas, 1 guidance
by phone. Santos's demographics: 2 women of 31-40 (the guidance at the counter), 1 man over 70
(the web filing); the rest not given."""

from datetime import date

import pytest
from django_tenants.utils import tenant_context

from shared.caseindex.models import AtendimentoEntry
from tenants.counter.models import IntakeKind
from tests.shared.caseindex.atendimentos import (
    KNOWN_SET_BY_KIND,
    procon_totals,
    register_intake,
    register_known_set,
)
from tests.shared.supervision.conftest import local

pytestmark = pytest.mark.django_db
QUARTER = "?start=2025-01&end=2025-03"


@pytest.fixture
def known_set(procon, other_procon, company):
    web_consumer = {"consumer_sex": "M", "consumer_birth_date": date(1940, 1, 1)}
    register_known_set(
        procon, other_procon, company, web_consumer=web_consumer, campinas_channel="phone"
    )
    # all in February 2025 (the bands were computed when registered: the ages hold then too)
    AtendimentoEntry.objects.update(opened_at=local(2025, 2, 10))
    # and one of Santos outside the period
    with tenant_context(procon):
        late = register_intake(IntakeKind.GUIDANCE)
    AtendimentoEntry.objects.filter(number=late.number).update(opened_at=local(2025, 4, 1, 0))


def test_the_api_counts_by_kind_and_channel(supervisor_client, known_set, procon, other_procon):
    state = supervisor_client.get(f"/api/v1/supervision/figures/atendimentos/{QUARTER}").json()
    santos = supervisor_client.get(
        f"/api/v1/supervision/figures/atendimentos/{QUARTER}&procon={procon.slug}"
    ).json()

    assert state["atendimentos"]["total"] == 11
    assert state["atendimentos"]["by_kind"] == KNOWN_SET_BY_KIND
    assert procon_totals(state) == [(procon.slug, 10), (other_procon.slug, 1)]
    assert state["procons"][1]["by_kind"]["guidance"] == 1
    figures = santos["atendimentos"]
    assert figures["total"] == 10
    assert santos["procons"] == []
    pairs = {
        (row["kind"], row["channel"]): row["count"]
        for row in figures["by_kind_and_channel"]
        if row["count"]
    }
    assert pairs == {
        ("guidance", "counter"): 2,
        ("guidance", "phone"): 1,
        ("referral", "counter"): 2,
        ("preliminary", "web"): 1,
        ("preliminary", "counter"): 3,
        ("direct_complaint", "counter"): 1,
    }
    assert figures["by_channel"] == {"web": 1, "counter": 8, "phone": 1, "email": 0, "letter": 0}
    assert figures["by_sex"] == {"F": 2, "M": 1, "": 7}
    assert figures["by_age_band"]["31_40"] == 2
    assert figures["by_age_band"]["mais_70"] == 1
    assert figures["by_age_band"][""] == 7


def test_the_pages_show_them(supervisor_client, known_set, procon, other_procon):
    dashboard = supervisor_client.get(f"/supervisao/painel/{QUARTER}").content.decode()
    santos = supervisor_client.get(
        f"/supervisao/painel/procons/{procon.slug}/{QUARTER}"
    ).content.decode()

    assert 'data-testid="atendimentos-total">11<' in dashboard
    assert 'data-testid="kind-guidance-total">4<' in dashboard
    assert f'data-testid="atendimentos-{procon.slug}"' in dashboard
    assert f'data-testid="atendimentos-{other_procon.slug}"' in dashboard
    assert 'data-testid="atendimentos-total">10<' in santos
    assert 'data-testid="kind-preliminary-total">4<' in santos
    assert 'data-testid="kind-referral-total">2<' in santos
    assert 'data-testid="sex-F">2<' in santos
    assert 'data-testid="band-mais_70">1<' in santos
    assert 'data-testid="atendimentos-per-procon"' not in santos


def test_a_municipal_attendant_gets_404(procon):
    from shared.accounts.roles import StaffRole
    from tests.factories import staff
    from tests.support.clients import logged_in_client

    client = logged_in_client(staff(procon, StaffRole.ATTENDANT), procon.host)
    assert client.get("/api/v1/supervision/figures/atendimentos/").status_code == 404
