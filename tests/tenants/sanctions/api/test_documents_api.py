"""The auto de infração and the decisions as PDFs in API v1 on the Procon's host, for token and
API-key callers: the company (its agents' tokens, its keys with `sanctions:read`) once notified,
the Procon's fiscalização staff; 404 alike for absent, not decided yet, not notified yet and not
yours; 403 for a key without the scope. The process resources link them with absolute URLs."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from shared.accounts.actions import do_issue_api_token
from shared.accounts.roles import StaffRole
from shared.companies.actions import do_issue_company_api_key
from shared.procons.models import host_url
from tenants.sanctions.actions.company import do_file_appeal
from tenants.sanctions.actions.decisions import do_decide, do_decide_appeal
from tenants.sanctions.models import InfractionNotice
from tests.factories import CompanyFactory, company_agent, staff
from tests.tenants.sanctions.factories import defended, issue_notice

pytestmark = pytest.mark.django_db
API = "/api/v1/sanctions/processes"


def _token(user) -> str:
    return do_issue_api_token(user, name="ERP")[1]


def _with_token(host: str, key: str) -> Client:
    return Client(HTTP_HOST=host, HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE="en")


def _with_api_key(host: str, secret: str) -> Client:
    return Client(HTTP_HOST=host, HTTP_AUTHORIZATION=f"Bearer {secret}", HTTP_ACCEPT_LANGUAGE="en")


def _as_the_company(procon, company, agent, url: str):  # type: ignore[no-untyped-def]
    """GETs `url` with the agent's API token and with a sanctions:read key of the company."""
    by_token = _with_token(procon.host, _token(agent)).get(url)
    return by_token, _with_api_key(procon.host, _api_key(company, "sanctions:read")).get(url)


def _api_key(company, *scopes: str) -> str:
    admin = company_agent(company, role="admin")
    return do_issue_company_api_key(company, actor=admin, name="ERP", scopes=scopes)[1]


def _path(url: str) -> str:
    return urlsplit(url).path


def _is_pdf(response) -> bool:
    return (
        response.status_code == 200
        and response["Content-Type"] == "application/pdf"
        and response.content.startswith(b"%PDF")
    )


@pytest.fixture
def appealed(procon, inspector, judge, company, agent) -> InfractionNotice:
    """Notified, defended, fined, appealed and upheld: both instances decided."""
    with tenant_context(procon):
        notice = defended(inspector, agent, company)
        notice = do_decide(
            notice, actor=judge, dismiss=False, reasoning="Infração comprovada.", sanctions=["fine"]
        )
        notice = do_file_appeal(notice, actor=agent, text="A multa é desproporcional.")
        return do_decide_appeal(notice, actor=judge, ruling="uphold", reasoning="Mantida.")


@pytest.fixture
def not_notified(procon, inspector, company) -> InfractionNotice:
    with tenant_context(procon):
        return issue_notice(inspector, company=company)


@pytest.mark.parametrize("path", ["auto.pdf", "decisions/1.pdf", "decisions/2.pdf"])
def test_the_companys_token_and_a_sanctions_read_key_open_each_pdf(
    procon, company, agent, appealed, path
) -> None:
    url = f"{API}/{appealed.number}/{path}"

    by_token, by_key = _as_the_company(procon, company, agent, url)

    assert _is_pdf(by_token), by_token.content[:200]
    assert _is_pdf(by_key), by_key.content[:200]


def test_the_procons_fiscalizacao_staff_opens_the_auto_by_token(procon, judge, appealed) -> None:
    response = _with_token(procon.host, _token(judge)).get(f"{API}/{appealed.number}/auto.pdf")
    assert _is_pdf(response)


@pytest.mark.parametrize("path", ["auto.pdf", "decisions/1.pdf"])
def test_another_companys_token_gets_404(procon, appealed, path) -> None:
    stranger = company_agent(CompanyFactory())

    response = _with_token(procon.host, _token(stranger)).get(f"{API}/{appealed.number}/{path}")

    assert response.status_code == 404
    assert b"%PDF" not in response.content


