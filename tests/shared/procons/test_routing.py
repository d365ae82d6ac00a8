"""Hosts choose the schema and the URLconf: public host, Procon hosts, unknown hosts."""

import pytest
from django_tenants.utils import schema_context

from shared.procons.lifecycle import ProconStatus
from shared.procons.models import Procon
from tests.conftest import host_client

pytestmark = pytest.mark.django_db


def test_a_procon_host_runs_in_that_procons_schema(procon_client, other_procon_client) -> None:
    assert procon_client.get("/healthz").json()["schema"] == "procon_santos"
    assert other_procon_client.get("/healthz").json()["schema"] == "procon_campinas"


def test_the_platform_host_runs_in_the_public_schema_with_the_public_urlconf(public_client) -> None:
    response = public_client.get("/")
    assert response.status_code == 200
    assert public_client.get("/healthz").json()["schema"] == "public"
    # the list of Procons exists only in the public URLconf
    assert public_client.get("/api/v1/procons/").status_code == 200


def test_a_procon_host_does_not_serve_public_only_routes(procon_client) -> None:
    assert procon_client.get("/api/v1/procons/").status_code == 404
    assert procon_client.get("/admin/").status_code == 404


def test_the_platform_host_does_not_serve_procon_routes(public_client) -> None:
    assert public_client.get("/api/v1/procon/").status_code == 404


def test_an_unknown_subdomain_answers_404_never_the_public_site() -> None:
    response = host_client("nao-existe.localhost").get("/")
    assert response.status_code == 404
    assert "Procon" in response.content.decode()
    assert "nao-existe.localhost" in response.content.decode()
    assert host_client("nao-existe.localhost").get("/api/v1/procons/").status_code == 404


def test_a_host_outside_the_platform_domain_is_refused() -> None:
    assert host_client("evil.example.com").get("/").status_code in {400, 404}


def test_a_pending_procon_is_not_served_until_active(procon: Procon) -> None:
    with schema_context("public"):
        Procon.objects.filter(pk=procon.pk).update(status=ProconStatus.PENDING)
    assert host_client(procon.host).get("/").status_code == 404


def test_a_suspended_procon_still_serves_its_pages(procon: Procon) -> None:
    Procon.objects.filter(pk=procon.pk).update(status=ProconStatus.SUSPENDED)
    response = host_client(procon.host).get("/")
    assert response.status_code == 200
    assert "Procon Santos" in response.content.decode()


def test_the_request_leaves_no_tenant_behind_for_the_next_public_request(
    procon_client, public_client
) -> None:
    procon_client.get("/")
    assert public_client.get("/healthz").json()["schema"] == "public"
    assert procon_client.get("/api/v1/procons/").status_code == 404
