# ruff: noqa: F811 - the inbox fixtures are imported, then requested by name
"""Company API keys: issued by a company administrator, shown once, stored hashed; a key acts for
its company's CNPJ-root group on every Procon, only through the operations of its scopes; expired,
revoked and rotated-out keys are 401; every use is in the audit log, readable by the admin."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared.audit.models import AuditEntry
from shared.companies.actions import do_issue_company_api_key
from shared.companies.keys import hash_key
from shared.companies.models import CompanyApiKey
from shared.companies.selectors import team_list
from tenants.complaints.lifecycle import ComplaintStatus as S
from tests.factories import company_agent
from tests.shared.inbox.conftest import (  # noqa: F401 - fixtures
    campinas_attendant,
    cases,
    foreign_agent,
    foreign_company,
    santos_attendant,
)
from tests.support.clients import logged_in_client

pytestmark = pytest.mark.django_db

ANSWER = {"answer_type": "explained", "text": "Entramos em contato com o cliente."}


@pytest.fixture
def admin(company):
    return company_agent(company, role="admin")


def _key(company, *scopes: str, **kwargs) -> tuple[CompanyApiKey, str]:
    actor = company_agent(company, role="admin")
    return do_issue_company_api_key(
        company, actor=actor, name="ERP", scopes=scopes or ("cases:read",), **kwargs
    )


def _with(secret: str, address: str = "203.0.113.90") -> Client:
    return Client(
        HTTP_HOST="localhost",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_an_admin_issues_a_key_shown_once_stored_hashed_that_reads_the_groups_cases(
    admin, cases
) -> None:
    # when the administrator issues a key through the API
    response = logged_in_client(admin).post(
        "/api/v1/company/api-keys/",
        {"name": "ERP", "scopes": ["cases:read"]},
        content_type="application/json",
    )

    # then the secret is answered once and only its hash is stored
    assert response.status_code == 201, response.json()
    secret = response.json()["key"]
    api_key = CompanyApiKey.objects.get(pk=response.json()["id"])
    assert api_key.key_hash == hash_key(secret)
    assert secret not in {api_key.key_hash, api_key.prefix, api_key.name}
    assert api_key.expires_at > timezone.now() + timedelta(days=364)
    listed = logged_in_client(admin).get("/api/v1/company/api-keys/").json()
    assert "key" not in listed[0]
    # and the key lists the group's cases of both Procons, the branch's too
    inbox = _with(secret).get("/api/v1/inbox/")
    assert inbox.status_code == 200
    assert {row["number"] for row in inbox.json()["results"]} == {c.number for c in cases.group()}
    # the key's own account is not shown as a member of the team
    assert api_key.user not in {m.user for m in team_list(api_key.company)}


def test_a_key_of_company_a_gets_404_for_company_bs_case(company, cases) -> None:
    _api_key, secret = _key(company, "cases:read", "cases:answer")
    foreign = cases.santos_foreign.number

    read = _with(secret).get(f"/api/v1/inbox/santos/{foreign}/")
    answer = _with(secret).post(
        f"/api/v1/inbox/santos/{foreign}/answer/", ANSWER, content_type="application/json"
    )

    assert read.status_code == answer.status_code == 404
    assert _with(secret).get(f"/api/v1/inbox/santos/{cases.santos_due.number}/").status_code == 200


def test_a_key_without_cases_answer_gets_403_and_the_case_stays_unanswered(
    company, cases, procon
) -> None:
    _api_key, secret = _key(company, "cases:read")
    number = cases.santos_due.number

    response = _with(secret).post(
        f"/api/v1/inbox/santos/{number}/answer/", ANSWER, content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "api_key_scope_missing"
    assert response.json()["scope"] == "cases:answer"
    with tenant_context(procon):
        cases.santos_due.refresh_from_db()
    assert cases.santos_due.status == S.CIP_SENT


def test_a_key_with_cases_answer_answers_and_the_audit_log_names_the_key(
    company, admin, cases, procon
) -> None:
    api_key, secret = _key(company, "cases:read", "cases:answer")
    number = cases.santos_due.number

    response = _with(secret).post(
        f"/api/v1/inbox/santos/{number}/answer/", ANSWER, content_type="application/json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == S.ANSWERED
    entry = AuditEntry.objects.get(api_key=api_key, method="POST")
    assert entry.company_id == company.pk
    assert entry.route == "api:inbox-answer"
    assert entry.status_code == 200
    assert entry.ip_address == "203.0.113.90"
    # reads are recorded too, and the company's administrator reads them
    _with(secret).get("/api/v1/inbox/")
    uses = logged_in_client(admin).get(f"/api/v1/company/api-keys/{api_key.pk}/uses/").json()
    assert [(u["method"], u["status_code"]) for u in uses["results"]] == [
        ("GET", 200),
        ("POST", 200),
    ]
    detail = logged_in_client(admin).get(f"/api/v1/company/api-keys/{api_key.pk}/").json()
    assert detail["last_used_ip"] == "203.0.113.90"
    assert detail["last_used_at"] is not None


def test_expired_revoked_and_rotated_out_keys_are_401(company, admin, cases) -> None:
    admin_client = logged_in_client(admin)
    # expired
    expired, expired_secret = _key(company)
    CompanyApiKey.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    assert _with(expired_secret).get("/api/v1/inbox/").status_code == 401
    # revoked
    revoked, revoked_secret = _key(company)
    assert _with(revoked_secret).get("/api/v1/inbox/").status_code == 200
    assert admin_client.delete(f"/api/v1/company/api-keys/{revoked.pk}/").status_code == 204
    assert _with(revoked_secret).get("/api/v1/inbox/").status_code == 401
    # rotated at once: the old secret stops, the new one works
    rotated, old_secret = _key(company)
    answer = admin_client.post(
        f"/api/v1/company/api-keys/{rotated.pk}/rotate/",
        {"overlap_hours": 0},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.json()
    assert _with(old_secret).get("/api/v1/inbox/").status_code == 401
    assert _with(answer.json()["key"]).get("/api/v1/inbox/").status_code == 200


def test_a_rotation_keeps_the_old_secret_only_during_the_overlap(company, admin, cases) -> None:
    api_key, old_secret = _key(company)

    answer = logged_in_client(admin).post(
        f"/api/v1/company/api-keys/{api_key.pk}/rotate/", {}, content_type="application/json"
    )

    new_secret = answer.json()["key"]
    assert _with(old_secret).get("/api/v1/inbox/").status_code == 200
    assert _with(new_secret).get("/api/v1/inbox/").status_code == 200
    # when the overlap is over
    CompanyApiKey.objects.filter(pk=api_key.pk).update(previous_valid_until=timezone.now())
    assert _with(old_secret).get("/api/v1/inbox/").status_code == 401
    assert _with(new_secret).get("/api/v1/inbox/").status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/me/"),
        ("get", "/api/v1/tokens/"),
        ("get", "/api/v1/company/agents/"),
        ("get", "/api/v1/company/api-keys/"),
        ("post", "/api/v1/company/api-keys/"),
        ("get", "/api/v1/company/webhooks/"),
    ],
)
def test_a_key_reaches_nothing_its_scopes_do_not_name(company, method, path) -> None:
    _api_key, secret = _key(company, "cases:read", "cases:answer")

    response = getattr(_with(secret), method)(path, {}, content_type="application/json")

    assert response.status_code == 403
    assert response.json()["code"] in {"api_key_not_allowed", "api_key_scope_missing"}


def test_a_key_is_refused_on_a_procons_host(company, cases, procon) -> None:
    _api_key, secret = _key(company, "cases:read", "cases:answer")

    response = Client(HTTP_HOST=procon.host, HTTP_AUTHORIZATION=f"Bearer {secret}").get(
        "/api/v1/complaints/"
    )

    assert response.status_code == 403


def test_webhooks_manage_opens_the_webhooks_but_the_key_is_never_an_administrator(
    company, admin
) -> None:
    api_key, secret = _key(company, "webhooks:manage")

    assert _with(secret).get("/api/v1/company/webhooks/").status_code == 200
    assert _with(secret).get("/api/v1/company/agents/").status_code == 403
    # the last person administering the company still cannot step down
    membership = admin.company_memberships.get(company=company)
    others = company.memberships.filter(role="admin").exclude(user=admin)
    others.exclude(user=api_key.user).delete()
    response = logged_in_client(admin).patch(
        f"/api/v1/company/agents/{membership.pk}/",
        {"role": "agent"},
        content_type="application/json",
    )
    assert response.status_code == 400


def test_agents_and_other_companies_admins_cannot_manage_the_keys(
    company, foreign_company, admin
) -> None:
    api_key, _secret = _key(company)
    agent_client = logged_in_client(company_agent(company))
    foreign_admin = logged_in_client(company_agent(foreign_company, role="admin"))

    assert agent_client.get("/api/v1/company/api-keys/").status_code == 404
    assert foreign_admin.get(f"/api/v1/company/api-keys/{api_key.pk}/").status_code == 404
    assert foreign_admin.delete(f"/api/v1/company/api-keys/{api_key.pk}/").status_code == 404
    assert (
        foreign_admin.post(
            f"/api/v1/company/api-keys/{api_key.pk}/rotate/", {}, content_type="application/json"
        ).status_code
        == 404
    )
    api_key.refresh_from_db()
    assert api_key.revoked_at is None


def test_bad_input_names_the_field(admin) -> None:
    client = logged_in_client(admin)
    too_far = (timezone.now() + timedelta(days=3650)).isoformat()

    scopes = client.post(
        "/api/v1/company/api-keys/",
        {"name": "ERP", "scopes": ["everything"]},
        content_type="application/json",
    )
    expiry = client.post(
        "/api/v1/company/api-keys/",
        {"name": "ERP", "scopes": ["cases:read"], "expires_at": too_far},
        content_type="application/json",
    )

    assert scopes.status_code == 400 and "scopes" in scopes.json()
    assert expiry.status_code == 400 and "expires_at" in expiry.json()


def test_the_page_issues_shows_once_rotates_and_revokes(company, admin) -> None:
    client = logged_in_client(admin)

    issued = client.post(
        "/empresa/chaves/", {"name": "ERP", "scopes": ["cases:read", "cases:answer"]}
    )

    assert issued.status_code == 200
    secret = issued.context["new_key"]
    api_key = CompanyApiKey.objects.get(company=company)
    assert api_key.key_hash == hash_key(secret)
    assert secret not in client.get("/empresa/chaves/").content.decode()
    rotated = client.post(f"/empresa/chaves/{api_key.pk}/", {"overlap_hours": "0"})
    assert rotated.status_code == 200
    assert _with(secret).get("/api/v1/inbox/").status_code == 401
    new_secret = rotated.context["new_key"]
    assert client.post(f"/empresa/chaves/{api_key.pk}/revogar/").status_code == 302
    assert _with(new_secret).get("/api/v1/inbox/").status_code == 401
    # an agent does not reach the page
    assert logged_in_client(company_agent(company)).get("/empresa/chaves/").status_code == 404
