"""What staff and consumers see: the past-due banner, read-only staff on a lapsed Procon, the
supervisor's free plan."""

import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from shared.accounts.actions import do_issue_api_token
from shared.accounts.roles import StaffRole
from shared.billing.models import Subscription
from tenants.complaints.models import Complaint
from tenants.sanctions.actions.steps import get_sanction_settings
from tests.factories import ConsumerFactory, staff
from tests.shared.billing.conftest import subscription_row
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import file_complaint

pytestmark = pytest.mark.django_db


def _set_status(procon, status: str) -> None:  # type: ignore[no-untyped-def]
    Subscription.objects.filter(pk=subscription_row(procon).pk).update(status=status)


def test_past_due_shows_a_banner_to_staff_only(procon) -> None:
    _set_status(procon, "past_due")
    attendant = logged_in_client(staff(procon, StaffRole.ATTENDANT), procon.host)
    page = attendant.get("/atendimento/").content.decode()
    assert 'data-testid="billing-banner" data-status="past_due"' in page
    consumer = logged_in_client(ConsumerFactory(), procon.host)
    assert 'data-testid="billing-banner"' not in consumer.get("/").content.decode()


def test_a_lapsed_procon_is_read_only_for_staff_while_consumers_follow_their_cases(
    procon,
) -> None:
    consumer = ConsumerFactory()
    with tenant_context(procon):
        complaint = file_complaint(consumer=consumer)
    _set_status(procon, "cancelled")
    attendant = logged_in_client(staff(procon, StaffRole.ATTENDANT), procon.host)
    # staff read ...
    assert attendant.get(f"/reclamacoes/{complaint.number}/").status_code == 200
    # ... but cannot write, on pages or the API
    refused = attendant.post(f"/reclamacoes/{complaint.number}/aceitar/")
    assert refused.status_code == 403
    assert 'data-testid="subscription-lapsed"' in refused.content.decode()
    api = attendant.post(f"/api/v1/complaints/{complaint.number}/accept/")
    assert (api.status_code, api.json()["code"]) == (403, "subscription_lapsed")
    # the administrator can still pay again
    admin = logged_in_client(staff(procon, StaffRole.TENANT_ADMIN), procon.host)
    assert admin.post("/configuracoes/assinatura/pagar/", {"plan": "small"}).status_code == 302
    # the consumer keeps following the case
    follower = logged_in_client(consumer, procon.host)
    assert follower.get(f"/reclamacoes/{complaint.number}/").status_code == 200
    assert follower.get(f"/api/v1/complaints/{complaint.number}/").status_code == 200


def test_the_supervisor_grants_the_free_plan_on_the_state_host(procon, state_procon) -> None:
    supervisor = logged_in_client(staff(state_procon, StaffRole.SUPERVISOR), state_procon.host)
    assert supervisor.get(f"/supervisao/procons/{procon.slug}/plano/").status_code == 200
    assert supervisor.post(f"/supervisao/procons/{procon.slug}/plano/").status_code == 302
    row = Subscription.objects.get(procon=procon)
    assert (row.plan, row.status) == ("free", "free")
    assert row.changes.get().actor is not None
    assert supervisor.get(f"/supervisao/procons/{state_procon.slug}/plano/").status_code == 404
    # not from a municipal host, not for its administrator
    admin = logged_in_client(staff(procon, StaffRole.TENANT_ADMIN), procon.host)
    assert admin.get(f"/supervisao/procons/{procon.slug}/plano/").status_code == 404


def test_the_subscription_page_is_for_the_procon_administrator(procon) -> None:
    admin = logged_in_client(staff(procon, StaffRole.TENANT_ADMIN), procon.host)
    page = admin.get("/configuracoes/assinatura/")
    assert page.status_code == 200
    assert 'data-testid="checkout-button"' in page.content.decode()
    attendant = logged_in_client(staff(procon, StaffRole.ATTENDANT), procon.host)
    assert attendant.get("/configuracoes/assinatura/").status_code == 404


def _token_client(host: str, user) -> Client:  # type: ignore[no-untyped-def]
    """A client that authenticates only with an API token, as a script would."""
    _token, key = do_issue_api_token(user, name="script")
    return Client(HTTP_HOST=host, HTTP_AUTHORIZATION=f"Token {key}")


def test_a_lapsed_procon_refuses_staff_writes_made_with_an_api_token(procon) -> None:
    consumer = ConsumerFactory()
    with tenant_context(procon):
        complaint = file_complaint(consumer=consumer)
    _set_status(procon, "cancelled")
    attendant = _token_client(procon.host, staff(procon, StaffRole.ATTENDANT))
    admin = _token_client(procon.host, staff(procon, StaffRole.TENANT_ADMIN))

    # staff tokens still read ...
    assert attendant.get(f"/api/v1/complaints/{complaint.number}/").status_code == 200
    # ... but a POST and a PATCH get the answer the pages give, and change nothing
    accept = attendant.post(
        f"/api/v1/complaints/{complaint.number}/accept/", {}, content_type="application/json"
    )
    assert (accept.status_code, accept.json()["code"]) == (403, "subscription_lapsed")
    patch = admin.patch(
        "/api/v1/sanctions/settings/",
        {"secret_until_final": False},
        content_type="application/json",
    )
    assert (patch.status_code, patch.json()["code"]) == (403, "subscription_lapsed")
    with tenant_context(procon):
        assert Complaint.objects.get(pk=complaint.pk).status == complaint.status
        assert get_sanction_settings().secret_until_final is True
    # a staff token sent along a consumer's session is still the staff member's write
    _token, key = do_issue_api_token(staff(procon, StaffRole.ATTENDANT), name="script")
    mixed = logged_in_client(ConsumerFactory(), procon.host)
    mixed_accept = mixed.post(
        f"/api/v1/complaints/{complaint.number}/accept/",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert (mixed_accept.status_code, mixed_accept.json()["code"]) == (403, "subscription_lapsed")
    # a consumer's token keeps following the case
    follower = _token_client(procon.host, consumer)
    assert follower.get(f"/api/v1/complaints/{complaint.number}/").status_code == 200
    # a refused or absent token is the view's 401, not the billing answer
    stranger = Client(HTTP_HOST=procon.host, HTTP_AUTHORIZATION="Token not-a-real-key")
    assert stranger.post(f"/api/v1/complaints/{complaint.number}/accept/").status_code == 401


def test_writes_with_a_token_pass_again_once_the_subscription_is_active(procon) -> None:
    with tenant_context(procon):
        complaint = file_complaint(consumer=ConsumerFactory())
    _set_status(procon, "active")
    attendant = _token_client(procon.host, staff(procon, StaffRole.ATTENDANT))
    accepted = attendant.post(
        f"/api/v1/complaints/{complaint.number}/accept/", {}, content_type="application/json"
    )
    assert accepted.status_code == 200, accepted.json()
