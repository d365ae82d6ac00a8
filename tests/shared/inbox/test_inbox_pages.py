"""The company inbox pages on the platform's host: one list over every Procon, its filters, keyset
pages, counts and CSV; a case opened in its Procon's schema and answered there; 404 for anyone
outside the case's company group."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared import formats
from shared.caseindex.models import CaseIndexEntry
from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.complaints.models import Complaint
from tests.conftest import host_client
from tests.factories import ConsumerFactory
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import at_cip_sent, pdf_upload
from tests.tenants.queries import data_statements

pytestmark = pytest.mark.django_db


def _numbers(response) -> list[str]:
    html = response.content.decode()
    return [
        part.split('"', 1)[0] for part in html.split('data-testid="inbox-row" data-number="')[1:]
    ]


def _case_path(complaint: Complaint, slug: str) -> str:
    return f"/empresa/caixa/{slug}/{complaint.number}/"


def test_an_agent_sees_its_groups_cases_from_santos_and_campinas_in_one_list(
    agent_client, cases
) -> None:
    response = agent_client.get("/empresa/caixa/")

    assert response.status_code == 200
    assert sorted(_numbers(response)) == sorted(c.number for c in cases.group())
    html = response.content.decode()
    assert 'data-procon="santos"' in html and 'data-procon="campinas"' in html
    for foreign in cases.foreign():
        assert foreign.number not in html


def test_another_companys_agent_gets_404_on_this_groups_cases(foreign_agent, cases) -> None:
    client = logged_in_client(foreign_agent)
    own = client.get("/empresa/caixa/")
    assert sorted(_numbers(own)) == sorted(c.number for c in cases.foreign())

    for path in (
        _case_path(cases.santos_due, "santos"),
        _case_path(cases.campinas_answered, "campinas"),
        _case_path(cases.santos_due, "santos") + "anexos/1/",
    ):
        assert client.get(path).status_code == 404, path
    answered = client.post(
        _case_path(cases.santos_due, "santos") + "responder/",
        {"answer_type": "explained", "text": "Não é nosso cliente."},
    )
    assert answered.status_code == 404


def test_a_case_under_the_wrong_procon_slug_is_404(agent_client, cases) -> None:
    assert agent_client.get(_case_path(cases.santos_due, "campinas")).status_code == 404
    assert agent_client.get(_case_path(cases.santos_due, "nao-existe")).status_code == 404


def test_users_without_company_memberships_get_404_and_anonymous_users_log_in(cases) -> None:
    consumer = ConsumerFactory()
    client = logged_in_client(consumer)
    assert client.get("/empresa/caixa/").status_code == 404
    assert client.get("/empresa/caixa.csv").status_code == 404
    anonymous = host_client("localhost").get("/empresa/caixa/")
    assert anonymous.status_code == 302
    assert "/entrar/" in anonymous["Location"]


def test_filters_by_procon_status_deadline_subject_and_opening_date(agent_client, cases) -> None:
    def numbers(query: str) -> set[str]:
        response = agent_client.get(f"/empresa/caixa/?{query}")
        assert response.status_code == 200
        return set(_numbers(response))

    assert numbers("procon=campinas") == {cases.campinas_answered.number}
    assert numbers("status=cip_sent") == {cases.santos_due.number, cases.santos_branch.number}
    # a case reaches the company with the CIP: one still in triage is not in the inbox
    assert numbers("status=accepted&procon=santos") == set()
    assert numbers("deadline=on_time") == {cases.santos_due.number, cases.santos_branch.number}
    assert numbers("deadline=overdue") == set()
    subject = CaseIndexEntry.objects.get(number=cases.santos_due.number).subject
    assert numbers(f"subject={subject[:5].lower()}") == {c.number for c in cases.group()}
    assert numbers("subject=zzz-nada") == set()
    today = timezone.localdate()
    assert len(numbers(f"opened_from={today.isoformat()}&opened_to={today.isoformat()}")) == 3
    assert numbers(f"opened_to={(today - timedelta(days=1)).isoformat()}") == set()


def test_the_overdue_filter_finds_a_lapsed_company_deadline(agent_client, cases) -> None:
    CaseIndexEntry.objects.filter(number=cases.santos_branch.number).update(
        cip_due_on=timezone.localdate() - timedelta(days=1)
    )
    response = agent_client.get("/empresa/caixa/?deadline=overdue")
    assert _numbers(response) == [cases.santos_branch.number]
    assert 'data-kind="overdue"' in response.content.decode()


def test_sort_by_deadline_opened_and_updated(agent_client, cases) -> None:
    by_deadline = _numbers(agent_client.get("/empresa/caixa/?sort=deadline"))
    # the two with a running CIP deadline first (same day: by id), the others after
    assert set(by_deadline[:2]) == {cases.santos_due.number, cases.santos_branch.number}
    entries = {e.number: e for e in CaseIndexEntry.objects.all()}
    by_opened = _numbers(agent_client.get("/empresa/caixa/?sort=opened"))
    assert by_opened == sorted(
        by_opened, key=lambda n: (entries[n].opened_at, entries[n].pk), reverse=True
    )
    by_updated = _numbers(agent_client.get("/empresa/caixa/?sort=updated"))
    assert by_updated[0] == cases.campinas_answered.number
    assert by_updated == sorted(
        by_updated, key=lambda n: (entries[n].updated_at, entries[n].pk), reverse=True
    )


@pytest.mark.parametrize("sort", ["deadline", "opened", "updated"])
def test_keyset_pages_walk_every_case_once(agent_client, cases, sort, monkeypatch) -> None:
    monkeypatch.setattr("portals.inbox.selectors.PAGE_SIZE", 1)
    seen: list[str] = []
    query = f"sort={sort}"
    for _ in range(10):
        response = agent_client.get(f"/empresa/caixa/?{query}")
        seen += _numbers(response)
        html = response.content.decode()
        if 'data-testid="inbox-next"' not in html:
            break
        query = html.split('data-testid="inbox-next"')[0].rsplit('href="?', 1)[1].split('"')[0]
        query = query.replace("&amp;", "&")
        assert "cursor=" in query and "offset" not in query
    assert len(seen) == len(set(seen)) == 3
    assert set(seen) == {c.number for c in cases.group()}


def test_a_forged_cursor_shows_the_first_page(agent_client, cases) -> None:
    response = agent_client.get("/empresa/caixa/?cursor=bm9wZQ")
    assert response.status_code == 200
    assert len(_numbers(response)) == 3


def test_counts_per_status_follow_the_other_filters(agent_client, cases) -> None:
    html = agent_client.get("/empresa/caixa/").content.decode()
    assert 'data-status="" data-count="3"' in html
    assert 'data-status="cip_sent" data-count="2"' in html
    assert 'data-status="accepted"' not in html
    assert 'data-status="answered" data-count="1"' in html

    santos = agent_client.get("/empresa/caixa/?procon=santos&status=cip_sent").content.decode()
    assert 'data-status="" data-count="2"' in santos
    assert 'data-status="answered"' not in santos


def _queries(client, path: str) -> list[str]:
    """The SQL a request runs, without django-tenants' search_path switches."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return data_statements(captured)


