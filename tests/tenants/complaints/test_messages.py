"""Messages on a case's two threads, the staff's requests for information and the consumer's
documents after filing, through the actions: who writes where (and each refusal), what each side
reads on the timeline, the e-mail each message sends, and the clock rules."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import tenant_context

from kernel.errors import IllegalStep
from kernel.web.uploads import MAX_BYTES
from shared.accounts.roles import StaffRole
from shared.notifications.models import OutboundEmail
from tenants.complaints.actions.closing import do_withdraw_complaint
from tenants.complaints.actions.messages import (
    do_add_documents,
    do_post_message_with_access_code,
)
from tenants.complaints.actions.triage import do_assign_complaint
from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.complaints.lifecycle import Step
from tenants.complaints.models import CaseMessage, Thread
from tenants.complaints.privacy import complaints_for_export
from tenants.complaints.selectors import timeline, visible_attachments
from tests.factories import CompanyFactory, company_agent, staff
from tests.tenants.complaints.factories import (
    at_cip_sent,
    file_complaint,
    pdf_upload,
    posted_message,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("santos")]

CONSUMER = frozenset({"consumer"})
COMPANY = frozenset({"company"})
STAFF = frozenset({"attendant"})


@pytest.fixture
def case(attendant, consumer, company):
    return at_cip_sent(attendant, consumer=consumer, company=company)


def _notes(complaint, roles) -> list[str]:
    return [e.note for e in timeline(complaint, roles=roles) if e.step == Step.MESSAGE]


# --- who writes where --------------------------------------------------------------------------


def test_each_party_writes_in_its_own_thread_and_staff_in_both(case, consumer, agent, attendant):
    posted_message(case, consumer, "consumer", Thread.CONSUMER, "Do consumidor")
    posted_message(case, agent, "company", Thread.COMPANY, "Da empresa")
    posted_message(case, attendant, "attendant", Thread.CONSUMER, "Do Procon ao consumidor")
    posted_message(case, attendant, "attendant", Thread.COMPANY, "Do Procon à empresa")

    rows = list(CaseMessage.objects.filter(complaint=case).values_list("thread", "author_kind"))
    assert rows == [
        ("consumer", "consumer"),
        ("company", "company"),
        ("consumer", "staff"),
        ("company", "staff"),
    ]
    case.refresh_from_db()
    assert case.status == S.CIP_SENT


def test_the_consumer_cannot_write_in_the_company_thread(case, consumer):
    with pytest.raises(IllegalStep) as refused:
        posted_message(case, consumer, "consumer", Thread.COMPANY, "Quero falar com a empresa")
    assert refused.value.code == "not_allowed"
    assert not CaseMessage.objects.exists()
    assert not case.events.filter(step=Step.MESSAGE).exists()


def test_the_company_cannot_write_in_the_consumer_thread(case, agent):
    with pytest.raises(IllegalStep):
        posted_message(case, agent, "company", Thread.CONSUMER, "Para o consumidor")
    assert not CaseMessage.objects.exists()


def test_an_agent_of_another_company_cannot_write(case):
    stranger = company_agent(CompanyFactory())
    with pytest.raises(IllegalStep):
        posted_message(case, stranger, "company", Thread.COMPANY)
    assert not CaseMessage.objects.exists()


def test_staff_of_another_procon_cannot_write(case, other_procon):
    foreign = staff(other_procon, StaffRole.ATTENDANT)
    with pytest.raises(IllegalStep):
        posted_message(case, foreign, "attendant", Thread.CONSUMER)
    assert not CaseMessage.objects.exists()


def test_a_party_cannot_make_a_request_for_information(case, consumer):
    with pytest.raises(IllegalStep):
        posted_message(case, consumer, "consumer", Thread.CONSUMER, is_request=True)


def test_the_company_thread_opens_with_the_cip(attendant, consumer):
    complaint = file_complaint(consumer=consumer)
    with pytest.raises(ValidationError) as refused:
        posted_message(complaint, attendant, "attendant", Thread.COMPANY)
    assert "thread" in refused.value.message_dict
    # The consumer's thread is open from the filing on.
    posted_message(complaint, attendant, "attendant", Thread.CONSUMER, "Bem-vindo")
    assert complaint.messages.count() == 1


def test_a_closed_case_takes_no_message(case, consumer, attendant):
    closed = do_withdraw_complaint(case, actor=consumer, reason="Resolvi")
    with pytest.raises(IllegalStep) as refused:
        posted_message(closed, attendant, "attendant", Thread.CONSUMER)
    assert refused.value.code == "illegal_step"
    with pytest.raises(IllegalStep):
        posted_message(closed, consumer, "consumer", Thread.CONSUMER)
    assert not CaseMessage.objects.exists()


def test_a_blank_or_too_long_message_is_refused_on_its_field(case, consumer):
    with pytest.raises(ValidationError) as blank:
        posted_message(case, consumer, "consumer", Thread.CONSUMER, "   ")
    assert "body" in blank.value.message_dict
    with pytest.raises(ValidationError) as long:
        posted_message(case, consumer, "consumer", Thread.CONSUMER, "x" * 5_001)
    assert "body" in long.value.message_dict
    assert not CaseMessage.objects.exists()


def test_a_hostile_or_oversized_document_is_refused_and_nothing_is_recorded(case, consumer):
    fake_pdf = SimpleUploadedFile("nota.pdf", b"<script>alert(1)</script>", "application/pdf")
    with pytest.raises(ValidationError) as hostile:
        posted_message(case, consumer, "consumer", Thread.CONSUMER, uploads=[fake_pdf])
    assert "attachments" in hostile.value.message_dict
    huge = SimpleUploadedFile("grande.pdf", b"%PDF-1.4\n" + b"0" * MAX_BYTES, "application/pdf")
    with pytest.raises(ValidationError):
        posted_message(case, consumer, "consumer", Thread.CONSUMER, uploads=[huge])
    traversal = SimpleUploadedFile("../../etc/passwd.pdf", b"%PDF-1.4", "application/pdf")
    with pytest.raises(ValidationError):
        posted_message(case, consumer, "consumer", Thread.CONSUMER, uploads=[traversal])
    assert not CaseMessage.objects.exists()
    assert not case.attachments.exists()


def test_a_double_submit_posts_once(case, consumer):
    first = posted_message(case, consumer, "consumer", Thread.CONSUMER, idempotency_key="k1")
    again = posted_message(case, consumer, "consumer", Thread.CONSUMER, idempotency_key="k1")
    assert again.pk == first.pk
    assert case.events.filter(step=Step.MESSAGE).count() == 1


def test_with_the_access_code_the_company_writes_in_its_thread(case):
    message = do_post_message_with_access_code(
        case, code_hash=case.access_code_hash, body="Sem conta na plataforma"
    )
    assert message.thread == Thread.COMPANY and message.author is None
    assert message.author_kind == "company_code"
    with pytest.raises(IllegalStep):
        do_post_message_with_access_code(case, code_hash="0" * 64, body="Adivinhando")


# --- what each side reads ----------------------------------------------------------------------


def test_each_thread_is_read_by_its_party_and_staff_only(case, consumer, agent, attendant):
    posted_message(
        case,
        consumer,
        "consumer",
        Thread.CONSUMER,
        "Segredo do consumidor",
        uploads=[pdf_upload("rg.pdf")],
    )
    posted_message(
        case,
        attendant,
        "attendant",
        Thread.COMPANY,
        "Segredo da empresa",
        uploads=[pdf_upload("contrato.pdf")],
    )

    assert _notes(case, CONSUMER) == ["Segredo do consumidor"]
    assert _notes(case, COMPANY) == ["Segredo da empresa"]
    assert _notes(case, STAFF) == ["Segredo do consumidor", "Segredo da empresa"]
    names = {
        r: [a.original_name for a in visible_attachments(case, roles=r)]
        for r in (CONSUMER, COMPANY, STAFF)
    }
    assert "contrato.pdf" not in names[CONSUMER] and "rg.pdf" in names[CONSUMER]
    assert "rg.pdf" not in names[COMPANY] and "contrato.pdf" in names[COMPANY]
    assert {"rg.pdf", "contrato.pdf"} <= set(names[STAFF])


def test_the_consumers_data_export_leaves_out_the_company_thread(case, consumer, attendant):
    posted_message(
        case,
        attendant,
        "attendant",
        Thread.COMPANY,
        "Só para a empresa",
        uploads=[pdf_upload("interno.pdf")],
    )
    posted_message(case, attendant, "attendant", Thread.CONSUMER, "Para você")

    [export] = complaints_for_export(user=consumer, numbers=[case.number])
    notes = [entry["note"] for entry in export["timeline"]]
    assert "Para você" in notes and "Só para a empresa" not in notes
    assert "interno.pdf" not in [d["name"] for d in export["documents"]]


# --- e-mail ------------------------------------------------------------------------------------


def _message_mail(message) -> list[OutboundEmail]:
    return list(
        OutboundEmail.objects.filter(
            key=f"complaint:{message.complaint.number}:message:{message.pk}"
        )
    )


def test_staff_writing_to_the_consumer_e_mails_the_consumer_once(case, consumer, attendant):
    posted_message(case, attendant, "attendant", Thread.COMPANY, "Conteúdo da empresa")
    message = posted_message(case, attendant, "attendant", Thread.CONSUMER, "Envie a nota fiscal")
    [mail] = _message_mail(message)
    assert mail.to == [consumer.email]
    assert "Envie a nota fiscal" in mail.body
    assert "Conteúdo da empresa" not in mail.body


def test_staff_writing_to_the_company_e_mails_its_agents_not_the_consumer(
    case, consumer, agent, attendant
):
    message = posted_message(case, attendant, "attendant", Thread.COMPANY, "Explique a cobrança")
    [mail] = _message_mail(message)
    assert mail.to == [agent.email]
    assert consumer.email not in mail.to


def test_a_party_message_e_mails_the_assignee_and_nobody_while_unassigned(
    case, consumer, agent, attendant
):
    unassigned = posted_message(case, consumer, "consumer", Thread.CONSUMER, "Alguém aí?")
    assert _message_mail(unassigned) == []
    do_assign_complaint(case, actor=attendant, as_role="attendant", assignee=attendant)
    message = posted_message(case, agent, "company", Thread.COMPANY, "Resposta da empresa")
    [mail] = _message_mail(message)
    assert mail.to == [attendant.email]


# --- requests for information and the clock ------------------------------------------------------


def test_a_request_waits_for_the_partys_reply_in_its_thread(case, consumer, agent, attendant):
    due = timezone.localdate() + timedelta(days=5)
    to_consumer = posted_message(
        case,
        attendant,
        "attendant",
        Thread.CONSUMER,
        "Envie o contrato",
        is_request=True,
        reply_due_on=due,
    )
    to_company = posted_message(
        case, attendant, "attendant", Thread.COMPANY, "Envie a gravação", is_request=True
    )

    # The company writing does not answer the consumer's request, nor staff writing again.
    posted_message(case, agent, "company", Thread.COMPANY, "Segue a gravação")
    posted_message(case, attendant, "attendant", Thread.CONSUMER, "Lembrete")
    to_consumer.refresh_from_db()
    to_company.refresh_from_db()
    assert to_consumer.is_pending and to_consumer.reply_due_on == due
    assert not to_company.is_pending

    reply = posted_message(case, consumer, "consumer", Thread.CONSUMER, "Segue o contrato")
    to_consumer.refresh_from_db()
    assert not to_consumer.is_pending and to_consumer.answered_by_id == reply.pk


def test_a_request_to_the_company_during_the_cip_keeps_its_legal_deadline(case, agent, attendant):
    before = (case.status, case.cip_due_on)
    later = case.cip_due_on + timedelta(days=10)
    posted_message(
        case,
        attendant,
        "attendant",
        Thread.COMPANY,
        "Detalhe o contrato",
        is_request=True,
        reply_due_on=min(later, timezone.localdate() + timedelta(days=60)),
    )
    posted_message(case, agent, "company", Thread.COMPANY, "Segue")
    case.refresh_from_db()
    assert (case.status, case.cip_due_on) == before


def test_a_request_in_triage_keeps_the_case_in_triage(attendant, consumer):
    complaint = file_complaint(consumer=consumer)
    posted_message(
        complaint, attendant, "attendant", Thread.CONSUMER, "Qual o modelo?", is_request=True
    )
    complaint.refresh_from_db()
    assert complaint.status == S.REGISTERED


def test_the_reply_date_must_be_ahead_and_only_on_requests(case, attendant):
    today = timezone.localdate()
    for due in (today, today - timedelta(days=1), today + timedelta(days=61)):
        with pytest.raises(ValidationError) as refused:
            posted_message(
                case, attendant, "attendant", Thread.CONSUMER, is_request=True, reply_due_on=due
            )
        assert "reply_due_on" in refused.value.message_dict
    with pytest.raises(ValidationError):
        posted_message(
            case, attendant, "attendant", Thread.CONSUMER, reply_due_on=today + timedelta(days=3)
        )
    assert not CaseMessage.objects.exists()


# --- documents after filing ----------------------------------------------------------------------


def test_the_consumer_adds_documents_which_the_company_then_reads(case, consumer):
    do_add_documents(case, actor=consumer, uploads=[pdf_upload("fatura.pdf")], note="A fatura")
    event = case.events.get(step=Step.ADD_DOCUMENT)
    assert event.note == "A fatura"
    assert [a.original_name for a in event.attachments.all()] == ["fatura.pdf"]
    assert "fatura.pdf" in [a.original_name for a in visible_attachments(case, roles=COMPANY)]


def test_only_the_consumer_adds_documents_and_only_while_open(case, consumer, attendant, agent):
    for actor in (attendant, agent):
        with pytest.raises(IllegalStep):
            do_add_documents(case, actor=actor, uploads=[pdf_upload()])
    with pytest.raises(ValidationError) as none:
        do_add_documents(case, actor=consumer, uploads=[])
    assert "attachments" in none.value.message_dict
    closed = do_withdraw_complaint(case, actor=consumer)
    with pytest.raises(IllegalStep):
        do_add_documents(closed, actor=consumer, uploads=[pdf_upload()])
    assert not closed.events.filter(step=Step.ADD_DOCUMENT).exists()


def test_another_consumer_cannot_add_documents(case, other_procon):
    from tests.factories import ConsumerFactory

    with pytest.raises(IllegalStep):
        do_add_documents(case, actor=ConsumerFactory(), uploads=[pdf_upload()])


def test_messages_live_in_their_procons_schema(case, other_procon, consumer):
    posted_message(case, consumer, "consumer", Thread.CONSUMER)
    with tenant_context(other_procon):
        assert not CaseMessage.objects.exists()
