"""The state supervisor suspends and reactivates a municipal Procon with a reason; each change
leaves an audit row. A suspended Procon keeps serving its consumers; its city's new complaints go
to the state Procon."""

import pytest
from django.core.exceptions import ValidationError

from shared.accounts.roles import StaffRole
from shared.procons.actions import do_reactivate_procon, do_suspend_procon
from shared.procons.lifecycle import ProconStatus
from shared.procons.models import ProconStatusChange
from shared.procons.selectors import procon_serving
from tests.conftest import host_client
from tests.factories import PASSWORD, staff

pytestmark = pytest.mark.django_db


def test_suspension_and_reactivation_are_audited(procon, state_procon, supervisor) -> None:
    # when
    suspended = do_suspend_procon(procon, actor=supervisor, reason="Convênio vencido.")
    # then its host still serves, and its city files at the state Procon
    assert suspended.status == ProconStatus.SUSPENDED
    assert host_client(procon.host).get("/").status_code == 200
    assert procon_serving(procon.municipality) == state_procon
    # when reactivated
    active = do_reactivate_procon(procon, actor=supervisor, reason="Convênio renovado.")
    assert active.status == ProconStatus.ACTIVE
    assert procon_serving(procon.municipality) == procon
    rows = list(
        ProconStatusChange.objects.filter(procon=procon)
        .order_by("id")
        .values_list("from_status", "to_status", "reason", "actor")
    )
    assert rows == [
        ("active", "suspended", "Convênio vencido.", supervisor.pk),
        ("suspended", "active", "Convênio renovado.", supervisor.pk),
    ]


@pytest.mark.parametrize(
    ("start", "action", "allowed"),
    [
        (ProconStatus.ACTIVE, do_suspend_procon, True),
        (ProconStatus.ACTIVE, do_reactivate_procon, False),
        (ProconStatus.SUSPENDED, do_suspend_procon, False),
        (ProconStatus.SUSPENDED, do_reactivate_procon, True),
        (ProconStatus.PENDING, do_suspend_procon, False),
        (ProconStatus.PENDING, do_reactivate_procon, False),
    ],
)
def test_status_changes_follow_the_transitions(procon, supervisor, start, action, allowed) -> None:
    type(procon).objects.filter(pk=procon.pk).update(status=start)
    procon.refresh_from_db()
    if allowed:
        assert action(procon, actor=supervisor, reason="Motivo.").status != start
    else:
        with pytest.raises(ValidationError):
            action(procon, actor=supervisor, reason="Motivo.")
        assert not ProconStatusChange.objects.filter(procon=procon).exists()


def test_a_reason_is_required_and_the_state_procon_is_never_suspended(
    procon, state_procon, supervisor
) -> None:
    with pytest.raises(ValidationError) as exc:
        do_suspend_procon(procon, actor=supervisor, reason="  ")
    assert "reason" in exc.value.error_dict
    with pytest.raises(ValidationError):
        do_suspend_procon(state_procon, actor=supervisor, reason="Motivo.")


def test_the_supervisor_suspends_from_the_page_and_others_get_404(
    procon, state_procon, supervisor
) -> None:
    client = host_client(state_procon.host)
    assert client.login(username=supervisor.email, password=PASSWORD)
    listing = client.get("/supervisao/procons/")
    assert b'data-testid="procon-santos" data-status="active"' in listing.content
    assert client.post("/supervisao/procons/santos/", {"reason": ""}).status_code == 400
    assert (
        client.post("/supervisao/procons/santos/", {"reason": "Convênio vencido."}).status_code
        == 302
    )
    procon.refresh_from_db()
    assert procon.status == ProconStatus.SUSPENDED
    assert client.get("/supervisao/procons/sp/").status_code == 404
    # the same supervisor on Santos's host, and a Santos admin, get 404
    santos = host_client(procon.host)
    assert santos.login(username=supervisor.email, password=PASSWORD)
    assert santos.get("/supervisao/procons/").status_code == 404
    admin = staff(procon, StaffRole.TENANT_ADMIN)
    santos_admin = host_client(procon.host)
    assert santos_admin.login(username=admin.email, password=PASSWORD)
    assert santos_admin.post("/supervisao/procons/santos/", {"reason": "x"}).status_code == 404
