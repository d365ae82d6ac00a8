"""An auto de infração exists for its Procon's fiscalização staff alone until the company is
notified: on the Procon's host the company's agents, the public lookup and the verification page
(pages, API and PDFs) answer 404 as for an absent process, and all of them open once notified."""

import pytest
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from tenants.sanctions.actions.company import do_notify_company
from tenants.sanctions.models import InfractionNotice, IssuedDocument
from tests.conftest import host_client
from tests.factories import CompanyFactory, company_agent, staff
from tests.support.clients import logged_in_client
from tests.tenants.sanctions.factories import issue_notice

pytestmark = pytest.mark.django_db


def _company_paths(number: str) -> list[str]:
    return [
        f"/api/v1/sanctions/processes/{number}/",
        f"/fiscalizacao/processos/{number}/auto.pdf",
    ]


def _public_paths(number: str, code: str) -> list[str]:
    return [
        f"/processos/?numero={number}",
        f"/api/v1/sanctions/lookup/{number}/",
        f"/verificar/?codigo={code}",
        f"/api/v1/sanctions/verify/{code}/",
    ]


@pytest.fixture
def issued(procon):  # type: ignore[no-untyped-def]
    """An auto signed by the inspector, not yet notified, with its company's agent."""
    inspector = staff(procon, StaffRole.INSPECTOR)
    company = CompanyFactory()
    agent = company_agent(company)
    with tenant_context(procon):
        notice = issue_notice(inspector, company=company)
        code = IssuedDocument.objects.get(notice=notice, kind="notice").code
    return notice, code, inspector, agent


def test_the_company_does_not_see_an_auto_before_it_is_notified(procon, issued) -> None:
    notice, _code, inspector, agent = issued
    company = logged_in_client(agent, procon.host)

    for path in _company_paths(notice.number):
        assert company.get(path).status_code == 404, path
    # nor can it take the company's step on it
    defence = company.post(
        f"/api/v1/sanctions/processes/{notice.number}/defence/",
        {"text": "Defesa antecipada."},
        content_type="application/json",
    )
    assert defence.status_code == 404
    # the inbox on the platform's host hides it as well
    inbox = host_client("localhost")
    inbox.force_login(agent)
    assert inbox.get(f"/api/v1/inbox/{procon.slug}/processes/{notice.number}/").status_code == 404
    # the fiscalização staff see it all along
    desk = logged_in_client(inspector, procon.host)
    for path in [*_company_paths(notice.number), f"/fiscalizacao/processos/{notice.number}/"]:
        assert desk.get(path).status_code == 200, path

    with tenant_context(procon):
        do_notify_company(InfractionNotice.objects.get(pk=notice.pk), actor=inspector)
    for path in _company_paths(notice.number):
        assert company.get(path).status_code == 200, path


def test_the_public_lookup_and_verification_do_not_reveal_an_auto_before_notification(
    procon, issued
) -> None:
    notice, code, inspector, _agent = issued
    anyone = host_client(procon.host)

    for path in _public_paths(notice.number, code):
        assert anyone.get(path).status_code == 404, path
    # the same answer as for a number that does not exist
    assert anyone.get("/api/v1/sanctions/lookup/AI-SANTOS-1999-000001/").status_code == 404

    with tenant_context(procon):
        do_notify_company(InfractionNotice.objects.get(pk=notice.pk), actor=inspector)
    for path in _public_paths(notice.number, code):
        assert anyone.get(path).status_code == 200, path
