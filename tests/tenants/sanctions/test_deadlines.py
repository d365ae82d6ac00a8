"""The lapse sweep: one query over the public case index finds the processes past their defence
or appeal deadline, and the per-process task records the lapse once, in its Procon's schema."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from shared.caseindex.models import CaseIndexEntry
from tenants.sanctions.actions.company import do_file_defence
from tenants.sanctions.actions.decisions import do_decide
from tenants.sanctions.index import lapsed_sanction_deadlines
from tenants.sanctions.lifecycle import ProcessStatus as S
from tenants.sanctions.models import InfractionNotice
from tenants.sanctions.tasks import lapse_sanction_deadline
from tests.factories import CompanyFactory, company_agent, staff
from tests.tenants.sanctions.factories import notified

pytestmark = pytest.mark.django_db


def test_the_sweep_finds_overdue_defences_and_appeals_across_procons(procon, other_procon) -> None:
    company = CompanyFactory()
    agent = company_agent(company)
    with tenant_context(procon):
        inspector = staff(procon, StaffRole.INSPECTOR)
        judge = staff(procon, StaffRole.JUDGE)
        waiting = notified(inspector, company=company)
        decided = do_decide(
            do_file_defence(notified(inspector, company=company), actor=agent, text="Defesa"),
            actor=judge,
            dismiss=False,
            reasoning="Provado.",
            sanctions=["seizure"],
        )
    with tenant_context(other_procon):
        foreign = notified(staff(other_procon, StaffRole.INSPECTOR), company=company)

    today = max(waiting.defence_due_on, decided.appeal_due_on, foreign.defence_due_on)
    found = {(e.procon_id, e.number) for e in lapsed_sanction_deadlines(today=today)}
    assert (procon.pk, waiting.number) not in found  # due today: not lapsed yet
    later = today + timedelta(days=1)
    found = {(e.procon_id, e.number) for e in lapsed_sanction_deadlines(today=later)}
    assert {
        (procon.pk, waiting.number),
        (procon.pk, decided.number),
        (other_procon.pk, foreign.number),
    } <= found

    with tenant_context(procon):
        assert lapse_sanction_deadline(waiting.number, later.isoformat()) == S.DEFENCE_LAPSED
        assert lapse_sanction_deadline(waiting.number, later.isoformat()) == S.DEFENCE_LAPSED
        assert lapse_sanction_deadline(decided.number, later.isoformat()) == S.FINAL
        assert (
            InfractionNotice.objects.get(pk=waiting.pk).events.filter(step="lapse_defence").count()
            == 1
        )
        assert lapse_sanction_deadline("AI-SANTOS-1900-000001", later.isoformat()) == "missing"
    assert CaseIndexEntry.objects.get(number=waiting.number).status == "defence_lapsed"
    assert (procon.pk, waiting.number) not in {
        (e.procon_id, e.number) for e in lapsed_sanction_deadlines(today=later)
    }


def test_a_defence_due_today_is_still_accepted(procon) -> None:
    company = CompanyFactory()
    agent = company_agent(company)
    with tenant_context(procon):
        notice = notified(staff(procon, StaffRole.INSPECTOR), company=company)
        InfractionNotice.objects.filter(pk=notice.pk).update(defence_due_on=timezone.localdate())
        notice.refresh_from_db()
        assert do_file_defence(notice, actor=agent, text="No prazo").status == S.DEFENCE_FILED
