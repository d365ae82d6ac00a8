"""SQL statements of filing a complaint and of reading one, as the consumer, pinned: a filing
must not grow back its validation reads, its counter lock or its read-back, and neither count
may grow with the number of complaints or of timeline entries.

The test runs in a transaction, so the view's transaction shows as SAVEPOINT / RELEASE where a
server says BEGIN / COMMIT (the same number of statements). A first request warms the host's
resolution, so each count is that of a request the server has seen the host of before."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from shared.accounts.actions import do_issue_api_token
from shared.accounts.roles import StaffRole
from tenants.complaints.actions.triage import do_accept_complaint, do_assign_complaint
from tenants.complaints.models import Complaint
from tests.conftest import host_client
from tests.factories import staff
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import catalogue_ids, file_complaint, filing_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(consumer) -> dict[str, str]:
    _row, key = do_issue_api_token(consumer, name="contagem")
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def _api_filing(procon, company) -> str:
    ids = catalogue_ids(procon)
    return json.dumps(
        {
            "company_id": company.pk,
            "subject_id": ids["subject"],
            "problem_id": ids["problem"],
            "purchase_channel_id": ids["purchase_channel"],
            "contacted_company_first": True,
            "company_protocol": "ABC-123",
            "facts": "Comprei uma geladeira que chegou quebrada e a loja não troca.",
            "request": "Quero a troca do produto.",
            "lgpd_consent": True,
        }
    )


def _case_with_history(procon, consumer, company, *, steps: int) -> Complaint:
    """A case of `consumer` with `steps` more timeline entries than a new one (assignments
    back and forth), among `steps` other consumers' cases."""
    with tenant_context(procon):
        attendant = staff(procon, StaffRole.ATTENDANT)
        for _ in range(steps):
            file_complaint(company=company)
        complaint = file_complaint(consumer=consumer, company=company)
        complaint = do_accept_complaint(complaint, actor=attendant, as_role="attendant")
        for i in range(steps):
            complaint = do_assign_complaint(
                complaint,
                actor=attendant,
                as_role="attendant",
                assignee=attendant if i % 2 == 0 else None,
            )
    connection.set_schema_to_public()
    return complaint


