"""The counter's API (/api/v1/intakes/, /api/v1/counter/consumers/): attendants and
administrators act, a consumer reads their own atendimentos, anyone else gets 404."""

import pytest
from django_tenants.utils import tenant_context

from shared.audit.models import AuditEntry
from tenants.complaints.models import Complaint
from tenants.counter.models import Intake
from tests.factories import CompanyFactory, ConsumerFactory
from tests.support.clients import logged_in_client, token_client
from tests.support.pdf import pdf_text
from tests.tenants.counter.factories import OUTSIDERS, counter_outsider
from tests.tenants.counter.test_counter import WALK_IN_CPF, _subject_and_problem

pytestmark = pytest.mark.django_db

PT = {"HTTP_ACCEPT_LANGUAGE": "pt-br"}


@pytest.fixture
def api(procon, attendant):
    return token_client(attendant, procon.host, **PT)


def _guidance(cpf: str, **overrides: object) -> dict[str, object]:
    return {
        "consumer_cpf": cpf,
        "kind": "guidance",
        "channel": "phone",
        "summary": "Pergunta sobre garantia legal de um celular.",
        "guidance": "Noventa dias para produto durável (CDC, art. 26).",
    } | overrides


def test_an_attendant_registers_the_consumer_then_a_guidance(api, procon) -> None:
    # when
    created = api.post(
        "/api/v1/counter/consumers/",
        {"cpf": WALK_IN_CPF, "full_name": "José da Silva", "mobile": "13 99999-0000"},
        content_type="application/json",
    )
    again = api.post(
        "/api/v1/counter/consumers/",
        {"cpf": WALK_IN_CPF, "full_name": "Outro Nome", "email": "outro@exemplo.test"},
        content_type="application/json",
    )
    intake = api.post("/api/v1/intakes/", _guidance(WALK_IN_CPF), content_type="application/json")
    # then
    assert created.status_code == 201 and created.json()["has_email"] is False
    assert again.status_code == 200 and again.json()["full_name"] == "José da Silva"
    assert intake.status_code == 201
    body = intake.json()
    assert body["kind"] == "guidance" and body["number"].startswith("SANTOS-AT-")


def test_the_lookup_is_audited_and_answers_404_for_an_unknown_cpf(api, attendant) -> None:
    consumer = ConsumerFactory()
    assert api.get(f"/api/v1/counter/consumers/?cpf={consumer.cpf}").json()["id"] == consumer.pk
    assert api.get(f"/api/v1/counter/consumers/?cpf={WALK_IN_CPF}").status_code == 404
    refs = list(
        AuditEntry.objects.filter(user=attendant, route="api:counter-consumers").values_list(
            "object_ref", flat=True
        )
    )
    assert len(refs) == 2 and any(f"cpf={WALK_IN_CPF} found=-" in ref for ref in refs)


def test_refusals_name_the_field(api) -> None:
    consumer = ConsumerFactory()
    bad_cpf = api.post(
        "/api/v1/counter/consumers/",
        {"cpf": "11111111111", "full_name": "X", "email": "x@exemplo.test"},
        content_type="application/json",
    )
    no_contact = api.post(
        "/api/v1/counter/consumers/",
        {"cpf": WALK_IN_CPF, "full_name": "José"},
        content_type="application/json",
    )
    no_guidance = api.post(
        "/api/v1/intakes/", _guidance(consumer.cpf, guidance=""), content_type="application/json"
    )
    referral = api.post(
        "/api/v1/intakes/",
        _guidance(consumer.cpf, kind="referral", guidance=""),
        content_type="application/json",
    )
    assert bad_cpf.status_code == 400 and "cpf" in bad_cpf.json()
    assert "CPF" in bad_cpf.json()["cpf"][0]  # the validator's Portuguese message
    assert no_contact.status_code == 400 and "email" in no_contact.json()
    assert no_guidance.status_code == 400 and set(no_guidance.json()) == {"guidance"}
    assert referral.status_code == 400
    assert {"referral_body", "referral_reason"} <= set(referral.json())


def test_a_repeated_idempotency_key_registers_one(api, procon) -> None:
    consumer = ConsumerFactory()
    first = api.post(
        "/api/v1/intakes/",
        _guidance(consumer.cpf),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="balcao-1",
    )
    second = api.post(
        "/api/v1/intakes/",
        _guidance(consumer.cpf),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="balcao-1",
    )
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["number"] == second.json()["number"]
    with tenant_context(procon):
        assert Intake.objects.count() == 1


