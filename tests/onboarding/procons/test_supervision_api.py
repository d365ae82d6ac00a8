"""The state supervisor suspends and reactivates a municipal Procon through the API, with a reason."""

import pytest

from shared.accounts.roles import StaffRole
from shared.procons.models import Procon, ProconStatusChange
from tests.conftest import host_client
from tests.factories import staff
from tests.support.clients import logged_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(state_procon):
    return logged_in_client(staff(state_procon, StaffRole.SUPERVISOR), state_procon.host)


def test_the_supervisor_suspends_then_reactivates_with_reasons(supervisor, other_procon) -> None:
    # when
    suspended = supervisor.post(
        "/api/v1/supervision/procons/campinas/suspend/",
        {"reason": "Convênio vencido"},
        content_type="application/json",
    )
    # then
    assert suspended.status_code == 200
    assert suspended.json()["status"] == "suspended"
    assert Procon.objects.get(pk=other_procon.pk).status == "suspended"
    # and its site still answers its consumers
    assert host_client(other_procon.host).get("/").status_code == 200

    reactivated = supervisor.post(
        "/api/v1/supervision/procons/campinas/reactivate/",
        {"reason": "Convênio renovado"},
        content_type="application/json",
    )
    assert reactivated.json()["status"] == "active"
    history = list(
        ProconStatusChange.objects.filter(procon=other_procon)
        .order_by("id")
        .values_list("to_status", "reason")
    )
    assert history == [("suspended", "Convênio vencido"), ("active", "Convênio renovado")]


def test_a_reason_is_required_and_named(supervisor, other_procon) -> None:
    response = supervisor.post(
        "/api/v1/supervision/procons/campinas/suspend/", {}, content_type="application/json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["reason"]
    assert Procon.objects.get(pk=other_procon.pk).status == "active"


def test_the_state_procon_cannot_be_suspended(supervisor, state_procon) -> None:
    response = supervisor.post(
        "/api/v1/supervision/procons/sp/suspend/", {"reason": "x"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert Procon.objects.get(pk=state_procon.pk).status == "active"


def test_the_list_shows_every_procon_with_its_status(supervisor) -> None:
    rows = supervisor.get("/api/v1/supervision/procons/").json()
    statuses = {row["slug"]: row["status"] for row in rows}
    assert statuses.items() >= {("sp", "active"), ("santos", "active"), ("campinas", "active")}


def test_no_one_else_and_no_other_host_reaches_it(state_procon, procon, other_procon) -> None:
    supervisor_user = staff(state_procon, StaffRole.SUPERVISOR)
    on_santos = logged_in_client(supervisor_user, procon.host).post(
        "/api/v1/supervision/procons/campinas/suspend/",
        {"reason": "x"},
        content_type="application/json",
    )
    attendant = logged_in_client(staff(state_procon, StaffRole.ATTENDANT), state_procon.host).post(
        "/api/v1/supervision/procons/campinas/suspend/",
        {"reason": "x"},
        content_type="application/json",
    )
    assert on_santos.status_code == 404
    assert attendant.status_code == 404
    assert Procon.objects.get(pk=other_procon.pk).status == "active"


def test_supervisors_are_told_when_a_verified_application_arrives(state_procon) -> None:
    from tests.onboarding.procons.helpers import verified_application
    from tests.support.mail import link_in, public_emails

    # given two state supervisors
    first = staff(state_procon, StaffRole.SUPERVISOR)
    second = staff(state_procon, StaffRole.SUPERVISOR)

    # when an applicant confirms their e-mail
    application = verified_application()

    # then one e-mail reaches both, linking to the decision page on the state host
    [email] = public_emails(f"procon-application:{application.pk}:to-supervisors")
    assert sorted(email.to) == sorted([first.email, second.email])
    assert link_in(email).startswith(f"http://{state_procon.host}")
    assert f"/supervisao/adesoes/{application.pk}/" in link_in(email)
