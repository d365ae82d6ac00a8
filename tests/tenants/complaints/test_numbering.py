"""Complaint numbers: unique per Procon and year, never given twice, and taken without making
concurrent filings of the same Procon wait for each other."""

import threading
from datetime import date
from unittest import mock

import pytest
from django.db import OperationalError, connection, connections, transaction
from django_tenants.utils import tenant_context

from shared.procons.models import Procon
from tenants.complaints.models import Complaint
from tests.tenants.complaints.factories import file_complaint


def _sequence_number(complaint: Complaint) -> int:
    return int(complaint.number.rsplit("-", 1)[1])


@pytest.mark.django_db
def test_a_number_taken_by_a_filing_that_failed_is_never_given_again(santos) -> None:
    # given this year's numbering started, and a filing that took its number, then failed
    file_complaint()
    with pytest.raises(RuntimeError), transaction.atomic():
        lost = file_complaint()
        raise RuntimeError("the filing fails after numbering")
    assert not Complaint.objects.filter(number=lost.number).exists()

    # when the next consumer files
    after = file_complaint()

    # then they get a later number: a gap, not the failed filing's number
    assert _sequence_number(after) == _sequence_number(lost) + 1


@pytest.mark.django_db
def test_the_first_filing_of_a_year_continues_after_the_numbers_already_in_that_year(
    santos,
) -> None:
    # given a case of 2031 already in the schema (restored from elsewhere, say)
    Complaint.objects.filter(pk=file_complaint().pk).update(number="SANTOS-2031-000041")

    # when the first filing numbered in 2031 is made
    with mock.patch("django.utils.timezone.localdate", return_value=date(2031, 1, 2)):
        complaint = file_complaint()

    # then it follows that number
    assert complaint.number == "SANTOS-2031-000042"


def test_a_filing_does_not_wait_for_another_filing_of_the_same_procon_to_commit(
    committed_procon: Procon, django_db_blocker
) -> None:
    """The old counter row stayed locked until the filing committed: every filing of a Procon
    queued behind the one before it. Here one filing stays open while another files. (The
    year's first filing creates the year's sequence: until it commits, the next one waits.)"""
    numbered, release = threading.Event(), threading.Event()
    numbers: list[str] = []

    def slow_filing() -> None:
        try:
            with tenant_context(committed_procon), transaction.atomic():
                numbers.append(file_complaint().number)
                numbered.set()
                release.wait(timeout=30)
        finally:
            numbered.set()
            connections.close_all()

    with django_db_blocker.unblock():
        with tenant_context(committed_procon):
            file_complaint()
        other = threading.Thread(target=slow_filing)
        other.start()
        try:
            assert numbered.wait(timeout=30)
            with tenant_context(committed_procon), transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '2s'")
                try:
                    numbers.append(file_complaint().number)
                except OperationalError as error:
                    pytest.fail(f"the filing waited for the other one: {error}")
        finally:
            release.set()
            other.join(timeout=30)
            connection.set_schema_to_public()
    assert len(set(numbers)) == 2