def test_a_preliminary_service_through_the_api_files_its_complaint(api, procon) -> None:
    consumer = ConsumerFactory()
    company = CompanyFactory()
    subject, problem = _subject_and_problem(procon)
    response = api.post(
        "/api/v1/intakes/",
        {
            "consumer_cpf": consumer.cpf,
            "kind": "preliminary",
            "channel": "counter",
            "company_cnpj": company.cnpj,
            "subject_id": subject,
            "problem_id": problem,
            "facts": "Cobrança indevida na fatura de outubro.",
            "request": "Estorno do valor.",
            "customer_reference": "LINHA-13-99999",
            "lgpd_consent": True,
            "send_cip_now": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    with tenant_context(procon):
        complaint = Complaint.objects.get(number=response.json()["complaint_number"])
    assert complaint.status == "cip_sent" and complaint.customer_reference == "LINHA-13-99999"


def test_the_receipt_pdf_and_its_email_refusal(api, procon) -> None:
    walk_in = api.post(
        "/api/v1/counter/consumers/",
        {"cpf": WALK_IN_CPF, "full_name": "José da Silva", "mobile": "13999990000"},
        content_type="application/json",
    )
    assert walk_in.status_code == 201
    number = api.post(
        "/api/v1/intakes/", _guidance(WALK_IN_CPF), content_type="application/json"
    ).json()["number"]
    pdf = api.get(f"/api/v1/intakes/{number}/receipt.pdf")
    text = pdf_text(pdf.content)
    refused = api.post(f"/api/v1/intakes/{number}/email-receipt/")
    assert pdf.status_code == 200 and number in text
    assert refused.status_code == 400 and "consumer" in refused.json()


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_get_404(procon, other_procon, api, who) -> None:
    consumer = ConsumerFactory()
    number = api.post(
        "/api/v1/intakes/", _guidance(consumer.cpf), content_type="application/json"
    ).json()["number"]
    user = counter_outsider(who, procon, other_procon)
    client = token_client(user, procon.host)
    assert client.get(f"/api/v1/intakes/{number}/").status_code == 404
    assert client.get(f"/api/v1/intakes/{number}/receipt.pdf").status_code == 404
    assert client.post(f"/api/v1/intakes/{number}/email-receipt/").status_code == 404
    assert client.get(f"/api/v1/counter/consumers/?cpf={consumer.cpf}").status_code == 404
    assert (
        client.post(
            "/api/v1/intakes/", _guidance(consumer.cpf), content_type="application/json"
        ).status_code
        == 404
    )
    assert number not in str(client.get("/api/v1/intakes/").content)


def test_the_consumer_reads_their_own(procon, api) -> None:
    consumer = ConsumerFactory()
    number = api.post(
        "/api/v1/intakes/", _guidance(consumer.cpf), content_type="application/json"
    ).json()["number"]
    client = logged_in_client(consumer, procon.host)
    assert [row["number"] for row in client.get("/api/v1/intakes/").json()] == [number]
    assert client.get(f"/api/v1/intakes/{number}/").status_code == 200
    assert client.get(f"/api/v1/intakes/{number}/receipt.pdf").status_code == 200


def test_the_lists_read_a_fixed_number_of_queries(procon, api, attendant) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = logged_in_client(attendant, procon.host)

    def counts() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as api_queries:
            assert api.get("/api/v1/intakes/").status_code == 200
        with CaptureQueriesContext(connection) as page_queries:
            assert page.get("/balcao/").status_code == 200
        return len(api_queries), len(page_queries)

    api.post("/api/v1/intakes/", _guidance(ConsumerFactory().cpf), content_type="application/json")
    counts()  # the first requests fill the per-process caches (settings, roles)
    one = counts()
    for _n in range(3):
        api.post(
            "/api/v1/intakes/", _guidance(ConsumerFactory().cpf), content_type="application/json"
        )
    assert counts() == one


def test_a_problem_outside_its_subject_is_refused_on_problem_id(api, procon) -> None:
    from tenants.catalogue.hierarchy import problems_for
    from tenants.catalogue.models import Problem, Subject

    with tenant_context(procon):
        subject = Subject.objects.filter(active=True).order_by("pk").first()
        offered = problems_for(subject).values_list("pk", flat=True)
        stranger = Problem.objects.filter(active=True).exclude(pk__in=list(offered)).first()
    response = api.post(
        "/api/v1/intakes/",
        {
            "consumer_cpf": ConsumerFactory().cpf,
            "kind": "preliminary",
            "channel": "phone",
            "company_cnpj": CompanyFactory().cnpj,
            "subject_id": subject.pk,
            "problem_id": stranger.pk,
            "facts": "Cobrança indevida na fatura de outubro.",
            "request": "Estorno do valor.",
            "lgpd_consent": True,
        },
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="pt-BR",
    )
    assert response.status_code == 400
    assert "não pertence ao assunto" in response.json()["problem_id"][0]
    with tenant_context(procon):
        assert not Intake.objects.exists()
