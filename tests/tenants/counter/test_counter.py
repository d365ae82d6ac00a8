"""The counter: an attendant finds or registers the consumer by CPF and registers atendimentos
of each kind on the page; the receipt PDF; who may see what."""

import uuid

import pytest
from django_tenants.utils import tenant_context

from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from shared.accounts.unclaimed import PLACEHOLDER_DOMAIN, do_register_unclaimed_consumer
from shared.audit.models import AuditEntry
from shared.notifications.models import OutboundEmail
from shared.notifications.tasks import send_email
from tenants.catalogue.models import Problem, Subject
from tenants.complaints.lifecycle import ComplaintStatus, Step, can_take
from tenants.complaints.models import Complaint
from tenants.counter.models import Intake
from tenants.counter.views import new_intake_url
from tests.factories import ConsumerFactory, staff
from tests.support.clients import logged_in_client
from tests.support.pdf import pdf_text
from tests.tenants.complaints.factories import catalogue_ids
from tests.tenants.counter.factories import OUTSIDERS, counter_outsider

pytestmark = pytest.mark.django_db

WALK_IN_CPF = "52998224725"


def _guidance(**overrides: object) -> dict[str, object]:
    return {
        "kind": "guidance",
        "channel": "counter",
        "summary": "Quer saber o prazo para devolver uma compra feita pela internet.",
        "guidance": "Sete dias a contar do recebimento (CDC, art. 49).",
        "form_token": uuid.uuid4().hex,
    } | overrides


def _subject_and_problem(procon) -> tuple[int, int]:
    """An active subject and a problem that may be filed under it."""
    with tenant_context(procon):
        subject = Subject.objects.filter(active=True).order_by("pk").first()
        related = getattr(subject, "problems", None)
        problems = related.filter(active=True) if related is not None else None
        if not problems or not problems.exists():
            problems = Problem.objects.filter(active=True)
        return subject.pk, problems.order_by("pk").first().pk


def _complaint_fields(procon, company, **overrides: object) -> dict[str, object]:
    ids = catalogue_ids(procon)
    subject, problem = _subject_and_problem(procon)
    return {
        "c-company_cnpj": company.cnpj_display,
        "c-subject": subject,
        "c-problem": problem,
        "c-purchase_channel": ids["purchase_channel"],
        "c-contacted_company_first": "yes",
        "c-customer_reference": "CONTRATO-7788",
        "c-facts": "A operadora cobra um serviço que o consumidor nunca contratou.",
        "c-request": "Cancelamento da cobrança e devolução em dobro.",
        "c-lgpd_consent": "on",
    } | overrides


@pytest.fixture
def client(procon, attendant):
    return logged_in_client(attendant, procon.host)


@pytest.fixture
def walk_in(procon) -> User:
    user, _created = do_register_unclaimed_consumer(
        full_name="José da Silva", cpf=WALK_IN_CPF, text_phone="+5513999990000", phone="13999990000"
    )
    return user


def _post_intake(client, consumer: User, data: dict) -> object:
    return client.post(new_intake_url(consumer), data)


# --- finding and registering the consumer ------------------------------------------------------


def test_lookup_by_cpf_finds_the_consumer_and_is_audited(procon, client, attendant) -> None:
    # given
    consumer = ConsumerFactory(full_name="Ana Pereira")
    # when
    response = client.post("/balcao/consumidor/", {"cpf": consumer.cpf_display})
    # then
    assert response.status_code == 200
    assert "Ana Pereira" in response.content.decode()
    entry = AuditEntry.objects.filter(
        user=attendant, route="counter:consumer", object_ref__contains="cpf="
    ).get()
    assert f"cpf={consumer.cpf}" in entry.object_ref and f"found={consumer.pk}" in entry.object_ref


def test_an_unknown_cpf_offers_the_registration(procon, client) -> None:
    response = client.post("/balcao/consumidor/", {"cpf": WALK_IN_CPF})
    assert 'data-testid="consumer-create-form"' in response.content.decode()


