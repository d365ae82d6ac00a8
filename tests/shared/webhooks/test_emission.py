"""Emission: complaint steps create deliveries, in the step's transaction, for the active
endpoints of the complaint's company group (same CNPJ root) subscribed to the event, and only
those; the task is queued after commit."""

import json
from datetime import timedelta
from unittest import mock

import pytest
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from shared.webhooks.actions import do_emit_company_event, do_set_webhook_endpoint_active
from shared.webhooks.models import WebhookDelivery
from shared.webhooks.tasks import deliver_webhook
from tenants.complaints.actions.answer import do_lapse_cip
from tenants.complaints.actions.closing import do_close_complaint
from tenants.complaints.actions.triage import do_reject_complaint
from tenants.complaints.lifecycle import ComplaintStatus
from tests.factories import CompanyFactory, ConsumerFactory, staff
from tests.shared.webhooks.helpers import branch_of, endpoint_for
from tests.tenants.complaints.factories import at_cip_sent, file_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def companies():
    head = CompanyFactory()
    return {"head": head, "branch": branch_of(head), "other": CompanyFactory()}


@pytest.fixture
def endpoints(companies):
    head_all, _ = endpoint_for(companies["head"], url="https://head.exemplo.test/all")
    branch_closed, _ = endpoint_for(
        companies["branch"], url="https://branch.exemplo.test/closed", events=["complaint.closed"]
    )
    disabled, _ = endpoint_for(companies["head"], url="https://head.exemplo.test/off")
    do_set_webhook_endpoint_active(disabled, actor=disabled.created_by, active=False)
    other, _ = endpoint_for(companies["other"], url="https://other.exemplo.test/all")
    return {
        "head_all": head_all,
        "branch_closed": branch_closed,
        "disabled": disabled,
        "other": other,
    }


def _received(endpoint) -> list[str]:
    return list(
        WebhookDelivery.objects.filter(endpoint=endpoint)
        .order_by("created_at", "id")
        .values_list("event_type", flat=True)
    )


def test_a_case_of_a_branch_reaches_the_groups_subscribed_endpoints_only(
    procon, companies, endpoints
) -> None:
    consumer = ConsumerFactory(full_name="Maria Consumidora da Silva")
    with tenant_context(procon):
        attendant = staff(procon, StaffRole.ATTENDANT)
        # when the CIP of a complaint against the branch is sent
        complaint = at_cip_sent(attendant, company=companies["branch"], consumer=consumer)
        # and the deadline lapses
        do_lapse_cip(complaint, today=complaint.cip_due_on + timedelta(days=1))
        # and the case is closed
        complaint = do_close_complaint(
            complaint, actor=attendant, as_role="attendant", classification="founded_not_met"
        )

    assert complaint.status == ComplaintStatus.CLOSED
    assert _received(endpoints["head_all"]) == [
        "complaint.cip_sent",
        "complaint.deadline_lapsed",
        "complaint.closed",
    ]
    assert _received(endpoints["branch_closed"]) == ["complaint.closed"]
    assert _received(endpoints["disabled"]) == []
    assert _received(endpoints["other"]) == []

    sent = WebhookDelivery.objects.get(
        endpoint=endpoints["head_all"], event_type="complaint.cip_sent"
    )
    data = sent.payload["data"]
    assert sent.payload["type"] == "complaint.cip_sent"
    assert data["case_number"] == complaint.number
    assert data["procon"] == "santos"
    assert data["status"] == "cip_sent"
    assert data["cip_due_on"] == complaint.cip_due_on.isoformat()
    assert data["company_cnpj"] == companies["branch"].cnpj
    assert data["case_url"].endswith(f"/reclamacoes/{complaint.number}/")

    closed = WebhookDelivery.objects.filter(event_type="complaint.closed")
    assert {d.event_id for d in closed} == {closed[0].event_id}  # one event, two endpoints
    assert closed[0].payload["data"]["classification"] == "founded_not_met"

    # no consumer personal data in any body
    everything = json.dumps([d.payload for d in WebhookDelivery.objects.all()], ensure_ascii=False)
    for personal in (consumer.full_name, consumer.email, consumer.cpf, complaint.facts):
        assert personal not in everything


def test_a_case_closed_before_reaching_the_company_emits_nothing(
    procon, companies, endpoints
) -> None:
    with tenant_context(procon):
        attendant = staff(procon, StaffRole.ATTENDANT)
        complaint = file_complaint(company=companies["head"])
        do_reject_complaint(
            complaint,
            actor=attendant,
            as_role="attendant",
            reason="not_this_procon",
            explanation="Outra cidade.",
        )
    assert not WebhookDelivery.objects.exists()


def test_steps_at_another_procon_reach_the_same_company_endpoints(
    procon, other_procon, companies, endpoints
) -> None:
    for tenant in (procon, other_procon):
        with tenant_context(tenant):
            at_cip_sent(staff(tenant, StaffRole.ATTENDANT), company=companies["head"])
    procons = [d.payload["data"]["procon"] for d in WebhookDelivery.objects.order_by("id")]
    assert procons == ["santos", "campinas"]


def test_the_delivery_task_is_queued_only_after_commit(
    companies, endpoints, django_capture_on_commit_callbacks
) -> None:
    with mock.patch.object(deliver_webhook, "apply_async") as apply_async:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            [delivery] = do_emit_company_event(
                company=companies["other"], event_type="complaint.closed", payload={"x": 1}
            )
            assert not apply_async.called
        assert len(callbacks) == 1
        apply_async.assert_called_once()
        assert apply_async.call_args.kwargs["args"] == (delivery.pk,)
