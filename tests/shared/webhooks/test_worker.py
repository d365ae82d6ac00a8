"""With a real Celery worker on the real Redis: a CIP sent (and committed) at a Procon reaches the
company's receiver on loopback, signed, once. The data is committed, so it lives in Sorocaba."""

import json

import pytest
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from shared.webhooks.models import WebhookDelivery
from shared.webhooks.signing import verify
from tests.factories import CompanyFactory, staff
from tests.shared.webhooks.helpers import endpoint_for
from tests.shared.webhooks.receiver import webhook_receiver
from tests.support.processes import wait_until
from tests.tenants.complaints.factories import at_cip_sent

pytestmark = pytest.mark.worker


def test_the_worker_posts_a_committed_cip_to_the_companys_receiver(
    committed, celery_worker_process
) -> None:
    with webhook_receiver(200) as receiver:
        # given a company with an endpoint on a receiver of this machine
        company = CompanyFactory()
        endpoint, secret = endpoint_for(company, url=receiver.url)

        # when a CIP is sent, and committed, at Sorocaba
        with tenant_context(committed):
            complaint = at_cip_sent(staff(committed, StaffRole.ATTENDANT), company=company)

        # then the worker delivers it
        def delivered() -> bool:
            return WebhookDelivery.objects.filter(endpoint=endpoint, status="delivered").exists()

        wait_until(delivered, timeout=30, what="the webhook delivery")

    [request] = receiver.requests
    body = json.loads(request.body)
    assert body["type"] == "complaint.cip_sent"
    assert body["data"]["case_number"] == complaint.number
    assert body["data"]["procon"] == "sorocaba"
    assert verify(
        secret=secret,
        timestamp=request.headers["X-Procon-Timestamp"],
        body=request.body,
        signature=request.headers["X-Procon-Signature"],
    )
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert (delivery.attempts, delivery.last_status_code) == (1, 200)
