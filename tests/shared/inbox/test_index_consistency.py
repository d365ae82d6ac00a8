"""The case index row always equals the tenant complaint's indexed fields: written in the same
transaction (an answer whose index write fails leaves nothing behind), and after any sequence of
legal lifecycle steps taken with the real actions (hypothesis)."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tenants.utils import tenant_context
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared.accounts.roles import StaffRole
from shared.caseindex.models import CaseIndexEntry
from tenants.complaints.actions.answer import do_lapse_cip, do_record_company_answer, do_send_cip
from tenants.complaints.actions.closing import (
    do_close_complaint,
    do_confirm_agreement,
    do_lapse_rating,
    do_rate_answer,
    do_reopen_complaint,
    do_withdraw_complaint,
)
from tenants.complaints.actions.triage import (
    do_accept_complaint,
    do_assign_complaint,
    do_reject_complaint,
    do_reply_to_request,
    do_request_information,
)
from tenants.complaints.lifecycle import ALLOWED_FROM, Step
from tenants.complaints.models import CompanyAnswer, Complaint
from tenants.hearings.actions import do_schedule_hearing
from tenants.hearings.minutes import do_record_minutes
from tenants.hearings.selectors import current_hearing
from tests.factories import company_agent, staff
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import file_complaint
from tests.tenants.hearings.factories import hearing_time_arrives, in_days

pytestmark = pytest.mark.django_db

# The index's fields and the complaint's they copy: the same name but for the first two.
INDEXED = {"tenant_object_id": "pk", "opened_at": "created_at"} | {
    name: name
    for name in (
        "company_id",
        "status",
        "classification",
        "cip_due_on",
        "rating_due_on",
        "answered_at",
        "answer_timely",
        "updated_at",
        "closed_at",
    )
}


def assert_index_matches(procon, complaint: Complaint) -> None:
    complaint = Complaint.objects.select_related("subject").get(pk=complaint.pk)
    entry = CaseIndexEntry.objects.get(procon=procon, number=complaint.number)
    for index_field, tenant_field in INDEXED.items():
        assert getattr(entry, index_field) == getattr(complaint, tenant_field), index_field
    assert entry.subject == str(complaint.subject)


def test_an_inbox_answer_whose_index_write_fails_leaves_the_tenant_row_unchanged(
    agent_client, cases, procon, monkeypatch
) -> None:
    complaint = cases.santos_due
    before = CaseIndexEntry.objects.get(procon=procon, number=complaint.number)

    def broken_index(_complaint: object) -> None:
        raise RuntimeError("the index write failed")

    monkeypatch.setattr("tenants.complaints.actions.steps.do_index_complaint", broken_index)
    agent_client.raise_request_exception = True
    with pytest.raises(RuntimeError):
        agent_client.post(
            f"/empresa/caixa/santos/{complaint.number}/responder/",
            {"answer_type": "explained", "text": "Explicamos a cobrança."},
        )

    with tenant_context(procon):
        complaint.refresh_from_db()
        assert complaint.status == "cip_sent"
        assert not CompanyAnswer.objects.filter(complaint=complaint).exists()
        assert not complaint.events.filter(step=Step.ANSWER).exists()
    after = CaseIndexEntry.objects.get(procon=procon, number=complaint.number)
    assert (after.status, after.updated_at) == (before.status, before.updated_at)


def test_an_inbox_answer_writes_the_tenant_row_and_the_index_in_one_transaction(
    agent, cases, procon
) -> None:
    # given the agent's answer runs inside an outer transaction that is then rolled back
    complaint = cases.santos_due
    with tenant_context(procon), pytest.raises(_Rollback), transaction.atomic():
        do_record_company_answer(
            complaint, actor=agent, as_role="company", text="Ok.", answer_type="explained"
        )
        assert CaseIndexEntry.objects.get(number=complaint.number).status == "answered"
        raise _Rollback
    # then neither row kept the answer
    with tenant_context(procon):
        complaint.refresh_from_db()
    assert complaint.status == "cip_sent"
    assert CaseIndexEntry.objects.get(number=complaint.number).status == "cip_sent"
    assert logged_in_client(agent).get("/empresa/caixa/?status=answered").status_code == 200


class _Rollback(Exception):
    pass


# --- the property ---------------------------------------------------------------------------------


class Cast:
    def __init__(self, procon) -> None:
        self.attendant = staff(procon, StaffRole.ATTENDANT)
        self.conciliator = staff(procon, StaffRole.CONCILIATOR)
        self.admin = staff(procon, StaffRole.TENANT_ADMIN)


def _steps(cast: Cast, draw: Callable) -> dict[Step, Callable[[Complaint], object]]:
    a = {"actor": cast.attendant, "as_role": "attendant"}

    def agent_of(c: Complaint):
        return company_agent(c.company)

    def minutes(c: Complaint) -> object:
        hearing = hearing_time_arrives(current_hearing(complaint=c))
        outcome = draw(st.sampled_from(["agreement", "no_agreement", "consumer_absent"]))
        return do_record_minutes(
            hearing,
            actor=cast.conciliator,
            as_role="conciliator",
            outcome=outcome,
            summary="Audiência realizada.",
            agreement_terms="Troca em 10 dias." if outcome == "agreement" else "",
            agreement_due_on=timezone.localdate() + timedelta(days=10)
            if outcome == "agreement"
            else None,
        )

    return {
        Step.ASSIGN: lambda c: do_assign_complaint(c, assignee=cast.attendant, **a),
        Step.REQUEST_INFO: lambda c: do_request_information(c, question="Nota?", **a),
        Step.CONSUMER_REPLY: lambda c: do_reply_to_request(c, actor=c.consumer, text="Segue."),
        Step.ACCEPT: lambda c: do_accept_complaint(c, **a),
        Step.REJECT: lambda c: do_reject_complaint(
            c, reason="not_consumer_matter", explanation="Fora.", **a
        ),
        Step.SEND_CIP: lambda c: do_send_cip(c, **a),
        Step.ANSWER: lambda c: do_record_company_answer(
            c,
            actor=agent_of(c),
            as_role="company",
            text="Resolvido.",
            answer_type=draw(st.sampled_from(CompanyAnswer.AnswerType.values)),
        ),
        Step.LAPSE_CIP: lambda c: do_lapse_cip(c, today=c.cip_due_on + timedelta(days=1)),
        Step.RATE: lambda c: do_rate_answer(
            c, actor=c.consumer, resolved=draw(st.booleans()), satisfaction=3
        ),
        Step.LAPSE_RATING: lambda c: do_lapse_rating(c, today=c.rating_due_on + timedelta(days=1)),
        Step.SCHEDULE_HEARING: lambda c: do_schedule_hearing(
            c,
            actor=cast.conciliator,
            as_role="conciliator",
            conciliator=cast.conciliator,
            starts_at=in_days(3),
        ),
        Step.RECORD_MINUTES: minutes,
        Step.CONFIRM_AGREEMENT: lambda c: do_confirm_agreement(c, actor=c.consumer, fulfilled=True),
        Step.REPORT_BREACH: lambda c: do_confirm_agreement(c, actor=c.consumer, fulfilled=False),
        Step.CLOSE: lambda c: do_close_complaint(c, classification="not_founded", **a),
        Step.WITHDRAW: lambda c: do_withdraw_complaint(c, actor=c.consumer),
        Step.REOPEN: lambda c: do_reopen_complaint(c, reason="Erro.", **a),
    }


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_after_any_legal_sequence_of_steps_the_index_equals_the_complaint(procon, data) -> None:
    # Each example in its own savepoint, rolled back: hypothesis seeds `random`, so the factories
    # would draw the same CPFs again in the next example.
    with tenant_context(procon), transaction.atomic():
        _walk_the_lifecycle(procon, data)
        transaction.set_rollback(True)


def _walk_the_lifecycle(procon, data) -> None:
    cast = Cast(procon)
    steps = _steps(cast, data.draw)
    complaint = file_complaint()
    assert_index_matches(procon, complaint)
    for _ in range(data.draw(st.integers(min_value=1, max_value=12), label="length")):
        complaint = Complaint.objects.select_related("company", "consumer").get(pk=complaint.pk)
        legal = sorted(
            (step for step, run in steps.items() if complaint.status in ALLOWED_FROM[step]),
            key=str,
        )
        if not legal:
            break
        step = data.draw(st.sampled_from(legal), label="step")
        steps[step](complaint)
        assert_index_matches(procon, complaint)
