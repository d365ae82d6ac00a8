"""The demo data gives the supervisor's dashboard a year to show: both municipal Procons have
complaints spread over the months, placed in their consumers' cities, and seeding twice files
nothing new. No date the cases record lies in the future (rows changed "later than now" once
froze the rollups' refreshes)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from shared.caseindex.models import CaseIndexEntry

pytestmark = pytest.mark.django_db


def test_both_municipal_procons_have_complaints_spread_over_the_months() -> None:
    call_command("seed_demo", stdout=StringIO())
    first = CaseIndexEntry.objects.count()
    call_command("seed_demo", stdout=StringIO())

    assert CaseIndexEntry.objects.count() == first
    for slug in ("santos", "campinas"):
        rows = CaseIndexEntry.objects.filter(procon__slug=slug, kind="complaint")
        months = set(rows.annotate(m=TruncMonth("opened_at")).values_list("m", flat=True))
        assert len(months) >= 10, slug
        assert rows.filter(status="closed").exists()
        assert rows.values("municipality").distinct().count() >= 3
    now = timezone.now()
    recorded = ("opened_at", "updated_at", "closed_at", "answered_at", "cip_sent_at", "rated_at")
    future = Q()
    for field in recorded:
        future |= Q(**{f"{field}__gt": now})
    assert not CaseIndexEntry.objects.filter(future).exists()
