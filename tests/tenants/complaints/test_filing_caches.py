"""A filing reads the Procon's settings, catalogue and subscription from what the web process
remembers: a change made through the product is honoured by the very next request, never the
remembered value."""

import json

import pytest
from django.db import connection
from django_tenants.utils import tenant_context

from shared.accounts.actions import do_issue_api_token
from shared.accounts.roles import StaffRole
from shared.billing.lifecycle import SubscriptionStatus
from shared.notifications.models import OutboundEmail
from tenants.catalogue.actions import do_set_subject_active
from tenants.catalogue.models import Subject
from tenants.configuration.actions import do_update_procon_settings
from tests.conftest import host_client
from tests.factories import staff
from tests.shared.billing.conftest import subscription_row
from tests.tenants.complaints.factories import catalogue_ids, file_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(consumer) -> dict[str, str]:
    _row, key = do_issue_api_token(consumer, name="memória")
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def _file(procon, company, token, key: str, **fields: object):  # type: ignore[no-untyped-def]
    ids = catalogue_ids(procon)
    body = {
        "company_id": company.pk,
        "subject_id": ids["subject"],
        "problem_id": ids["problem"],
        "purchase_channel_id": ids["purchase_channel"],
        "contacted_company_first": True,
        "facts": "A loja não entregou o sofá comprado há dois meses.",
        "request": "Quero a entrega ou o dinheiro de volta.",
        "lgpd_consent": True,
        **fields,
    }
    return host_client(procon.host).post(
        "/api/v1/complaints/",
        json.dumps(body),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
        **token,
    )


def test_a_new_sender_name_signs_the_next_filings_email(procon, company, token) -> None:
    assert _file(procon, company, token, "primeira").status_code == 201  # settings remembered
    with tenant_context(procon):
        do_update_procon_settings(email_sender_name="Atendimento Procon Santos")
    connection.set_schema_to_public()

    assert _file(procon, company, token, "segunda").status_code == 201

    with tenant_context(procon):
        sent = OutboundEmail.objects.order_by("-id").first()
    assert sent.from_email.startswith("Atendimento Procon Santos <"), sent.from_email


def test_a_subject_taken_off_the_catalogue_is_refused_at_once(procon, company, token) -> None:
    assert _file(procon, company, token, "primeira").status_code == 201  # catalogue remembered
    with tenant_context(procon):
        subject = Subject.objects.get(pk=catalogue_ids(procon)["subject"])
        do_set_subject_active(subject, active=False)
    connection.set_schema_to_public()

    refused = _file(procon, company, token, "segunda", subject_id=subject.pk)

    assert refused.status_code == 400
    assert list(refused.json()) == ["subject_id"]


def test_a_cancelled_subscription_makes_staff_read_only_at_once(procon) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    _row, key = do_issue_api_token(attendant, name="memória")
    api = host_client(procon.host)
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    with tenant_context(procon):
        first, second = file_complaint(), file_complaint()
    connection.set_schema_to_public()
    accepted = api.post(
        f"/api/v1/complaints/{first.number}/accept/", {}, content_type="application/json", **auth
    )
    assert accepted.status_code == 200, accepted.content  # the status is now remembered

    row = subscription_row(procon)
    row.status = SubscriptionStatus.CANCELLED
    row.save()

    refused = api.post(
        f"/api/v1/complaints/{second.number}/accept/", {}, content_type="application/json", **auth
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "subscription_lapsed")
