"""The CIP's one-case access code: only its hash is stored; staff and the company's e-mail get the
code; on `/responder/` it opens that one case, without an account, until the case closes; wrong
codes are throttled per address and per number without locking the holder out."""

import pytest
from django.core.cache import cache
from django.test import Client
from django_tenants.utils import tenant_context

from kernel.workflow.codes import ACCESS_CODE_DATA_KEY, CODE_ALPHABET
from shared.caseindex.models import CaseIndexEntry
from shared.notifications.models import OutboundEmail
from shared.procons.models import Procon
from tenants.complaints.access_code import AccessCodeThrottle
from tenants.complaints.actions.answer import do_lapse_cip
from tenants.complaints.actions.closing import do_close_complaint
from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.complaints.models import Complaint
from tests.conftest import host_client
from tests.factories import PASSWORD, CompanyFactory, ConsumerFactory, company_agent
from tests.tenants.complaints.factories import at_cip_sent, pdf_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def _sent(procon, attendant, **kwargs) -> tuple[Complaint, str]:
    with tenant_context(procon):
        complaint = at_cip_sent(attendant, **kwargs)
        code = complaint.events.get(step="send_cip").data[ACCESS_CODE_DATA_KEY]
    return complaint, code


def _open(client, number: str, code: str):
    return client.post("/responder/", {"number": number, "code": code})


def test_the_cip_makes_a_code_and_stores_only_its_hash(procon, attendant) -> None:
    complaint, code = _sent(procon, attendant)

    assert len(code) == 10 and set(code) <= set(CODE_ALPHABET)
    assert complaint.access_code_hash and code not in complaint.access_code_hash
    assert complaint.access_code_matches(code)
    assert complaint.access_code_matches(code.lower()[:5] + " " + code.lower()[5:])
    assert not complaint.access_code_matches("2" * 10)


def test_staff_see_the_code_the_consumer_does_not(procon, attendant) -> None:
    consumer = ConsumerFactory()
    complaint, code = _sent(procon, attendant, consumer=consumer)
    desk = host_client(procon.host)
    desk.login(username=attendant.email, password=PASSWORD)
    mine = host_client(procon.host)
    mine.login(username=consumer.email, password=PASSWORD)
    path = f"/reclamacoes/{complaint.number}/"

    assert code in desk.get(path).content.decode()
    assert 'data-testid="access-code"' in desk.get(path).content.decode()
    assert code not in mine.get(path).content.decode()
    assert code in str(desk.get(f"/api/v1{path.replace('reclamacoes', 'complaints')}").json())
    assert code not in str(mine.get(f"/api/v1{path.replace('reclamacoes', 'complaints')}").json())
    with tenant_context(procon):
        to_consumer = list(OutboundEmail.objects.filter(key__endswith=":consumer"))
    assert to_consumer and all(code not in mail.body for mail in to_consumer)


def test_the_cip_email_to_the_companys_agents_carries_the_code(procon, attendant) -> None:
    company = CompanyFactory()
    agent = company_agent(company)
    _complaint, code = _sent(procon, attendant, company=company)
    with tenant_context(procon):
        mail = OutboundEmail.objects.get(key__endswith=":company", to=[agent.email])
    assert code in mail.body
    assert "/responder/" in mail.body


