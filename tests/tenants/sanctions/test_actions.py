"""The sanction process through its domain services: numbering, notification, defence, lapses,
decisions without a fine, and the refusals (409 with a reason)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from shared.accounts.roles import StaffRole
from shared.caseindex.models import CaseIndexEntry
from shared.companies.models import Company
from shared.notifications.models import OutboundEmail
from tenants.sanctions.actions.company import (
    do_file_appeal,
    do_file_defence,
    do_lapse_appeal,
    do_lapse_defence,
)
from tenants.sanctions.actions.decisions import do_decide
from tenants.sanctions.actions.inspections import do_close_inspection
from tenants.sanctions.actions.steps import do_update_sanction_settings, window_due_date
from tenants.sanctions.errors import SanctionIllegalStep
from tenants.sanctions.lifecycle import DayCount, InspectionStatus, Instrument, Outcome
from tenants.sanctions.lifecycle import ProcessStatus as S
from tenants.sanctions.models import InfractionNotice, IssuedDocument, SanctionEvent
from tests.factories import CompanyFactory, company_agent, staff
from tests.tenants.complaints.factories import pdf_upload
from tests.tenants.sanctions.factories import create_inspection, issue_notice, notified

# The Procon's schema is active for the whole test (the people come from conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("santos")]


def test_an_inspection_that_finds_nothing_ends_with_its_rafs(inspector) -> None:
    inspection = create_inspection(inspector, uploads=[pdf_upload("foto.pdf")])
    inspection = do_close_inspection(inspection, actor=inspector, instrument=Instrument.RAFS)
    assert (inspection.status, inspection.instrument) == (InspectionStatus.CLOSED, "rafs")
    assert inspection.evidence.count() == 1
    with pytest.raises(SanctionIllegalStep):
        do_close_inspection(inspection, actor=inspector, instrument=Instrument.RAFS)


def test_only_inspectors_of_this_procon_create_inspections(santos, other_procon, judge) -> None:
    foreign_inspector = staff(other_procon, StaffRole.INSPECTOR)
    with pytest.raises(SanctionIllegalStep):
        create_inspection(foreign_inspector)
    inspector = staff(santos, StaffRole.INSPECTOR)
    with pytest.raises(ValidationError) as error:
        create_inspection(inspector, inspectors=[judge])
    assert "inspectors" in error.value.message_dict


def test_autos_are_numbered_per_procon_signed_indexed_and_carry_a_verification_code(
    santos, inspector, company
) -> None:
    first = issue_notice(inspector, company=company)
    second = issue_notice(inspector, company=company)
    year = timezone.localdate().year
    assert first.number.startswith(f"AI-SANTOS-{year}-")
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1
    assert first.inspector_id == inspector.pk and first.signed_at is not None
    assert first.provisions[0]["group"] == "II"
    assert first.inspection.status == InspectionStatus.CLOSED
    assert first.inspection.instrument == Instrument.INFRACTION_NOTICE
    document = IssuedDocument.objects.get(notice=first, kind="notice")
    assert len(document.code) == 16
    entry = CaseIndexEntry.objects.get(number=first.number)
    assert (entry.kind, entry.status, entry.company_id) == ("sanction", "issued", company.pk)


def test_a_refusal_to_sign_needs_a_witness(inspector) -> None:
    with pytest.raises(ValidationError) as error:
        issue_notice(inspector, respondent_signature="refused")
    assert "refusal_witness" in error.value.message_dict


def test_notification_starts_the_defence_window_and_emails_the_company(
    inspector, company, agent
) -> None:
    notice = notified(inspector, company=company)
    today = timezone.localdate()
    assert notice.status == S.AWAITING_DEFENCE
    assert notice.defence_due_on == window_due_date(today, days=15, count=DayCount.CALENDAR)
    assert notice.defence_due_on >= today + timedelta(days=15)
    assert not notice.access_code_hash
    entry = CaseIndexEntry.objects.get(number=notice.number)
    assert (entry.status, entry.cip_due_on) == ("awaiting_defence", notice.defence_due_on)
    email = OutboundEmail.objects.get(key__startswith=f"sanction:{notice.number}:")
    assert email.to == [agent.email]


def test_a_company_with_no_members_gets_a_one_case_access_code(inspector) -> None:
    company = CompanyFactory()
    Company.objects.filter(pk=company.pk).update(contact_email="sac@empresa.test")
    company.refresh_from_db()
    notice = notified(inspector, company=company)
    code = notice.events.get(step="notify").data["access_code"]
    assert notice.access_code_matches(code)
    assert not notice.access_code_matches("WRONGCODE1")
    email = OutboundEmail.objects.get(key__startswith=f"sanction:{notice.number}:")
    assert email.to == ["sac@empresa.test"] and code in email.body


def test_defence_with_witnesses_and_revenue_contest(inspector, company, agent) -> None:
    notice = notified(inspector, company=company)
    with pytest.raises(ValidationError) as error:
        do_file_defence(
            notice,
            actor=agent,
            text="Defesa",
            witnesses=[{"name": f"T{i}"} for i in range(4)],
            contests_revenue=True,
        )
    assert {"witnesses", "claimed_revenue", "revenue_documents"} <= set(error.value.message_dict)
    notice = do_file_defence(
        notice,
        actor=agent,
        text="Os preços estavam no sistema.",
        witnesses=[{"name": "Maria", "contact": "13 99999-0000"}],
        contests_revenue=True,
        claimed_revenue=500000,
        revenue_uploads=[pdf_upload("balanco.pdf")],
    )
    assert notice.status == S.DEFENCE_FILED
    assert notice.defence.claimed_revenue == 500000
    assert notice.evidence.get().purpose == "revenue"
    assert CaseIndexEntry.objects.get(number=notice.number).cip_due_on is None


def test_someone_else_cannot_defend_and_a_second_defence_is_refused(
    inspector, company, agent
) -> None:
    notice = notified(inspector, company=company)
    stranger = company_agent(CompanyFactory())
    with pytest.raises(SanctionIllegalStep) as refused:
        do_file_defence(notice, actor=stranger, text="x")
    assert refused.value.code == "not_allowed"
    notice = do_file_defence(notice, actor=agent, text="Defesa")
    with pytest.raises(SanctionIllegalStep) as again:
        do_file_defence(notice, actor=agent, text="Outra")
    assert again.value.code == "illegal_step" and str(S.DEFENCE_FILED.label) in again.value.message


def test_defence_after_the_deadline_is_refused_and_the_sweep_records_the_lapse(
    inspector, company, agent
) -> None:
    notice = notified(inspector, company=company)
    InfractionNotice.objects.filter(pk=notice.pk).update(defence_due_on=date(2020, 1, 10))
    notice.refresh_from_db()
    with pytest.raises(SanctionIllegalStep) as late:
        do_file_defence(notice, actor=agent, text="Defesa")
    assert late.value.code == "window_closed"
    assert do_lapse_defence(notice, today=date(2020, 1, 10)).status == S.AWAITING_DEFENCE
    notice = do_lapse_defence(notice, today=date(2020, 1, 11))
    assert notice.status == S.DEFENCE_LAPSED
    do_lapse_defence(notice, today=date(2020, 1, 12))
    assert notice.events.filter(step="lapse_defence").count() == 1


def test_the_judge_dismisses_and_the_process_ends(inspector, judge, company, agent) -> None:
    notice = notified(inspector, company=company)
    with pytest.raises(SanctionIllegalStep):
        do_decide(notice, actor=judge, dismiss=True, reasoning="Cedo demais")
    notice = do_file_defence(notice, actor=agent, text="Defesa")
    with pytest.raises(SanctionIllegalStep):
        do_decide(notice, actor=inspector, dismiss=True, reasoning="Não sou julgador")
    notice = do_decide(notice, actor=judge, dismiss=True, reasoning="Provas insuficientes.")
    assert (notice.status, notice.outcome) == (S.CLOSED, Outcome.DISMISSED)
    assert IssuedDocument.objects.filter(notice=notice, kind="decision").exists()
    assert CaseIndexEntry.objects.get(number=notice.number).classification == "dismissed"


def test_sanctions_without_a_fine_open_the_appeal_window_then_lapse_to_final(
    inspector, judge, company, agent
) -> None:
    notice = notified(inspector, company=company)
    notice = do_file_defence(notice, actor=agent, text="Defesa")
    notice = do_decide(
        notice, actor=judge, dismiss=False, reasoning="Infração provada.", sanctions=["seizure"]
    )
    assert notice.status == S.APPEAL_WINDOW and notice.appeal_due_on is not None
    assert CaseIndexEntry.objects.get(number=notice.number).cip_due_on == notice.appeal_due_on
    assert do_lapse_appeal(notice, today=notice.appeal_due_on).status == S.APPEAL_WINDOW
    notice = do_lapse_appeal(notice, today=notice.appeal_due_on + timedelta(days=1))
    assert notice.status == S.FINAL
    with pytest.raises(SanctionIllegalStep):
        do_file_appeal(notice, actor=agent, text="Tarde")


def test_business_day_windows_skip_weekends_and_holidays(santos, company) -> None:
    # Friday 2026-04-17; 5 business days skip the weekend and Tiradentes (Tuesday 21).
    assert window_due_date(date(2026, 4, 17), days=5, count=DayCount.BUSINESS) == date(2026, 4, 27)
    # Calendar: 15 days from Friday 2026-04-17 is Saturday 2 May, moved to Monday 4 May.
    assert window_due_date(date(2026, 4, 17), days=15, count=DayCount.CALENDAR) == date(2026, 5, 4)


def test_the_tenant_setting_changes_how_the_defence_window_is_counted(santos, inspector) -> None:
    admin = staff(santos, StaffRole.TENANT_ADMIN)
    with pytest.raises(SanctionIllegalStep):
        do_update_sanction_settings(actor=inspector, defence_window_days=20)
    do_update_sanction_settings(
        actor=admin, defence_window_days=10, defence_day_count=DayCount.BUSINESS
    )
    notice = notified(inspector)
    today = timezone.localdate()
    assert notice.defence_due_on == window_due_date(today, days=10, count=DayCount.BUSINESS)


def test_the_timeline_is_append_only(inspector) -> None:
    notice = notified(inspector)
    event = SanctionEvent.objects.filter(notice=notice).first()
    for statement in (
        "UPDATE sanctions_sanctionevent SET note = 'x' WHERE id = %s",
        "DELETE FROM sanctions_sanctionevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [event.pk])
    assert [e.step for e in notice.events.all()] == ["issue", "notify"]
