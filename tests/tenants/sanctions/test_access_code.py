"""The notice's access code on `/processos/acesso/`: wrong codes from one address cannot lock the
company out of its process, and guessing from one address is refused."""

import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from tenants.complaints.access_code import AccessCodeThrottle
from tests.factories import staff
from tests.tenants.sanctions.factories import notified

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def _open(client: Client, number: str, code: str):  # type: ignore[no-untyped-def]
    return client.post("/processos/acesso/", {"number": number, "code": code})


def test_wrong_codes_from_elsewhere_do_not_lock_the_company_out_of_its_process(procon) -> None:
    inspector = staff(procon, StaffRole.INSPECTOR)
    with tenant_context(procon):
        notice = notified(inspector)
        code = notice.events.get(step="notify").data["access_code"]
    attacker = Client(HTTP_HOST=procon.host, REMOTE_ADDR="203.0.113.7")

    # given five wrong codes from a third party, the company opens its process from its connection
    for _ in range(5):
        _open(attacker, notice.number, "WRONG12345")
    holder = Client(HTTP_HOST=procon.host, REMOTE_ADDR="198.51.100.20")
    opened = _open(holder, notice.number, code)
    assert opened.status_code == 302
    assert holder.get(opened["Location"]).status_code == 200
    # the guesser who goes on is refused, even with the right code
    for _ in range(AccessCodeThrottle.CLIENT_LIMIT):
        _open(attacker, notice.number, "WRONG12345")
    assert _open(attacker, notice.number, code).status_code == 429
