"""Decisions with a fine computed by the dosimetry engine, payment at the base value, the
appeal's rulings and the decision PDF with its verification code."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from shared import formats
from shared.caseindex.models import CaseIndexEntry
from tenants.penalties.dosimetry import FineResult
from tenants.penalties.selectors import active_circumstances
from tenants.sanctions.actions.company import do_file_appeal, do_pay_at_base
from tenants.sanctions.actions.decisions import (
    do_decide,
    do_decide_appeal,
    do_record_payment,
    do_send_to_collection,
)
from tenants.sanctions.documents import decision_pdf, notice_pdf
from tenants.sanctions.errors import SanctionIllegalStep
from tenants.sanctions.lifecycle import Outcome
from tenants.sanctions.lifecycle import ProcessStatus as S
from tenants.sanctions.models import Decision
from tests.factories import CompanyFactory, company_agent
from tests.tenants.complaints.factories import pdf_upload
from tests.tenants.sanctions.factories import defended, fined, notified

# The Procon's schema is active for the whole test (the people come from conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("santos")]


def test_the_fine_is_computed_by_the_engine_stored_whole_and_indexed(
    inspector, judge, agent, company
) -> None:
    notice = fined(inspector, judge, agent, company)
    decision = Decision.objects.get(notice=notice, instance=1)
    # T1 of the note: R$ 1,000,000.00 x group II = R$ 7,518.80, above the floor.
    assert notice.fine_amount == Decimal("7518.80") == decision.fine_amount
    assert decision.revenue == Decimal("1000000.00")
    result = FineResult.from_dict(decision.calculation)
    assert result.amount_rounded == Decimal("7518.80")
    assert len(result.steps) >= 2
    assert notice.status == S.APPEAL_WINDOW
    entry = CaseIndexEntry.objects.get(number=notice.number)
    assert entry.fine_amount == Decimal("7518.80") and entry.decided_at is not None


def test_a_mitigating_circumstance_lowers_the_fine(inspector, judge, agent, company) -> None:
    mitigating = next(c for c in active_circumstances() if c.kind == "mitigating")
    notice = fined(inspector, judge, agent, company, circumstance_ids=[mitigating.pk])
    assert notice.fine_amount < Decimal("7518.80")


def test_an_accepted_revenue_contest_uses_the_revenue_the_company_claimed(
    inspector, judge, agent, company
) -> None:
    from tenants.sanctions.actions.company import do_file_defence
    from tests.tenants.sanctions.factories import notified as notify

    notice = notify(inspector, company=company)
    notice = do_file_defence(
        notice,
        actor=agent,
        text="Faturamento menor.",
        contests_revenue=True,
        claimed_revenue=Decimal("500000.00"),
        revenue_uploads=[pdf_upload("dre.pdf")],
    )
    notice = do_decide(
        notice,
        actor=judge,
        dismiss=False,
        reasoning="Faturamento comprovado.",
        sanctions=["fine"],
        accept_revenue_contest=True,
    )
    assert notice.decisions.get().revenue == Decimal("500000.00")
    assert notice.fine_amount == Decimal("3759.40")


def test_unknown_circumstances_and_missing_sanctions_are_field_errors(
    inspector, judge, agent, company
) -> None:
    notice = defended(inspector, agent, company)
    with pytest.raises(ValidationError) as error:
        do_decide(notice, actor=judge, dismiss=False, reasoning="x", sanctions=[])
    assert "sanctions" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        do_decide(
            notice,
            actor=judge,
            dismiss=False,
            reasoning="x",
            sanctions=["fine"],
            circumstance_ids=[999999],
        )
    assert "circumstances" in error.value.message_dict


def test_paying_at_base_value_ends_the_process(inspector, agent, company) -> None:
    notice = notified(inspector, company=company)
    notice = do_pay_at_base(notice, actor=agent, reference="DARE 123")
    assert (notice.status, notice.outcome) == (S.CLOSED, Outcome.PAID_AT_BASE)
    assert notice.payment.amount == Decimal("7518.80")
    with pytest.raises(SanctionIllegalStep):
        do_pay_at_base(notice, actor=agent, reference="DARE 124")


def test_appeal_reduced_with_a_new_calculation_then_paid(inspector, judge, agent, company) -> None:
    notice = fined(inspector, judge, agent, company)
    notice = do_file_appeal(notice, actor=agent, text="A multa é excessiva.")
    assert notice.status == S.APPEALED
    with pytest.raises(ValidationError):
        do_decide_appeal(notice, actor=judge, ruling="reduce", reasoning="Sem atenuante")
    mitigating = next(c for c in active_circumstances() if c.kind == "mitigating")
    notice = do_decide_appeal(
        notice,
        actor=judge,
        ruling="reduce",
        reasoning="Primeira infração.",
        circumstance_ids=[mitigating.pk],
    )
    assert notice.status == S.FINAL
    second = notice.decisions.get(instance=2)
    assert second.fine_amount == notice.fine_amount < Decimal("7518.80")
    assert second.calculation is not None
    notice = do_record_payment(
        notice,
        actor=judge,
        as_role="judge",
        amount=notice.fine_amount,
        paid_on=timezone.localdate(),
        reference="GRU 42",
    )
    assert (notice.status, notice.outcome) == (S.CLOSED, Outcome.PAID)


def test_appeal_upheld_then_sent_to_collection_and_annulled_ends(
    inspector, judge, agent, company
) -> None:
    notice = do_file_appeal(fined(inspector, judge, agent, company), actor=agent, text="Recurso")
    notice = do_decide_appeal(notice, actor=judge, ruling="uphold", reasoning="Mantida.")
    assert notice.fine_amount == Decimal("7518.80") and notice.status == S.FINAL
    with pytest.raises(ValidationError):
        do_record_payment(
            notice,
            actor=judge,
            as_role="judge",
            amount=Decimal("10"),
            paid_on=timezone.localdate() + timedelta(days=2),
            reference="x",
        )
    notice = do_send_to_collection(notice, actor=judge, as_role="judge", note="Dívida ativa")
    assert notice.outcome == Outcome.SENT_TO_COLLECTION

    other = do_file_appeal(
        fined(inspector, judge, company_agent(c2 := CompanyFactory()), c2),
        actor=company_agent(c2),
        text="Recurso",
    )
    other = do_decide_appeal(other, actor=judge, ruling="annul", reasoning="Nulidade.")
    assert (other.status, other.outcome, other.fine_amount) == (S.CLOSED, "annulled", None)


def test_pdfs_carry_the_verification_code_and_the_calculation(
    santos, inspector, judge, agent, company
) -> None:
    notice = fined(inspector, judge, agent, company)
    decision = notice.decisions.get()
    text = "".join(
        page.extract_text()
        for page in PdfReader(
            BytesIO(decision_pdf(decision, procon=santos, document=decision.document))
        ).pages
    )
    assert decision.document.code_display in text and notice.number in text
    assert "7.518,80" in text
    notice_text = "".join(
        p.extract_text()
        for p in PdfReader(
            BytesIO(notice_pdf(notice, procon=santos, document=notice.documents.get(kind="notice")))
        ).pages
    )
    assert notice.documents.get(kind="notice").code_display in notice_text
    assert "F-1234" in notice_text and "CDC art. 31" in notice_text
    # in Portuguese, with the money and the CNPJ as a Brazilian reads them
    assert "R$ 1.000.000,00" in notice_text
    assert formats.document(notice.respondent_document) in notice_text
    assert "matrícula F-1234" in notice_text and "registration" not in notice_text
    assert "(grupo " in notice_text
