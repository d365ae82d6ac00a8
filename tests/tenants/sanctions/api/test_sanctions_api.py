"""The fiscalização API on Santos's host: every step, 409 with a reason for an illegal one, 400
naming the field, 404 for anything out of reach, and the public endpoints."""

from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from tenants.sanctions.models import IssuedDocument
from tests.conftest import host_client
from tests.factories import CompanyFactory, company_agent, staff
from tests.support.clients import logged_in_client
from tests.tenants.sanctions.factories import issue_notice, notified

pytestmark = pytest.mark.django_db
API = "/api/v1/sanctions"


def test_the_whole_process_through_the_api(procon, inspector, judge, company, agent) -> None:
    staff_client = logged_in_client(inspector, procon.host)
    created = staff_client.post(
        f"{API}/inspections/",
        {
            "origin": "planned",
            "company_id": company.pk,
            "place_address": "Rua A, 1",
            "municipality_ibge_code": 3548500,
            "inspected_at": timezone.now().isoformat(),
            "inspector_ids": [inspector.pk],
            "findings": "Preços ausentes.",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    inspection_id = created.json()["id"]
    with tenant_context(procon):
        from tenants.penalties.selectors import provisions

        provision_id = provisions().filter(default_group="II").first().pk
    issued = staff_client.post(
        f"{API}/inspections/{inspection_id}/notice/",
        {
            "facts": "Sem preço.",
            "provision_ids": [provision_id],
            "sanction_provision": "CDC art. 56",
            "requirement": "Corrigir.",
            "inspector_post": "Fiscal",
            "inspector_registration": "F-9",
            "revenue_estimate": "1000000.00",
        },
        content_type="application/json",
    )
    assert issued.status_code == 200, issued.content
    number = issued.json()["number"]
    assert issued.json()["stage"] == "issued" and issued.json()["next_steps"] == ["notify"]
    notified_ = staff_client.post(f"{API}/processes/{number}/notify/")
    assert notified_.json()["stage"] == "awaiting_defence"

    company_client = logged_in_client(agent, procon.host)
    seen = company_client.get(f"{API}/processes/{number}/").json()
    assert set(seen["next_steps"]) == {"file_defence", "pay_at_base"}
    assert "access_code" not in str(seen["timeline"])
    defence = company_client.post(
        f"{API}/processes/{number}/defence/",
        {"text": "Defesa", "witnesses": [{"name": "Ana"}]},
        content_type="application/json",
    )
    assert defence.status_code == 200 and defence.json()["stage"] == "defence_filed"

    decided = logged_in_client(judge, procon.host).post(
        f"{API}/processes/{number}/decision/",
        {"dismiss": False, "reasoning": "Provado.", "sanctions": ["fine"]},
        content_type="application/json",
    )
    assert decided.status_code == 200, decided.content
    body = decided.json()
    assert body["fine_amount"] == "7518.80" and body["stage"] == "appeal_window"
    assert body["decisions"][0]["calculation"]["steps"]

    appeal = company_client.post(
        f"{API}/processes/{number}/appeal/",
        {"text": "Excessiva."},
        content_type="application/json",
    )
    assert appeal.status_code == 200 and appeal.json()["stage"] == "appealed"
    upheld = logged_in_client(judge, procon.host).post(
        f"{API}/processes/{number}/appeal-decision/",
        {"ruling": "uphold", "reasoning": "Mantida."},
        content_type="application/json",
    )
    assert upheld.json()["stage"] == "final"
    paid = logged_in_client(judge, procon.host).post(
        f"{API}/processes/{number}/payment/",
        {"amount": "7518.80", "paid_on": timezone.localdate().isoformat(), "reference": "GRU 1"},
        content_type="application/json",
    )
    assert (paid.json()["stage"], paid.json()["outcome"]) == ("closed", "paid")

    public = host_client(procon.host).get(f"{API}/lookup/{number}/").json()
    assert public["stage"] == "closed" and public["fine_amount"] == "7518.80"
    assert company.legal_name not in str(public)


def test_an_illegal_step_is_409_with_its_reason(procon, inspector, judge) -> None:
    with tenant_context(procon):
        notice = notified(inspector)
    response = logged_in_client(judge, procon.host).post(
        f"{API}/processes/{notice.number}/decision/",
        {"dismiss": True, "reasoning": "Cedo."},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "illegal_step" and response.json()["detail"]
    not_mine = logged_in_client(inspector, procon.host).post(
        f"{API}/processes/{notice.number}/decision/",
        {"dismiss": True, "reasoning": "x"},
        content_type="application/json",
    )
    assert not_mine.status_code == 409 and not_mine.json()["code"] == "not_allowed"


def test_bad_input_is_400_naming_the_field(procon, inspector, company, agent) -> None:
    with tenant_context(procon):
        notice = notified(inspector, company=company)
    response = logged_in_client(agent, procon.host).post(
        f"{API}/processes/{notice.number}/defence/",
        {"text": "", "witnesses": [{"name": "A"}, {"name": "B"}, {"name": "C"}, {"name": "D"}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert {"text", "witnesses"} <= set(response.json())
    contest = logged_in_client(agent, procon.host).post(
        f"{API}/processes/{notice.number}/defence/",
        {"text": "Defesa", "contests_revenue": True, "claimed_revenue": "10"},
        content_type="application/json",
    )
    assert contest.status_code == 400 and "revenue_documents" in contest.json()
    bad = logged_in_client(inspector, procon.host).post(
        f"{API}/inspections/", {"origin": "nonsense"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "origin" in bad.json()


def test_out_of_reach_is_404(procon, other_procon, inspector, company, agent) -> None:
    with tenant_context(procon):
        notice = notified(inspector, company=company)
    other_agent = company_agent(CompanyFactory())
    assert (
        logged_in_client(other_agent, procon.host)
        .get(f"{API}/processes/{notice.number}/")
        .status_code
        == 404
    )
    foreign = staff(other_procon, StaffRole.INSPECTOR)
    assert (
        logged_in_client(foreign, procon.host).get(f"{API}/processes/{notice.number}/").status_code
        == 404
    )
    assert logged_in_client(foreign, procon.host).get(f"{API}/inspections/").status_code == 404
    assert (
        logged_in_client(foreign, other_procon.host)
        .get(f"{API}/processes/{notice.number}/")
        .status_code
        == 404
    )
    assert logged_in_client(agent, procon.host).get(f"{API}/processes/").status_code == 404
    assert host_client(procon.host).get(f"{API}/processes/{notice.number}/").status_code in (
        401,
        403,
    )


def test_staff_list_and_settings(procon, inspector) -> None:
    with tenant_context(procon):
        notice = issue_notice(inspector)
    listed = logged_in_client(inspector, procon.host).get(f"{API}/processes/?stage=issued").json()
    assert notice.number in [row["number"] for row in listed]
    admin = staff(procon, StaffRole.TENANT_ADMIN)
    changed = logged_in_client(admin, procon.host).patch(
        f"{API}/settings/", {"appeal_window_days": 20}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["appeal_window_days"] == 20
    refused = logged_in_client(admin, procon.host).patch(
        f"{API}/settings/", {"appeal_window_days": 0}, content_type="application/json"
    )
    assert refused.status_code == 400 and "appeal_window_days" in refused.json()
    assert logged_in_client(inspector, procon.host).get(f"{API}/settings/").status_code == 404


def test_verify_endpoint(procon, inspector) -> None:
    with tenant_context(procon):
        notice = notified(inspector, revenue_estimate=Decimal("5"))
        code = IssuedDocument.objects.get(notice=notice).code
    client = host_client(procon.host)
    ok = client.get(f"{API}/verify/{code}/").json()
    assert ok == ok | {"valid": True, "kind": "notice", "number": notice.number}
    assert client.get(f"{API}/verify/{'2' * 16}/").status_code == 404


def test_the_process_list_costs_the_same_queries_for_one_or_many(
    procon, inspector, django_assert_max_num_queries
) -> None:
    client = logged_in_client(inspector, procon.host)
    with tenant_context(procon):
        issue_notice(inspector)
    client.get(f"{API}/processes/")  # warm the session and role caches
    with django_assert_max_num_queries(16) as one:
        assert len(client.get(f"{API}/processes/").json()) == 1
    with tenant_context(procon):
        for _ in range(4):
            issue_notice(inspector)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(client.get(f"{API}/processes/").json()) == 5