def test_the_page_costs_a_fixed_number_of_queries_however_many_cases(
    agent_client, cases, procon, santos_attendant
) -> None:
    agent_client.get("/empresa/caixa/")  # the session is warm
    first = _queries(agent_client, "/empresa/caixa/?sort=updated")
    with tenant_context(procon):
        for _ in range(5):
            at_cip_sent(santos_attendant, company=cases.santos_due.company)
    more = _queries(agent_client, "/empresa/caixa/?sort=updated")

    # session, user, the session's two-step verification device, memberships (the page and the
    # header share them), the Procon filter's choices, the group's companies and the page, the
    # group's companies and the counts, and the companies link in the header
    assert len(first) == 10
    assert len(more) == len(first)
    on_index = [sql for sql in first if "caseindex_caseindexentry" in sql]
    assert len(on_index) == 2
    assert all("OFFSET" not in sql for sql in on_index)


def test_the_list_is_the_groups_companies_then_one_query_on_the_index(agent, cases) -> None:
    from portals.inbox.selectors import InboxFilters, agent_cnpj_roots, inbox_page

    roots = agent_cnpj_roots(user=agent)
    with CaptureQueriesContext(connection) as captured:
        page = inbox_page(roots=roots, filters=InboxFilters(), cursor=None)
        [str(entry.procon) + str(entry.company) for entry in page.rows]
    queries = data_statements(captured)
    assert len(queries) == 2
    assert "companies_company" in queries[0] and "caseindex" not in queries[0]
    assert "caseindex_caseindexentry" in queries[1]
    assert len(page.rows) == 3