@pytest.mark.parametrize("path", ["auto.pdf", "decisions/1.pdf"])
def test_another_procons_staff_gets_404(procon, other_procon, inspector, appealed, path) -> None:
    campinas_inspector = staff(other_procon, StaffRole.INSPECTOR)
    url = f"{API}/{appealed.number}/{path}"

    at_santos = _with_token(procon.host, _token(campinas_inspector)).get(url)
    # Santos' own inspector on Campinas' host: the process is not there.
    at_campinas = _with_token(other_procon.host, _token(inspector)).get(url)

    assert at_santos.status_code == 404
    assert at_campinas.status_code == 404


def test_another_companys_key_gets_404(procon, appealed) -> None:
    secret = _api_key(CompanyFactory(), "sanctions:read")
    response = _with_api_key(procon.host, secret).get(f"{API}/{appealed.number}/auto.pdf")
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["auto.pdf", "decisions/1.pdf"])
def test_a_key_without_sanctions_read_gets_403_naming_the_scope(
    procon, company, appealed, path
) -> None:
    secret = _api_key(company, "cases:read", "sanctions:respond")

    response = _with_api_key(procon.host, secret).get(f"{API}/{appealed.number}/{path}")

    assert response.status_code == 403
    assert response.json()["code"] == "api_key_scope_missing"
    assert response.json()["scope"] == "sanctions:read"


def test_before_notification_the_company_gets_404_and_staff_the_auto(
    procon, company, agent, inspector, not_notified
) -> None:
    url = f"{API}/{not_notified.number}/auto.pdf"

    by_token, by_key = _as_the_company(procon, company, agent, url)
    by_staff = _with_token(procon.host, _token(inspector)).get(url)

    assert by_token.status_code == 404
    assert by_key.status_code == 404
    assert _is_pdf(by_staff)


@pytest.mark.parametrize(
    "path", ["decisions/1.pdf", "decisions/3.pdf", "decisions/99999999999.pdf"]
)
def test_a_decision_not_taken_is_404(procon, inspector, agent, company, path) -> None:
    with tenant_context(procon):
        notice = defended(inspector, agent, company)

    for client in (
        _with_token(procon.host, _token(agent)),
        _with_token(procon.host, _token(inspector)),
    ):
        assert client.get(f"{API}/{notice.number}/{path}").status_code == 404


def test_an_absent_process_is_404_and_no_credential_is_401(procon, agent) -> None:
    absent = _with_token(procon.host, _token(agent)).get(f"{API}/SANTOS-AI-2020-999999/auto.pdf")
    anonymous = Client(HTTP_HOST=procon.host).get(f"{API}/SANTOS-AI-2020-999999/auto.pdf")

    assert absent.status_code == 404
    assert anonymous.status_code == 401


def test_the_process_resource_links_each_document_with_an_absolute_url(
    procon, agent, appealed
) -> None:
    client = _with_token(procon.host, _token(agent))

    body = client.get(f"{API}/{appealed.number}/").json()

    base = host_url(procon.host, f"{API}/{appealed.number}")
    by_kind = {d["kind"]: d["pdf_url"] for d in body["documents"]}
    assert by_kind == {
        "notice": f"{base}/auto.pdf",
        "decision": f"{base}/decisions/1.pdf",
        "appeal_decision": f"{base}/decisions/2.pdf",
    }
    assert [d["pdf_url"] for d in body["decisions"]] == [
        f"{base}/decisions/1.pdf",
        f"{base}/decisions/2.pdf",
    ]
    for url in by_kind.values():
        assert _is_pdf(client.get(_path(url)))


def test_the_company_inbox_links_the_documents_a_key_then_opens(procon, company, appealed) -> None:
    secret = _api_key(company, "sanctions:read")
    inbox = _with_api_key("localhost", secret)

    body = inbox.get(f"/api/v1/inbox/santos/processes/{appealed.number}/").json()

    urls = [d["pdf_url"] for d in body["documents"]]
    assert len(urls) == 3
    assert [d["pdf_url"] for d in body["decisions"]] == urls[1:]
    on_procon = _with_api_key(procon.host, secret)
    for url in urls:
        assert url.startswith(host_url(procon.host, f"{API}/{appealed.number}/"))
        assert _is_pdf(on_procon.get(_path(url)))