def test_the_code_opens_that_one_case_and_answers_it_without_an_account(procon, attendant) -> None:
    complaint, code = _sent(procon, attendant)
    other, _other_code = _sent(procon, attendant)
    client = host_client(procon.host)

    # when someone enters the number and the code
    opened = _open(client, complaint.number, code.lower())
    assert opened.status_code == 302
    assert opened["Location"] == f"/responder/{complaint.number}/"
    page = client.get(opened["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="step-answer"' in html
    with tenant_context(procon):
        consumer = Complaint.objects.select_related("consumer").get(pk=complaint.pk).consumer
    # the CIP that carries the code identifies the customer, and so does the page it opens
    assert consumer.full_name in html and consumer.email in html
    assert consumer.cpf_display in html

    # then nothing else opens
    assert client.get(f"/responder/{other.number}/").status_code == 404
    assert client.get(f"/reclamacoes/{complaint.number}/").status_code == 302  # log in
    assert client.get("/api/v1/complaints/").status_code == 401

    # and they answer it
    answered = client.post(
        f"/responder/{complaint.number}/enviar/",
        {
            "answer_type": "refused_duplicate",
            "text": "Já respondida no protocolo 123.",
            "attachments": [pdf_upload("protocolo.pdf")],
        },
    )
    assert answered.status_code == 302
    with tenant_context(procon):
        complaint.refresh_from_db()
        answer = complaint.answers.get()
        document = complaint.attachments.get(original_name="protocolo.pdf")
        event = complaint.events.get(step="answer")
    assert complaint.status == S.ANSWERED
    assert (answer.channel, answer.answer_type, answer.answered_by) == (
        "access_code",
        "refused_duplicate",
        None,
    )
    assert complaint.answer_refused is True
    assert document.uploaded_by is None
    assert event.actor is None and str(complaint.company) in event.actor_label
    assert CaseIndexEntry.objects.get(number=complaint.number).status == S.ANSWERED
    after = client.get(f"/responder/{complaint.number}/").content.decode()
    assert 'data-channel="access_code"' in after
    assert 'data-testid="step-answer"' not in after
    assert client.get(f"/responder/{complaint.number}/anexos/{document.pk}/").status_code == 200


def test_the_complaint_page_says_the_answer_came_with_the_access_code(procon, attendant) -> None:
    complaint, code = _sent(procon, attendant)
    client = host_client(procon.host)
    _open(client, complaint.number, code)
    client.post(
        f"/responder/{complaint.number}/enviar/",
        {"answer_type": "solved_non_monetary", "text": "Trocamos."},
    )
    desk = host_client(procon.host)
    desk.login(username=attendant.email, password=PASSWORD)
    html = desk.get(f"/reclamacoes/{complaint.number}/").content.decode()
    assert 'data-channel="access_code"' in html
    assert 'data-answer-type="solved_non_monetary"' in html


def test_an_answer_needs_its_type(procon, attendant) -> None:
    complaint, code = _sent(procon, attendant)
    client = host_client(procon.host)
    _open(client, complaint.number, code)
    response = client.post(f"/responder/{complaint.number}/enviar/", {"text": "Sem tipo."})
    assert response.status_code == 400
    assert response.context["answer_form"].errors.keys() == {"answer_type"}


def _from(procon, address: str) -> Client:
    return Client(HTTP_HOST=procon.host, REMOTE_ADDR=address)


def test_wrong_codes_from_one_address_do_not_lock_the_holder_out(procon, attendant) -> None:
    complaint, code = _sent(procon, attendant)
    attacker = _from(procon, "203.0.113.7")

    # given a third party who enters five wrong codes for the number
    for _ in range(5):
        _open(attacker, complaint.number, "2222222222")
    # then the company, from its own connection, still opens its case with the right code
    holder = _from(procon, "198.51.100.20")
    opened = _open(holder, complaint.number, code)
    assert opened.status_code == 302
    assert holder.get(opened["Location"]).status_code == 200

    # and so it does after the third party kept guessing until refused
    for _ in range(AccessCodeThrottle.CLIENT_LIMIT):
        _open(attacker, complaint.number, "2222222222")
    assert _open(attacker, complaint.number, "2222222222").status_code == 429
    assert _open(_from(procon, "198.51.100.21"), complaint.number, code).status_code == 302


def test_many_addresses_past_the_numbers_ceiling_still_do_not_lock_the_holder_out(
    procon, attendant, monkeypatch
) -> None:
    monkeypatch.setattr(AccessCodeThrottle, "NUMBER_CEILING", 6)
    complaint, code = _sent(procon, attendant)
    # given wrong codes from many addresses, up to the number's ceiling
    attackers = [_from(procon, f"203.0.113.{i}") for i in range(1, 7)]
    for attacker in attackers:
        assert _open(attacker, complaint.number, "2222222222").status_code == 400
    # an address that already guessed on this number gets no further guess on it ...
    assert _open(attackers[0], complaint.number, code).status_code == 429
    # ... while the holder's fresh connection gets in
    assert _open(_from(procon, "198.51.100.20"), complaint.number, code).status_code == 302


def test_guessing_from_one_address_is_refused_on_every_number(procon, attendant) -> None:
    complaint, code = _sent(procon, attendant)
    other, other_code = _sent(procon, attendant)
    guesser = _from(procon, "203.0.113.9")

    for _ in range(AccessCodeThrottle.CLIENT_LIMIT):
        assert _open(guesser, complaint.number, "2222222222").status_code == 400
    # even the right code is refused from there now, and the page says why
    refused = _open(guesser, complaint.number, code)
    assert refused.status_code == 429
    assert refused.context["form"].non_field_errors()
    assert guesser.get(f"/responder/{complaint.number}/").status_code == 404
    assert _open(guesser, other.number, other_code).status_code == 429
    # a throttle in Santos is none in Campinas
    campinas = Procon.objects.get(slug="campinas")
    assert (
        _open(Client(HTTP_HOST=campinas.host, REMOTE_ADDR="203.0.113.9"), "X", "Y").status_code
        == 400
    )


def test_the_addresses_of_one_ipv6_subscriber_count_as_one_client(procon, attendant) -> None:
    complaint, code = _sent(procon, attendant)
    # one guesser rotating through the addresses of its own /64
    for i in range(AccessCodeThrottle.CLIENT_LIMIT):
        _open(_from(procon, f"2001:db8:1:2::{i + 1:x}"), complaint.number, "2222222222")
    assert _open(_from(procon, "2001:db8:1:2::ffff"), complaint.number, code).status_code == 429
    # another subscriber's /64 is another client
    assert _open(_from(procon, "2001:db8:1:3::1"), complaint.number, code).status_code == 302


def test_the_window_is_fifteen_minutes_and_is_not_extended(procon, attendant, monkeypatch) -> None:
    complaint, code = _sent(procon, attendant)
    guesser = _from(procon, "203.0.113.9")
    timeouts: list[int] = []
    renewals: list[str] = []
    real_add, real_set = cache.add, cache.set

    def recording_add(key, value, timeout=None, **kwargs):
        timeouts.append(timeout)
        return real_add(key, value, timeout, **kwargs)

    def recording_set(key, value, timeout=None, **kwargs):  # a renewal goes through set
        renewals.append(key)
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "add", recording_add)
    monkeypatch.setattr(cache, "set", recording_set)
    for _ in range(AccessCodeThrottle.CLIENT_LIMIT + 3):
        _open(guesser, complaint.number, "2222222222")
    assert set(timeouts) == {15 * 60}
    assert [key for key in renewals if "access-code" in key] == []
    cache.clear()  # the 15 minutes passed
    assert _open(guesser, complaint.number, code).status_code == 302


def test_an_unknown_number_answers_like_a_wrong_code_and_counts_too(procon) -> None:
    client = host_client(procon.host)
    assert _open(client, "SANTOS-1999-000001", "2222222222").status_code == 400
    assert client.get("/responder/SANTOS-1999-000001/").status_code == 404
    assert client.get("/responder/").status_code == 200


def test_a_closed_case_refuses_its_code_and_ends_the_access(procon, attendant) -> None:
    complaint, code = _sent(procon, attendant)
    client = host_client(procon.host)
    assert _open(client, complaint.number, code).status_code == 302

    with tenant_context(procon):
        complaint = do_lapse_cip(complaint, today=complaint.cip_due_on.replace(year=2100))
        do_close_complaint(
            complaint, actor=attendant, as_role="attendant", classification="founded_not_met"
        )
        complaint.refresh_from_db()
    assert complaint.access_code_hash == ""

    assert client.get(f"/responder/{complaint.number}/").status_code == 404
    assert (
        client.post(
            f"/responder/{complaint.number}/enviar/", {"answer_type": "explained", "text": "x"}
        ).status_code
        == 404
    )
    assert _open(host_client(procon.host), complaint.number, code).status_code == 400


def test_the_code_of_a_santos_case_opens_nothing_in_campinas(procon, other_procon, attendant):
    complaint, code = _sent(procon, attendant)
    assert _open(host_client(other_procon.host), complaint.number, code).status_code == 400


def test_a_refused_answer_is_flagged_in_the_staff_queue(procon, attendant) -> None:
    refused, code = _sent(procon, attendant)
    solved, solved_code = _sent(procon, attendant)
    for complaint, key, answer_type in (
        (refused, code, "refused_not_customer"),
        (solved, solved_code, "solved_monetary"),
    ):
        client = host_client(procon.host)
        _open(client, complaint.number, key)
        client.post(
            f"/responder/{complaint.number}/enviar/", {"answer_type": answer_type, "text": "Ok."}
        )
    desk = host_client(procon.host)
    desk.login(username=attendant.email, password=PASSWORD)
    html = desk.get("/atendimento/?status=answered").content.decode()

    def row(number: str) -> str:
        return html.split(f'data-number="{number}"', 1)[1].split("</tr>", 1)[0]

    assert 'data-testid="refused-answer"' in row(refused.number)
    assert 'data-testid="refused-answer"' not in row(solved.number)