def _warm_up(client, body: str, token: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """A first filing: the process now remembers the host, the subscription's status, the
    settings and the catalogue, as a server does after its first filing."""
    first = client.post(
        "/api/v1/complaints/",
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="a-primeira",
        **token,
    )
    assert first.status_code == 201


def test_filing_through_the_api(procon, consumer, company, token, django_assert_num_queries):
    client = host_client(procon.host)
    body = _api_filing(procon, company)
    _warm_up(client, body, token)

    # 1 the API token with its user, 2 a complaint already filed with this Idempotency-Key (its
    # number only), 3 the company the body names (its subject, problem and purchase channel are
    # in the process's catalogue), 4 SAVEPOINT (the filing's: the view takes no transaction of
    # its own for a known company), 5 the key's advisory lock, 6 the key's complaint again,
    # under the lock, 7 the number (the year's sequence), 8-10 INSERT the complaint, its
    # timeline entry and its case-index row (an upsert), 11 INSERT the consumer's e-mail
    # (outbox; the sender's name is in the process's settings), 12 RELEASE the savepoint, 13 the
    # caller's staff roles at every Procon, read once: the answer's roles here, and whether the
    # audit records the request (staff anywhere). The subscription's status is remembered too.
    with django_assert_num_queries(13):
        response = client.post(
            "/api/v1/complaints/",
            body,
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="uma-chave",
            **token,
        )

    assert response.status_code == 201, response.content
    assert [e["step"] for e in response.json()["timeline"]] == ["file"]


def test_filing_through_the_page(procon, consumer, company, django_assert_num_queries):
    client = logged_in_client(consumer, procon.host)
    data = filing_form(procon, company)
    assert client.post("/reclamar/", filing_form(procon, company)).status_code == 302  # warm-up

    # 1-3 the session, its user and their authenticator devices, 4-9 the form's subject and
    # problem (each read twice), purchase channel and the company by CNPJ, 10 SAVEPOINT (the
    # filing), 11 the form token's advisory lock, 12 the token's complaint, under the lock, 13
    # the number (the year's sequence), 14-16 INSERT the complaint, its timeline entry and its
    # case-index row (an upsert), 17 INSERT the consumer's e-mail (outbox), 18 RELEASE, 19
    # whether the caller is staff anywhere (the two-step verification middleware). The
    # subscription's status and the settings (the e-mail's sender) are remembered by the process.
    with django_assert_num_queries(19):
        response = client.post("/reclamar/", data)

    assert response.status_code == 302
    assert response["Location"].startswith("/reclamacoes/")


def test_reading_a_case_through_the_api(
    procon, consumer, company, token, django_assert_num_queries
):
    client = host_client(procon.host)
    new = _case_with_history(procon, consumer, company, steps=0)
    old = _case_with_history(procon, consumer, company, steps=6)
    assert client.get("/api/v1/complaints/", **token).status_code == 200

    for complaint, entries in ((new, 2), (old, 2)):
        # 1 the API token with its user, 2 the complaint with its company, subject, problem,
        # assignee, consumer and purchase channel, 3 the caller's staff roles here, 4 the
        # timeline, 5 its documents, 6 the company's answers.
        with django_assert_num_queries(6):
            response = client.get(f"/api/v1/complaints/{complaint.number}/", **token)
        assert response.status_code == 200
        # the consumer sees the filing and the acceptance, not the staff's assignments
        assert len(response.json()["timeline"]) == entries


def test_reading_a_case_through_the_page(procon, consumer, company, django_assert_num_queries):
    client = logged_in_client(consumer, procon.host)
    new = _case_with_history(procon, consumer, company, steps=0)
    old = _case_with_history(procon, consumer, company, steps=6)
    assert client.get("/minhas-reclamacoes/").status_code == 200

    for complaint in (new, old):
        # 1-3 the session, its user and their authenticator devices, 4 the complaint (with its
        # purchase channel), 5-6 the caller's staff roles here (twice), 7 the answers, 8 the
        # documents, 9 the consumer's thread, 10 the hearings, 11 the narrative (read on its
        # own: joined to 4 it made that statement's planning four times longer), 12 the
        # timeline, 13 its documents.
        with django_assert_num_queries(13):
            response = client.get(f"/reclamacoes/{complaint.number}/")
        assert response.status_code == 200
        assert complaint.number in response.content.decode()


# PostgreSQL plans a join of n relations by trying their orders: the planning time of the case's
# wide row doubled with each relation added, and an eighth (the narrative) made every case read
# spend 20 ms planning before 0.3 ms running. A case read joins seven relations at the most.
MOST_RELATIONS = 7


def _relations(sql: str) -> int:
    return 1 + sql.upper().count(" JOIN ")


def test_no_statement_of_a_case_read_joins_more_than_seven_relations(procon, consumer, company):
    complaint = _case_with_history(procon, consumer, company, steps=6)
    page = logged_in_client(consumer, procon.host)
    api = host_client(procon.host)
    _row, key = do_issue_api_token(consumer, name="leitura")
    with CaptureQueriesContext(connection) as captured:
        assert page.get(f"/reclamacoes/{complaint.number}/").status_code == 200
        assert (
            api.get(
                f"/api/v1/complaints/{complaint.number}/", HTTP_AUTHORIZATION=f"Token {key}"
            ).status_code
            == 200
        )
    widest = max(captured.captured_queries, key=lambda query: _relations(query["sql"]))
    assert _relations(widest["sql"]) <= MOST_RELATIONS, widest["sql"]


def test_the_relation_count_sees_an_eighth_relation() -> None:
    with_narrative = (
        'SELECT 1 FROM "complaints_complaint" INNER JOIN "accounts_user" ON (1=1)'
        + ' INNER JOIN "t" ON (1=1)' * 5
        + ' LEFT OUTER JOIN "narratives_narrative" ON (1=1)'
    )
    assert _relations(with_narrative) == 8 > MOST_RELATIONS
