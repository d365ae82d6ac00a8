"""The live registry follows every change of the case index after one refresh, whatever the
clocks say: a reclassification after a row dated in the future (as the demo history once wrote
them), a case moved to another Procon or company, a deleted case, a writer that leaves
`updated_at` alone."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from shared.caseindex.models import CaseIndexEntry
from shared.registry.actions import do_refresh_registry_rollup
from tenants.complaints.actions.answer import do_lapse_cip, do_send_cip
from tenants.complaints.actions.closing import do_close_complaint, do_reopen_complaint
from tests.conftest import host_client
from tests.factories import CompanyFactory, staff
from tests.shared.registry.helpers import index_case, utc
from tests.tenants.complaints.factories import at_cip_sent

pytestmark = pytest.mark.django_db

MET, NOT_MET = "founded_met", "founded_not_met"


def _registry(client, year: int) -> dict[str, tuple[int, int]]:
    """The year's JSON rows; none when the scope has no founded case that year (404)."""
    response = client.get(f"/reclamacoes-fundamentadas/{year}.json")
    if response.status_code == 404:
        return {}
    data = json.loads(response.content)
    return {r["cnpj"]: (r["founded_met"], r["founded_not_met"]) for r in data["rows"]}


@pytest.fixture
def future_row(procon):
    """A founded case closed and changed a week ahead, as the demo history wrote them."""
    ahead = timezone.now() + timedelta(days=7)
    company = CompanyFactory()
    index_case(procon, company, closed_at=ahead, classification=MET)  # updated then too
    do_refresh_registry_rollup()
    return company


def test_after_a_row_dated_in_the_future_a_reclassification_shows_after_one_refresh(
    future_row, procon, public_client
) -> None:
    # given a real founded-met case of this year in the registry
    company = CompanyFactory()
    attendant = staff(procon, StaffRole.ATTENDANT)
    with tenant_context(procon):
        complaint = at_cip_sent(attendant, company=company)
        complaint = do_lapse_cip(complaint, today=complaint.cip_due_on + timedelta(days=1))
        complaint = do_close_complaint(
            complaint, actor=attendant, as_role="attendant", classification=MET
        )
    do_refresh_registry_rollup()
    year = timezone.localdate().year
    assert _registry(public_client, year)[company.cnpj] == (1, 0)

    # when it is reopened and closed as founded, not met
    with tenant_context(procon):
        complaint = do_reopen_complaint(
            complaint, actor=attendant, as_role="attendant", reason="A empresa não cumpriu."
        )
        complaint = do_send_cip(complaint, actor=attendant, as_role="attendant")
        complaint = do_lapse_cip(complaint, today=complaint.cip_due_on + timedelta(days=1))
        do_close_complaint(complaint, actor=attendant, as_role="attendant", classification=NOT_MET)
    do_refresh_registry_rollup()

    # then one refresh shows it, state-wide and on the Procon's host
    assert _registry(public_client, year)[company.cnpj] == (0, 1)
    assert _registry(host_client(procon.host), year)[company.cnpj] == (0, 1)


def test_a_case_moved_to_another_procon_leaves_the_first_procons_registry(
    procon, other_procon
) -> None:
    company = CompanyFactory()
    case = index_case(procon, company, closed_at=utc(2019, 5, 1, 12), classification=NOT_MET)
    do_refresh_registry_rollup()
    santos, campinas = host_client(procon.host), host_client(other_procon.host)
    assert _registry(santos, 2019) == {company.cnpj: (0, 1)}

    CaseIndexEntry.objects.filter(pk=case.pk).update(procon=other_procon, updated_at=timezone.now())
    do_refresh_registry_rollup()

    assert _registry(santos, 2019) == {}
    assert _registry(campinas, 2019) == {company.cnpj: (0, 1)}
    assert _registry(host_client("localhost"), 2019) == {company.cnpj: (0, 1)}


def test_a_case_moved_to_another_company_leaves_the_first_companys_row(
    procon, public_client
) -> None:
    first, second = CompanyFactory(), CompanyFactory()
    case = index_case(procon, first, closed_at=utc(2019, 5, 1, 12), classification=MET)
    do_refresh_registry_rollup()

    CaseIndexEntry.objects.filter(pk=case.pk).update(company=second, updated_at=timezone.now())
    do_refresh_registry_rollup()

    assert _registry(public_client, 2019) == {second.cnpj: (1, 0)}


def test_a_deleted_case_leaves_the_registry_after_one_refresh(procon, public_client) -> None:
    company = CompanyFactory()
    kept = index_case(procon, company, closed_at=utc(2019, 5, 1, 12), classification=MET)
    gone = index_case(procon, company, closed_at=utc(2019, 6, 1, 12), classification=NOT_MET)
    do_refresh_registry_rollup()
    assert _registry(public_client, 2019) == {company.cnpj: (1, 1)}

    CaseIndexEntry.objects.filter(pk=gone.pk).delete()
    do_refresh_registry_rollup()

    assert _registry(public_client, 2019) == {company.cnpj: (1, 0)}
    assert CaseIndexEntry.objects.filter(pk=kept.pk).exists()


def test_a_reclassification_that_leaves_updated_at_alone_shows_after_one_refresh(
    procon, public_client
) -> None:
    company, later = CompanyFactory(), CompanyFactory()
    case = index_case(procon, company, closed_at=utc(2019, 5, 1, 12), classification=MET)
    index_case(procon, later, closed_at=utc(2019, 9, 1, 12), classification=MET)
    do_refresh_registry_rollup()

    CaseIndexEntry.objects.filter(pk=case.pk).update(classification=NOT_MET)
    do_refresh_registry_rollup()

    assert _registry(public_client, 2019) == {company.cnpj: (0, 1), later.cnpj: (1, 0)}
