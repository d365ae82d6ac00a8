"""The state supervisor decides on adhesions on the state Procon's host only."""

import pytest

from onboarding.procons.actions import do_approve_procon_application
from onboarding.procons.lifecycle import ApplicationStatus
from onboarding.procons.models import ProconApplication
from shared.accounts.roles import StaffRole
from tests.factories import staff
from tests.onboarding.helpers import listed_and_approved_by_api
from tests.onboarding.procons.helpers import verified_application
from tests.support.clients import logged_in_client
from tests.support.mail import public_emails

pytestmark = pytest.mark.django_db


def approved_application(state_procon, **overrides: object) -> ProconApplication:
    supervisor = staff(state_procon, StaffRole.SUPERVISOR)
    return do_approve_procon_application(verified_application(**overrides), actor=supervisor)


def test_rejection_needs_a_reason_and_is_audited_and_mailed(state_procon, supervisor) -> None:
    application = verified_application()
    client = logged_in_client(supervisor, state_procon.host)
    # when the reason is missing
    refused = client.post(f"/supervisao/adesoes/{application.pk}/", {"decision": "reject"})
    assert refused.status_code == 400
    # when it is given
    done = client.post(
        f"/supervisao/adesoes/{application.pk}/",
        {"decision": "reject", "reason": "Falta o convênio assinado."},
    )
    # then
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.decided_by == supervisor
    assert application.decision_reason == "Falta o convênio assinado."
    [mail] = public_emails(f"procon-application:{application.pk}:rejected")
    assert "Falta o convênio assinado." in mail.body
    # and the city and sub-domain are free again
    assert verified_application().status == ApplicationStatus.SUBMITTED


def test_api_lists_approves_and_refuses_a_second_decision(state_procon, supervisor) -> None:
    application = verified_application()
    client = logged_in_client(supervisor, state_procon.host)
    assert listed_and_approved_by_api(client, "procon", application)["status"] == "approved"
    again = client.post(
        f"/api/v1/supervision/procon-applications/{application.pk}/reject/",
        {"reason": "x"},
        content_type="application/json",
    )
    assert again.status_code == 409
    not_failed = client.post(f"/api/v1/supervision/procon-applications/{application.pk}/retry/")
    assert not_failed.status_code == 409


def test_supervision_answers_404_elsewhere_and_to_others(state_procon, procon, supervisor) -> None:
    application = verified_application()
    # a supervisor on a municipal host
    santos = logged_in_client(supervisor, procon.host)
    assert santos.get("/supervisao/adesoes/").status_code == 404
    assert santos.get("/api/v1/supervision/procon-applications/").status_code == 404
    # a Procon administrator of the state Procon who is not supervisor
    admin = staff(state_procon, StaffRole.TENANT_ADMIN)
    state = logged_in_client(admin, state_procon.host)
    assert state.get(f"/supervisao/adesoes/{application.pk}/").status_code == 404
    assert (
        state.post(f"/api/v1/supervision/procon-applications/{application.pk}/approve/").status_code
        == 404
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
