"""The attendant's queue puts the consumers with priority service first, then the new complaints (waiting for triage) first, then the others by the
deadline running now, the cases without one last; the page says so, and the order is read from
the partial index complaint_queue_triage_idx (no sort of the open cases)."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import tenant_context

from tenants.complaints import views as complaint_views
from tenants.complaints.actions.triage import do_accept_complaint
from tenants.complaints.models import Complaint
from tenants.complaints.selectors import QueueFilters, staff_queue
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import at_answered, at_cip_sent, file_complaint

pytestmark = pytest.mark.django_db


def _numbers(response) -> list[str]:
    return [complaint.number for complaint, _badge in response.context["rows"]]


def _set(complaint: Complaint, **fields: object) -> Complaint:
    Complaint.objects.filter(pk=complaint.pk).update(**fields)
    complaint.refresh_from_db()
    return complaint


def test_a_new_complaint_appears_on_the_first_page_above_older_triaged_ones(
    procon, attendant, monkeypatch
) -> None:
    # given a queue of three pages of triaged cases, all older than the new one
    monkeypatch.setattr(complaint_views, "QUEUE_PAGE_SIZE", 2)
    with tenant_context(procon):
        triaged = [at_cip_sent(attendant) for _n in range(5)]
        # when a consumer files a new complaint
        new = file_complaint()
    desk = logged_in_client(attendant, procon.host)

    # then the attendant sees it first, on the first page
    first_page = desk.get("/atendimento/")
    assert _numbers(first_page)[0] == new.number
    assert _numbers(first_page)[1] in {c.number for c in triaged}
    assert first_page.context["page"].paginator.num_pages == 3


def test_the_queue_order_new_first_then_the_running_deadline_then_no_deadline(
    procon, attendant
) -> None:
    today = timezone.localdate()
    with tenant_context(procon):
        older_new = file_complaint()
        newer_new = file_complaint()
        accepted = do_accept_complaint(file_complaint(), actor=attendant, as_role="attendant")
        far = _set(at_cip_sent(attendant), cip_due_on=today + timedelta(days=9))
        overdue = _set(at_cip_sent(attendant), cip_due_on=today - timedelta(days=1))
        # answered: the consumer's rating deadline runs now, not the company's old one
        rating = _set(
            at_answered(attendant),
            cip_due_on=today - timedelta(days=30),
            rating_due_on=today + timedelta(days=3),
        )
        closed = _set(
            at_cip_sent(attendant),
            status="closed",
            classification="resolved_at_cip",
            closed_at=timezone.now(),
            cip_due_on=today - timedelta(days=40),
        )
        _set(older_new, created_at=timezone.now() - timedelta(days=2))

    numbers = _numbers(logged_in_client(attendant, procon.host).get("/atendimento/"))

    assert numbers == [
        older_new.number,
        newer_new.number,
        overdue.number,
        rating.number,
        far.number,
        accepted.number,
    ]
    assert closed.number not in numbers


def test_one_status_keeps_the_order_of_its_running_deadline(procon, attendant) -> None:
    today = timezone.localdate()
    with tenant_context(procon):
        later = _set(at_answered(attendant), rating_due_on=today + timedelta(days=5))
        sooner = _set(
            at_answered(attendant),
            rating_due_on=today + timedelta(days=1),
            cip_due_on=today + timedelta(days=20),
        )

    response = logged_in_client(attendant, procon.host).get("/atendimento/", {"status": "answered"})

    assert _numbers(response) == [sooner.number, later.number]


def test_the_page_explains_the_order(procon, attendant) -> None:
    html = logged_in_client(attendant, procon.host).get("/atendimento/").content.decode()
    assert 'data-testid="queue-order"' in html
    assert "Primeiro os consumidores com atendimento prioritário" in html


def test_the_queue_order_is_read_from_its_partial_index(procon, attendant) -> None:
    """With sorting priced out, the page's query walks complaint_queue_triage_idx: the ORDER BY
    is the index's own expressions (a drift between them would need a Sort node)."""
    with tenant_context(procon):
        file_complaint()
        at_cip_sent(attendant)
        sql, params = staff_queue(filters=QueueFilters())[:50].query.sql_with_params()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "complaint_queue_triage_idx" in plan, plan
    assert "Sort" not in plan, plan
