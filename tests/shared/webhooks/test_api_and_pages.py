"""The webhook pages and API on the platform host: company administrators only; anything else
signed in gets 404, anonymous callers the login page or 401."""

import pytest

from shared.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.conftest import host_client
from tests.factories import CompanyFactory, company_agent
from tests.shared.webhooks.helpers import branch_of, endpoint_for
from tests.support.clients import logged_in_client

pytestmark = pytest.mark.django_db

URL = "https://erp.exemplo.test/procon"
EVENTS = ["complaint.cip_sent", "complaint.closed"]


def test_an_admin_creates_an_endpoint_and_sees_the_secret_once(admin, company) -> None:
    client = logged_in_client(admin)
    response = client.post(
        "/api/v1/company/webhooks/",
        {"url": URL, "events": EVENTS, "description": "ERP"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["secret"].startswith("whsec_")
    assert created["company_cnpj"] == company.cnpj
    assert WebhookEndpoint.objects.get(pk=created["id"]).secret == created["secret"]

    listed = client.get("/api/v1/company/webhooks/").json()
    assert [e["id"] for e in listed] == [created["id"]]
    assert "secret" not in listed[0]
    page = client.get("/empresa/webhooks/")
    assert created["secret"] not in page.content.decode()
    assert created["url"] in page.content.decode()


def test_field_errors_are_400s_naming_the_field(admin) -> None:
    client = logged_in_client(admin)
    response = client.post(
        "/api/v1/company/webhooks/",
        {"url": "http://erp.exemplo.test/", "events": EVENTS},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "url" in response.json()
    response = client.post(
        "/api/v1/company/webhooks/",
        {"url": URL, "events": ["complaint.filed"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "events" in response.json()


def test_an_admin_of_two_companies_names_the_company(admin, company) -> None:
    second = CompanyFactory()
    company_agent(second, role="agent")
    from shared.accounts.actions import do_grant_company_role

    do_grant_company_role(admin, company=second, role="admin")
    client = logged_in_client(admin)
    body = {"url": URL, "events": EVENTS}
    response = client.post("/api/v1/company/webhooks/", body, content_type="application/json")
    assert response.status_code == 400
    assert "company_cnpj" in response.json()
    response = client.post(
        "/api/v1/company/webhooks/",
        {**body, "company_cnpj": second.cnpj_display},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["company_cnpj"] == second.cnpj


def test_deliveries_are_listed_newest_first_and_an_endpoint_deleted(admin, company) -> None:
    endpoint, _secret = endpoint_for(company, actor=admin)
    client = logged_in_client(admin)
    ping = client.post(f"/api/v1/company/webhooks/{endpoint.pk}/ping/")
    assert ping.status_code == 202
    assert ping.json()["event_type"] == "ping"

    response = client.get(f"/api/v1/company/webhooks/{endpoint.pk}/deliveries/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert (row["event_type"], row["status"], row["attempts"]) == ("ping", "pending", 0)

    page = client.get(f"/empresa/webhooks/{endpoint.pk}/entregas/")
    assert page.status_code == 200
    assert f'data-testid="webhook-delivery-{row["id"]}"' in page.content.decode()

    assert client.delete(f"/api/v1/company/webhooks/{endpoint.pk}/").status_code == 204
    assert not WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()
    assert not WebhookDelivery.objects.filter(endpoint_id=endpoint.pk).exists()


def test_the_pages_create_disable_ping_and_delete(admin, company) -> None:
    client = logged_in_client(admin)
    response = client.post(
        "/empresa/webhooks/",
        {"company": company.pk, "url": URL, "events": EVENTS, "description": "ERP"},
    )
    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get(company=company)
    html = response.content.decode()
    assert 'data-testid="webhook-secret"' in html
    assert endpoint.secret in html
    assert endpoint.secret not in client.get("/empresa/webhooks/").content.decode()

    refused = client.post("/empresa/webhooks/", {"company": company.pk, "url": "http://x.test/"})
    assert 'data-testid="webhook-secret"' not in refused.content.decode()
    assert WebhookEndpoint.objects.filter(company=company).count() == 1

    response = client.post(f"/empresa/webhooks/{endpoint.pk}/ativo/", {"active": "0"})
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert not endpoint.is_active

    response = client.post(f"/empresa/webhooks/{endpoint.pk}/testar/")
    assert response.status_code == 302
    assert response["Location"] == f"/empresa/webhooks/{endpoint.pk}/entregas/"
    assert endpoint.deliveries.get().event_type == "ping"

    assert client.post(f"/empresa/webhooks/{endpoint.pk}/excluir/").status_code == 302
    assert not WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()


def test_the_whole_company_group_is_managed_by_an_admin_of_one_branch(admin, company) -> None:
    branch_endpoint, _secret = endpoint_for(branch_of(company))
    client = logged_in_client(admin)
    assert [e["id"] for e in client.get("/api/v1/company/webhooks/").json()] == [branch_endpoint.pk]
    path = f"/api/v1/company/webhooks/{branch_endpoint.pk}/deliveries/"
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("who", ["agent_of_the_company", "admin_of_another_company"])
def test_anyone_but_the_groups_admins_gets_404(who: str, admin, company) -> None:
    endpoint, _secret = endpoint_for(company, actor=admin)
    user = (
        company_agent(company, role="agent")
        if who == "agent_of_the_company"
        else company_agent(CompanyFactory(), role="admin")
    )
    client = logged_in_client(user)
    for method, path in [
        ("delete", f"/api/v1/company/webhooks/{endpoint.pk}/"),
        ("get", f"/api/v1/company/webhooks/{endpoint.pk}/deliveries/"),
        ("post", f"/api/v1/company/webhooks/{endpoint.pk}/ping/"),
        ("get", f"/empresa/webhooks/{endpoint.pk}/entregas/"),
        ("post", f"/empresa/webhooks/{endpoint.pk}/ativo/"),
        ("post", f"/empresa/webhooks/{endpoint.pk}/testar/"),
        ("post", f"/empresa/webhooks/{endpoint.pk}/excluir/"),
    ]:
        assert getattr(client, method)(path).status_code == 404, (method, path)
    listed = client.get("/api/v1/company/webhooks/")
    if who == "agent_of_the_company":
        assert listed.status_code == 404
    else:
        assert listed.json() == []
    endpoint.refresh_from_db()
    assert endpoint.is_active
    assert not endpoint.deliveries.exists()


def test_anonymous_callers_get_401_and_the_login_page(company) -> None:
    endpoint, _secret = endpoint_for(company)
    client = host_client("localhost")
    assert client.get("/api/v1/company/webhooks/").status_code == 401
    assert client.delete(f"/api/v1/company/webhooks/{endpoint.pk}/").status_code == 401
    response = client.get("/empresa/webhooks/")
    assert response.status_code == 302
    assert "/entrar/" in response["Location"]


def test_the_routes_do_not_exist_on_a_procons_host(admin, procon) -> None:
    client = logged_in_client(admin, host=procon.host)
    assert client.get("/api/v1/company/webhooks/").status_code == 404
    assert client.get("/empresa/webhooks/").status_code == 404


def test_the_openapi_schema_documents_the_operations_with_examples() -> None:
    schema = host_client("localhost").get("/api/v1/schema/?format=json").json()
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/company/webhooks/"])
    assert "delete" in paths["/api/v1/company/webhooks/{endpoint_id}/"]
    assert "get" in paths["/api/v1/company/webhooks/{endpoint_id}/deliveries/"]
    post = paths["/api/v1/company/webhooks/"]["post"]
    assert "X-Procon-Signature" in post["description"]
    assert post["requestBody"]["content"]["application/json"]["examples"]
    assert post["responses"]["201"]["content"]["application/json"]["examples"]
