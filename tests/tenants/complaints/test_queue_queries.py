"""The attendant's queue (/atendimento/) costs a fixed number of queries: the same with three
complaints as with thirty, from as many consumers and companies, assigned to several people,
filtered or not, on its first page or a later one."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from tenants.complaints.actions.triage import do_assign_complaint
from tests.factories import CompanyFactory, staff
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import at_answered, at_cip_sent, file_complaint

pytestmark = pytest.mark.django_db

# With TENANT_LIMIT_SET_CALLS the schema's search_path is sent only when a connection changes
# schema: the warm-up request left this connection in Santos's schema, so no SET is counted.
# The subscription's status (the header's billing notice) is remembered by the process since the
# warm-up (kernel/process_cache.py).
QUEUE_QUERIES = [
    "django_session",  # the session
    "accounts_user",  # the signed-in user
    "otp_totp_totpdevice",  # the session's two-step verification device
    "accounts_staffmembership",  # the user's roles at Santos (the guard; the header reuses them)
    "accounts_user",  # Santos's staff: the assignee filter's choices
    "companies_company",  # the companies with complaints at Santos: the company filter's choices
    "catalogue_subject",  # the subjects, by area: the subject filter's choices
    "COUNT(*)",  # the matching complaints (the heading and the number of pages)
    "complaints_complaint",  # the page: 50 complaints with consumer, company, subject and assignee
]


def _queries(client: Client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _matches(queries: list[str], expected: list[str]) -> bool:
    return len(queries) == len(expected) and all(
        marker in sql for sql, marker in zip(queries, expected, strict=True)
    )


def _complaints(procon, attendant, colleague, *, count: int) -> None:
    """`count` complaints in several states, each from its own consumer against its own company,
    every other one assigned to the attendant or a colleague."""
    with tenant_context(procon):
        for n in range(count):
            company = CompanyFactory()
            if n % 3 == 0:
                complaint = file_complaint(company=company)
            elif n % 3 == 1:
                complaint = at_cip_sent(attendant, company=company)
            else:
                complaint = at_answered(attendant, company=company)
            if n % 2:
                do_assign_complaint(
                    complaint,
                    actor=attendant,
                    as_role="attendant",
                    assignee=colleague if n % 4 == 1 else attendant,
                )


@pytest.fixture
def colleague(procon):
    return staff(procon, StaffRole.CONCILIATOR)


def test_the_queue_costs_ten_queries_however_many_complaints(
    procon, attendant, colleague, django_assert_num_queries
) -> None:
    # given three complaints
    _complaints(procon, attendant, colleague, count=3)
    desk = logged_in_client(attendant, procon.host)
    desk.get("/atendimento/")  # the session is warm

    # when the attendant opens the queue
    with django_assert_num_queries(len(QUEUE_QUERIES)):
        few = desk.get("/atendimento/")
    queries = _queries(desk, "/atendimento/")

    # then
    assert _matches(queries, QUEUE_QUERIES), queries
    assert len(few.context["rows"]) == 3
    # and thirty complaints more, other consumers, companies and assignees, cost the same
    _complaints(procon, attendant, colleague, count=30)
    with django_assert_num_queries(len(QUEUE_QUERIES)):
        many = desk.get("/atendimento/")
    assert len(many.context["rows"]) == 33
    assert _matches(_queries(desk, "/atendimento/"), QUEUE_QUERIES)


def test_a_filtered_later_page_costs_the_same_queries(
    procon, attendant, colleague, django_assert_num_queries
) -> None:
    _complaints(procon, attendant, colleague, count=6)
    with tenant_context(procon):
        company = CompanyFactory()
        for _n in range(53):
            at_cip_sent(attendant, company=company)
    desk = logged_in_client(attendant, procon.host)
    desk.get("/atendimento/")
    path = f"/atendimento/?status=cip_sent&company={company.pk}&deadline=on_time&page=2"

    with django_assert_num_queries(len(QUEUE_QUERIES)):
        response = desk.get(path)

    assert len(response.context["rows"]) == 3
    assert response.context["page"].paginator.count == 53
    assert _matches(_queries(desk, path), QUEUE_QUERIES)


def test_the_queue_reads_the_open_cases_as_the_partial_index_names_them(procon, attendant) -> None:
    """The count and the page say "not closed", the predicate of complaint_queue_open_idx, so
    that PostgreSQL reads the open cases in deadline order from that index alone (naming the
    open statuses instead made it fetch and sort every open case: 22 ms for page 272 of 13,593
    open cases against 2 ms)."""
    _complaints(procon, attendant, attendant, count=2)
    queries = _queries(logged_in_client(attendant, procon.host), "/atendimento/")
    on_complaints = [sql for sql in queries if 'FROM "complaints_complaint"' in sql]
    assert len(on_complaints) == 2
    for sql in on_complaints:
        assert 'NOT ("complaints_complaint"."status" = \'closed\')' in sql


def test_deep_pages_read_their_ids_first_and_show_the_same_cases_in_the_same_order(
    procon, attendant, monkeypatch
) -> None:
    """From DEFERRED_PAGE_OFFSET on, a page reads its ids (from the index alone), then its rows:
    every case still shows once, on the page and in the place the plain listing gives it."""
    from tenants.complaints import selectors
    from tenants.complaints import views as complaint_views

    _complaints(procon, attendant, attendant, count=7)
    monkeypatch.setattr(complaint_views, "QUEUE_PAGE_SIZE", 2)
    monkeypatch.setattr(selectors, "DEFERRED_PAGE_OFFSET", 2)
    with tenant_context(procon):
        expected = list(
            selectors.staff_queue(filters=selectors.QueueFilters()).values_list("number", flat=True)
        )
    client = logged_in_client(attendant, procon.host)
    shown = []
    for number in (1, 2, 3, 4):
        response = client.get(f"/atendimento/?page={number}")
        assert response.status_code == 200
        page = response.context["page"]
        assert page.number == number and page.paginator.count == len(expected)
        shown += [complaint.number for complaint, _badge in response.context["rows"]]
    assert shown == expected
    deep = _queries(client, "/atendimento/?page=3")
    ids_first = [
        sql for sql in deep if sql.startswith('SELECT "complaints_complaint"."id" AS "pk"')
    ]
    assert len(ids_first) == 1 and "OFFSET 4" in ids_first[0]