def test_an_invalid_cpf_is_a_field_error(procon, client) -> None:
    response = client.post("/balcao/consumidor/", {"cpf": "11111111111"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_consumer_without_email_gets_a_reserved_address_and_no_password(procon, client) -> None:
    # when
    response = client.post(
        "/balcao/consumidor/",
        {"new-full_name": "José da Silva", "new-cpf": WALK_IN_CPF, "new-mobile": "(13) 99999-0000"},
    )
    # then
    assert response.status_code == 302
    user = User.objects.get(cpf=WALK_IN_CPF)
    assert user.email.endswith("@" + PLACEHOLDER_DOMAIN)
    assert not user.has_usable_password()
    assert user.text_phone == "+5513999990000"


def test_a_consumer_needs_an_email_or_a_mobile(procon, client) -> None:
    response = client.post("/balcao/consumidor/", {"new-full_name": "José", "new-cpf": WALK_IN_CPF})
    assert response.status_code == 400
    assert not User.objects.filter(cpf=WALK_IN_CPF).exists()


def test_registering_a_cpf_that_has_an_account_finds_it_untouched(procon, client) -> None:
    # given
    consumer = ConsumerFactory(full_name="Ana Pereira", email="ana@exemplo.test")
    # when
    response = client.post(
        "/balcao/consumidor/",
        {
            "new-full_name": "Outra Pessoa",
            "new-cpf": consumer.cpf,
            "new-email": "outra@exemplo.test",
        },
    )
    # then
    assert response.status_code == 302
    consumer.refresh_from_db()
    assert (consumer.full_name, consumer.email) == ("Ana Pereira", "ana@exemplo.test")
    assert User.objects.filter(cpf=consumer.cpf).count() == 1


def test_the_outbox_never_sends_to_a_reserved_address(procon, walk_in, mailoutbox) -> None:
    from shared.notifications.actions import do_queue_email

    email = do_queue_email(
        key="test-reserved",
        to=[walk_in.email],
        subject="x",
        template="counter/email/receipt.txt",
        context={"intake": None, "procon": procon, "host_url": ""},
    )
    assert send_email.run(email.pk) is False
    assert mailoutbox == []
    assert OutboundEmail.objects.get(pk=email.pk).sent_at is None


def test_the_outbox_drops_a_reserved_address_among_real_ones(procon, walk_in, mailoutbox) -> None:
    from shared.notifications.actions import do_queue_email

    email = do_queue_email(
        key="test-mixed",
        to=["ana@exemplo.test", walk_in.email],
        subject="x",
        template="counter/email/receipt.txt",
        context={"intake": None, "procon": procon, "host_url": ""},
    )
    assert send_email.run(email.pk) is True
    assert [message.to for message in mailoutbox] == [["ana@exemplo.test"]]


# --- each kind -----------------------------------------------------------------------------------


def test_a_guidance_is_registered_numbered_and_closed(procon, client, walk_in, attendant) -> None:
    # when
    response = _post_intake(client, walk_in, _guidance())
    # then
    with tenant_context(procon):
        intake = Intake.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/atendimentos/{intake.number}/"
    assert intake.number.startswith("SANTOS-AT-") and intake.number.endswith("-000001")
    assert (intake.kind, intake.channel, intake.attendant) == ("guidance", "counter", attendant)
    assert intake.complaint is None


def test_a_guidance_needs_the_question_and_the_answer(procon, client, walk_in) -> None:
    response = _post_intake(client, walk_in, _guidance(summary="", guidance=""))
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_summary_error"' in body and 'id="id_guidance_error"' in body
    assert 'id="id_c-facts_error"' not in body  # no complaint is filed: its fields are not asked
    with tenant_context(procon):
        assert not Intake.objects.exists()


def test_a_referral_names_the_body_and_the_reason(procon, client, walk_in) -> None:
    # when: another body without its name nor a reason
    refused = _post_intake(
        client, walk_in, _guidance(kind="referral", guidance="", referral_body="other")
    )
    accepted = _post_intake(
        client,
        walk_in,
        _guidance(
            kind="referral",
            channel="phone",
            referral_body="anatel",
            referral_reason="Qualidade do sinal de telefonia móvel: competência da Anatel.",
        ),
    )
    # then
    assert refused.status_code == 400
    body = refused.content.decode()
    assert 'id="id_referral_to_error"' in body and 'id="id_referral_reason_error"' in body
    assert accepted.status_code == 302
    with tenant_context(procon):
        intake = Intake.objects.get()
    assert (intake.referral_body, intake.channel) == ("anatel", "phone")


def test_a_preliminary_service_files_the_complaint_as_the_attendant(
    procon, client, attendant, company
) -> None:
    # given
    consumer = ConsumerFactory()
    data = _guidance(kind="preliminary", summary="", guidance="") | _complaint_fields(
        procon, company
    )
    # when
    response = _post_intake(client, consumer, data)
    # then
    assert response.status_code == 302
    with tenant_context(procon):
        intake = Intake.objects.select_related("complaint").get()
        complaint = intake.complaint
        event = complaint.events.get(step=Step.FILE)
    assert complaint.status == ComplaintStatus.REGISTERED
    assert (complaint.channel, complaint.filed_by, complaint.consumer) == (
        "counter",
        attendant,
        consumer,
    )
    assert complaint.customer_reference == "CONTRATO-7788"
    assert complaint.lgpd_consent_at is not None
    assert (event.actor_id, event.actor_kind) == (attendant.pk, "staff")
    assert intake.summary == complaint.facts


def test_a_triaged_preliminary_service_is_accepted_and_its_cip_sent(
    procon, client, company
) -> None:
    consumer = ConsumerFactory()
    data = _guidance(kind="preliminary", send_cip_now="on") | _complaint_fields(procon, company)
    _post_intake(client, consumer, data)
    with tenant_context(procon):
        complaint = Complaint.objects.get()
    assert complaint.status == ComplaintStatus.CIP_SENT and complaint.cip_due_on is not None


def test_a_direct_complaint_is_accepted_and_may_go_to_a_hearing(procon, client, company) -> None:
    consumer = ConsumerFactory()
    data = _guidance(kind="direct_complaint") | _complaint_fields(procon, company)
    _post_intake(client, consumer, data)
    with tenant_context(procon):
        complaint = Complaint.objects.get()
    assert complaint.status == ComplaintStatus.ACCEPTED
    assert can_take(Step.SCHEDULE_HEARING, complaint.status)


def test_a_complaint_without_the_consent_is_refused(procon, client, company) -> None:
    consumer = ConsumerFactory()
    data = _guidance(kind="preliminary") | _complaint_fields(
        procon, company, **{"c-lgpd_consent": ""}
    )
    response = _post_intake(client, consumer, data)
    assert response.status_code == 400
    assert 'id="id_c-lgpd_consent_error"' in response.content.decode()
    with tenant_context(procon):
        assert not Intake.objects.exists() and not Complaint.objects.exists()


def test_a_double_submit_registers_one_atendimento(procon, client, walk_in, company) -> None:
    data = _guidance()
    first = _post_intake(client, walk_in, data)
    second = _post_intake(client, walk_in, data)
    assert first["Location"] == second["Location"]
    complaint = _guidance(kind="preliminary") | _complaint_fields(procon, company)
    _post_intake(client, walk_in, complaint)
    _post_intake(client, walk_in, complaint)
    with tenant_context(procon):
        assert Intake.objects.count() == 2 and Complaint.objects.count() == 1


def test_priority_from_the_birth_date_shows_on_the_lists(procon, client, walk_in) -> None:
    _post_intake(client, walk_in, _guidance(consumer_birth_date="01/01/1930"))
    page = client.get("/balcao/").content.decode()
    assert 'data-testid="priority-badge" data-priority="2"' in page


# --- the receipt ---------------------------------------------------------------------------------


def test_the_receipt_pdf_says_what_was_recorded_and_how_to_claim(procon, client, walk_in) -> None:
    _post_intake(client, walk_in, _guidance())
    with tenant_context(procon):
        intake = Intake.objects.get()
    response = client.get(f"/atendimentos/{intake.number}/comprovante.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert intake.number in text
    assert "José da Silva" in text and "***.982.247-**" in text
    assert "52998224725" not in text and "529.982.247-25" not in text
    assert "Sete dias" in text
    assert "/conta/ativar/" in text


def test_the_receipt_cannot_be_emailed_without_an_email(procon, client, walk_in) -> None:
    _post_intake(client, walk_in, _guidance())
    with tenant_context(procon):
        intake = Intake.objects.get()
    response = client.post(f"/atendimentos/{intake.number}/enviar-comprovante/", follow=True)
    assert "message-error" in response.content.decode()
    with tenant_context(procon):
        assert Intake.objects.get().receipt_emailed_at is None
        assert not OutboundEmail.objects.filter(key__startswith="intake-receipt:").exists()


def test_the_receipt_is_emailed_with_the_pdf_once_per_click(procon, client) -> None:
    consumer = ConsumerFactory(email="ana@exemplo.test")
    _post_intake(client, consumer, _guidance())
    with tenant_context(procon):
        intake = Intake.objects.get()
    client.post(f"/atendimentos/{intake.number}/enviar-comprovante/")
    client.post(f"/atendimentos/{intake.number}/enviar-comprovante/")
    with tenant_context(procon):
        emails = list(OutboundEmail.objects.filter(key__startswith="intake-receipt:"))
        assert Intake.objects.get().receipt_emailed_at is not None
    assert len(emails) == 1 and emails[0].to == ["ana@exemplo.test"]
    attachment = emails[0].attachments[0]
    assert attachment["content_type"] == "application/pdf" and attachment["encoding"] == "base64"


# --- who may see what -----------------------------------------------------------------------------


@pytest.fixture
def intake_number(procon, client, walk_in) -> str:
    _post_intake(client, walk_in, _guidance())
    with tenant_context(procon):
        return Intake.objects.get().number


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_get_404_on_the_counter_and_the_atendimento(
    procon, other_procon, intake_number, who
) -> None:
    user = counter_outsider(who, procon, other_procon)
    client = logged_in_client(user, procon.host)
    for path in (
        "/balcao/",
        "/balcao/consumidor/",
        f"/atendimentos/{intake_number}/",
        f"/atendimentos/{intake_number}/comprovante.pdf",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post("/balcao/consumidor/", {"cpf": WALK_IN_CPF}).status_code == 404
    assert client.post(f"/atendimentos/{intake_number}/enviar-comprovante/").status_code == 404


def test_the_other_procons_host_does_not_know_the_number(other_procon, intake_number) -> None:
    attendant = staff(other_procon, StaffRole.ATTENDANT)
    client = logged_in_client(attendant, other_procon.host)
    assert client.get(f"/atendimentos/{intake_number}/").status_code == 404


def test_the_consumer_lists_and_downloads_only_their_own(procon, walk_in, intake_number) -> None:
    walk_in.set_password("uma-senha-de-teste-longa")
    walk_in.save()
    client = logged_in_client(walk_in, procon.host)
    page = client.get("/meus-atendimentos/").content.decode()
    assert intake_number in page
    assert client.get(f"/atendimentos/{intake_number}/comprovante.pdf").status_code == 200
    assert client.get(f"/atendimentos/{intake_number}/").status_code == 404
    stranger = logged_in_client(ConsumerFactory(), procon.host)
    assert intake_number not in stranger.get("/meus-atendimentos/").content.decode()


def test_the_menu_leads_attendants_to_the_counter(procon, client) -> None:
    assert 'data-testid="nav-counter"' in client.get("/minhas-reclamacoes/").content.decode()


def test_no_cpf_travels_in_a_url(procon, client, walk_in) -> None:
    """The lookup and the search are posted, and the new atendimento's page names its consumer by
    a signed reference: a CPF never lands in a URL (server logs, the browser's history)."""
    found = client.post("/balcao/consumidor/", {"cpf": walk_in.cpf}).content.decode()
    link = new_intake_url(walk_in)
    searched = client.post("/balcao/", {"q": walk_in.cpf})

    assert walk_in.cpf not in link and walk_in.cpf_display not in link
    assert link in found.replace("&amp;", "&")
    assert searched.status_code == 200
    assert client.get(link).status_code == 200


def test_a_forged_or_missing_consumer_reference_goes_back_to_the_lookup(procon, client) -> None:
    victim = ConsumerFactory()
    forged = f"/balcao/novo/?consumidor={victim.pk}"

    assert client.get(forged).status_code == 302
    assert client.get("/balcao/novo/").status_code == 302


def test_a_business_known_only_by_name_is_filed_and_waits_for_its_document(
    procon, client, company
) -> None:
    """As on the consumer's form: the attendant types the name of a small business whose CNPJ
    nobody knows; the complaint is filed against it, and its CIP waits for the document."""
    consumer = ConsumerFactory()
    data = _guidance(kind="preliminary") | _complaint_fields(
        procon, company, **{"c-company_cnpj": "Oficina do Seu Zé Conserta Tudo"}
    )
    response = _post_intake(client, consumer, data)
    assert response.status_code == 302, response.content.decode()[:500]
    with tenant_context(procon):
        complaint = Complaint.objects.select_related("company").get()
    assert complaint.company.legal_name == "Oficina do Seu Zé Conserta Tudo"
    assert not complaint.company.is_identified
