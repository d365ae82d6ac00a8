"""Who acted on a timeline entry reads in the reader's language, whatever language the request
that wrote it spoke (an integrator's English API call, a Brazilian's page)."""

import pytest
from django.test import Client
from django.utils import translation
from django_tenants.utils import tenant_context

from kernel.workflow.timeline import ActorKind, actor_display
from shared.accounts.roles import StaffRole
from tests.conftest import host_client
from tests.factories import staff
from tests.tenants.complaints.factories import at_cip_sent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "name", "portuguese", "english"),
    [
        (ActorKind.SYSTEM, "", "Sistema", "System"),
        (ActorKind.CONSUMER, "", "Consumidor", "Consumer"),
        (ActorKind.COMPANY, "Vivo", "Vivo", "Vivo"),
        (
            ActorKind.COMPANY_ACCESS_CODE,
            "Vivo",
            "Vivo (com o código de acesso)",
            "Vivo (with the access code)",
        ),
        (ActorKind.STAFF, "Ana Lima", "Ana Lima (equipe do Procon)", "Ana Lima (Procon staff)"),
        # a row from before the kind was kept shows what it stored
        ("", "Ana Lima (Procon staff)", "Ana Lima (Procon staff)", "Ana Lima (Procon staff)"),
    ],
)
def test_each_kind_of_actor_in_each_language(kind, name, portuguese, english) -> None:
    with translation.override("pt-br"):
        assert actor_display(kind, name) == portuguese
    with translation.override("en"):
        assert actor_display(kind, name) == english


def test_steps_taken_in_english_read_in_portuguese_on_a_brazilians_page(procon) -> None:
    # given an attendant whose steps were taken by a client speaking English
    attendant = staff(procon, StaffRole.ATTENDANT)
    with tenant_context(procon), translation.override("en"):
        complaint = at_cip_sent(attendant)
    client: Client = host_client(procon.host)
    client.force_login(attendant)

    # when the case page is read in Portuguese, and the API in English
    page = client.get(f"/reclamacoes/{complaint.number}/").content.decode()
    api = client.get(
        f"/api/v1/complaints/{complaint.number}/", headers={"accept-language": "en"}
    ).json()

    # then each reader gets their own language
    assert f"{attendant.full_name} (equipe do Procon)" in page
    assert "(Procon staff)" not in page
    actors = {event["actor"] for event in api["timeline"]}
    assert f"{attendant.full_name} (Procon staff)" in actors