def test_the_csv_has_the_filtered_cases_separated_by_semicolons_with_a_bom(
    agent_client, cases
) -> None:
    response = agent_client.get("/empresa/caixa.csv?procon=santos")

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    # the header in Portuguese, dates and CNPJs as a Brazilian spreadsheet reads them
    assert rows[0] == [
        "Procon",
        "Número",
        "Empresa",
        "CNPJ",
        "Assunto",
        "Situação",
        "Registrada em",
        "Prazo da empresa",
        "Respondida em",
        "Prazo de avaliação",
        "Última atualização",
        "Encerrada em",
        "Cliente",
        "CPF",
        "E-mail",
        "Telefone",
        "Número do contrato, da conta, da linha ou do pedido",
    ]
    numbers = {row[1] for row in rows[1:]}
    assert numbers == {cases.santos_due.number, cases.santos_branch.number}
    assert all(row[0] == "Procon Santos" for row in rows[1:])
    due = next(row for row in rows if row[1] == cases.santos_due.number)
    assert due[3] == formats.cnpj(cases.santos_due.company.cnpj)
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", due[6])
    assert cases.santos_foreign.number.encode() not in body
    assert cases.campinas_foreign.number.encode() not in body


def test_the_agent_opens_a_campinas_case_as_the_company_sees_it(
    agent_client, cases, other_procon
) -> None:
    complaint = cases.campinas_answered
    response = agent_client.get(_case_path(complaint, "campinas"))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-testid="complaint-number">{complaint.number}<' in html
    assert 'data-testid="company-answer"' in html
    assert 'data-testid="step-answer"' not in html  # answered: nothing to answer
    with tenant_context(other_procon):
        consumer = Complaint.objects.select_related("consumer").get(pk=complaint.pk).consumer
    # the company identifies its customer (the filing consent says so)
    assert consumer.full_name in html
    assert consumer.email in html
    assert consumer.cpf_display in html
    assert 'data-step="assign"' not in html  # internal entries stay with staff


def test_the_agent_answers_through_the_inbox_and_the_index_follows(
    agent_client, cases, procon
) -> None:
    complaint = cases.santos_due
    page = agent_client.get(_case_path(complaint, "santos"))
    assert 'data-testid="step-answer"' in page.content.decode()

    response = agent_client.post(
        _case_path(complaint, "santos") + "responder/",
        {
            "answer_type": "solved_monetary",
            "text": "Estornamos o valor.",
            "offer": "Estorno",
            "attachments": [pdf_upload("comprovante.pdf")],
        },
    )

    assert response.status_code == 302
    assert response["Location"] == _case_path(complaint, "santos")
    with tenant_context(procon):
        complaint.refresh_from_db()
        answer = complaint.answers.get()
        document = complaint.attachments.get(original_name="comprovante.pdf")
    assert complaint.status == S.ANSWERED
    assert (answer.channel, answer.answer_type) == ("platform", "solved_monetary")
    entry = CaseIndexEntry.objects.get(procon=procon, number=complaint.number)
    assert (entry.status, entry.answered_at, entry.updated_at) == (
        S.ANSWERED,
        complaint.answered_at,
        complaint.updated_at,
    )
    download = agent_client.get(_case_path(complaint, "santos") + f"anexos/{document.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert agent_client.get(_case_path(complaint, "santos") + "anexos/999999/").status_code == 404


def test_an_answer_without_its_type_is_refused_with_the_field_named(agent_client, cases) -> None:
    response = agent_client.post(
        _case_path(cases.santos_due, "santos") + "responder/", {"text": "Resolvido."}
    )
    assert response.status_code == 400
    assert 'data-testid="form-errors"' in response.content.decode()
    assert response.context["answer_form"].errors.keys() == {"answer_type"}


def test_answering_a_case_already_answered_is_409(agent_client, cases) -> None:
    response = agent_client.post(
        _case_path(cases.campinas_answered, "campinas") + "responder/",
        {"answer_type": "explained", "text": "De novo."},
    )
    assert response.status_code == 409
    assert 'data-testid="conflict-message"' in response.content.decode()


def test_the_header_links_the_inbox_for_agents_only(agent_client, cases) -> None:
    assert 'data-testid="nav-inbox"' in agent_client.get("/").content.decode()
    other = logged_in_client(ConsumerFactory())
    assert 'data-testid="nav-inbox"' not in other.get("/").content.decode()


def test_a_new_case_of_a_branch_shows_up_for_the_head_offices_agent(
    agent_client, cases, procon, santos_attendant
) -> None:
    from tests.shared.inbox.conftest import branch_of

    with tenant_context(procon):
        new = at_cip_sent(santos_attendant, company=branch_of(cases.santos_due.company, "0003"))
    assert new.number in _numbers(agent_client.get("/empresa/caixa/?procon=santos"))
