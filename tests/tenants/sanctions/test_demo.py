"""The fiscalização demo of Santos: an open inspection for the demo inspector and an auto
notified to Casas Bahia, seeded once however often the seed runs."""

import pytest
from django_tenants.utils import tenant_context

from demo import seed as demo
from demo.sanctions import seed_sanctions
from shared.caseindex.models import CaseIndexEntry
from shared.procons.models import Procon
from tenants.sanctions.lifecycle import ProcessStatus
from tenants.sanctions.models import InfractionNotice, Inspection

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_open_inspection_and_a_notified_auto_once() -> None:
    demo.seed_procons()
    demo.seed_companies()
    demo.seed_verified_companies()
    demo.seed_users()
    assert seed_sanctions() == seed_sanctions() == 2
    with tenant_context(Procon.objects.get(slug="santos")):
        assert Inspection.objects.filter(status="open", company__trade_name="Vivo").count() == 1
        notice = InfractionNotice.objects.get()
        assert notice.status == ProcessStatus.AWAITING_DEFENCE
        assert notice.company.trade_name == "Casas Bahia"
    assert CaseIndexEntry.objects.filter(kind="sanction", number=notice.number).exists()
