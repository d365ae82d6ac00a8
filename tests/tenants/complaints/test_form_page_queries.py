"""The complaint form (/reclamar/) costs a fixed, small number of queries: no query per city (it
listed the state's 645 municipalities, each label reading its state: 645 queries) nor per
subject, problem or purchase channel, however many the catalogue holds."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from tenants.catalogue.models import Problem, ProblemGroup
from tests.factories import ConsumerFactory
from tests.support.clients import logged_in_client

pytestmark = pytest.mark.django_db

# Each web process remembers the Procon a host serves (with its city) and sends SET search_path
# only when the schema changes: neither costs a query on a second request.
FORM_QUERIES = [
    "django_session",  # the session
    "accounts_user",  # the signed-in user
    "otp_totp_totpdevice",  # the session's two-step verification device
    "catalogue_subject",  # the subjects with their areas (one select, grouped)
    "catalogue_problem",  # the problems with their groups (one select, grouped)
    "accounts_staffmembership",  # the header: is the consumer staff here (the queue link)
    "catalogue_purchasechannel",  # how it was bought
]


def _queries(client: Client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/reclamar/")
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_the_form_page_costs_a_fixed_number_of_queries(procon, django_assert_num_queries) -> None:
    client = logged_in_client(ConsumerFactory(), procon.host)
    client.get("/reclamar/")  # the process's first request warms what it keeps (hosts, catalogue)

    with django_assert_num_queries(len(FORM_QUERIES)):
        response = client.get("/reclamar/")

    assert response.status_code == 200
    queries = _queries(client)
    assert len(queries) == len(FORM_QUERIES)
    for sql, marker in zip(queries, FORM_QUERIES, strict=True):
        assert marker in sql, (marker, sql[:120])
    # the city field starts with Santos's city, already known with the Procon: no city is read
    assert not any("geo_" in sql for sql in queries)


def test_more_problems_in_the_catalogue_cost_no_more_queries(procon) -> None:
    client = logged_in_client(ConsumerFactory(), procon.host)
    client.get("/reclamar/")
    before = len(_queries(client))
    with tenant_context(procon):
        group = ProblemGroup.objects.create(name="Grupo de teste")
        Problem.objects.bulk_create(
            Problem(group=group, name=f"Problema {n}", active=True) for n in range(40)
        )
    assert len(_queries(client)) == before


def test_the_state_procons_form_costs_the_same(state_procon) -> None:
    client = logged_in_client(ConsumerFactory(), state_procon.host)
    client.get("/reclamar/")
    queries = _queries(client)
    assert len(queries) == len(FORM_QUERIES)
    assert not any("geo_" in sql for sql in queries)
