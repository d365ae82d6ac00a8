"""The company inbox page (/empresa/caixa/) costs a fixed number of queries: the same with the
three cases of the group's fixtures as with a dozen more at two Procons, filtered or not, on its
first page or after a cursor."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from tests.tenants.complaints.factories import at_answered, at_cip_sent

pytestmark = pytest.mark.django_db

# The page reads the public schema only (the case index); the session was warmed up, so no
# SET search_path is sent (TENANT_LIMIT_SET_CALLS).
INBOX_QUERIES = [
    "django_session",  # the session
    "accounts_user",  # the signed-in user
    "otp_totp_totpdevice",  # the session's two-step verification device
    "accounts_companymembership",  # the user's company groups (the page and the header share them)
    "procons_procon",  # the Procon filter's choices
    "companies_company",  # the group's companies, for the page
    "caseindex_caseindexentry",  # the page: 50 rows with their Procon and company, keyset order
    "companies_company",  # the group's companies, for the counts
    "caseindex_caseindexentry",  # the cases per status
    "accounts_companymembership",  # the header's link to the user's companies (their memberships)
]


def _queries(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _tables(queries: list[str]) -> list[str]:
    """The table each query reads first (its FROM)."""
    return [re.search(r'FROM "(\w+)"', sql).group(1) for sql in queries]


def _rows(response) -> int:
    return response.content.decode().count('data-testid="inbox-row"')


def test_the_inbox_costs_ten_queries_however_many_cases(
    agent_client, cases, company, procon, other_procon, santos_attendant, campinas_attendant,
    django_assert_num_queries,
) -> None:  # fmt: skip
    agent_client.get("/empresa/caixa/")  # the session is warm

    with django_assert_num_queries(len(INBOX_QUERIES)):
        few = agent_client.get("/empresa/caixa/")
    assert _rows(few) == 3
    assert _tables(_queries(agent_client, "/empresa/caixa/")) == INBOX_QUERIES

    # twelve cases more, at both Procons, in two states
    with tenant_context(procon):
        for _n in range(6):
            at_cip_sent(santos_attendant, company=company)
    with tenant_context(other_procon):
        for _n in range(6):
            at_answered(campinas_attendant, company=company)
    agent_client.get("/empresa/caixa/")  # the connection back in the public schema (one SET)
    with django_assert_num_queries(len(INBOX_QUERIES)):
        many = agent_client.get("/empresa/caixa/")
    assert _rows(many) == 15
    assert _tables(_queries(agent_client, "/empresa/caixa/")) == INBOX_QUERIES


def test_a_filtered_page_after_a_cursor_costs_the_same_queries(
    agent_client, cases, company, procon, santos_attendant, django_assert_num_queries
) -> None:
    with tenant_context(procon):
        for _n in range(4):
            at_cip_sent(santos_attendant, company=company)
    first = agent_client.get("/empresa/caixa/?status=cip_sent&procon=santos&sort=opened")
    assert _rows(first) == 6

    from portals.inbox import selectors

    original = selectors.PAGE_SIZE
    selectors.PAGE_SIZE = 4  # four rows a page, so that a second page exists
    try:
        page = agent_client.get("/empresa/caixa/?status=cip_sent&procon=santos&sort=opened")
        cursor = page.context["next_query"]
        assert cursor
        with django_assert_num_queries(len(INBOX_QUERIES)):
            second = agent_client.get(f"/empresa/caixa/?{cursor}")
        assert _rows(second) == 2
        assert _tables(_queries(agent_client, f"/empresa/caixa/?{cursor}")) == INBOX_QUERIES
    finally:
        selectors.PAGE_SIZE = original
