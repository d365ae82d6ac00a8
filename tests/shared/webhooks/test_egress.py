"""SSRF: a company administrator cannot make the platform POST to (or report on) anything but the
public internet: loopback, private, link-local (cloud metadata), shared, multicast, reserved and
unspecified addresses are refused, IPv4 hidden in IPv6 included, at creation and at every
delivery, and the connection goes to the address that was checked. The escape hatch for loopback
receivers (WEBHOOKS_ALLOW_LOOPBACK_HTTP) is turned off here."""

import ipaddress
import socket
import ssl
import subprocess
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest
from celery.exceptions import Retry
from django.core.exceptions import ValidationError

from shared.webhooks.actions import do_emit_company_event
from shared.webhooks.client import Reason
from shared.webhooks.egress import is_public_address
from shared.webhooks.lifecycle import SUBSCRIBABLE_EVENTS
from shared.webhooks.models import WebhookDelivery, WebhookEndpoint
from shared.webhooks.tasks import deliver_webhook
from tests.conftest import host_client
from tests.factories import PASSWORD, CompanyFactory, company_agent
from tests.shared.webhooks.helpers import endpoint_for
from tests.shared.webhooks.receiver import QuietHandler, serving, webhook_receiver

ALL_EVENTS = [e.value for e in SUBSCRIBABLE_EVENTS]
PAYLOAD = {"case_number": "SANTOS-2026-000042", "procon": "santos", "status": "cip_sent"}

NOT_PUBLIC = [
    "127.0.0.1",  # loopback
    "127.9.9.9",
    "10.0.0.5",  # private
    "172.16.3.4",
    "192.168.0.10",
    "169.254.169.254",  # link-local: the cloud metadata service
    "100.64.0.1",  # shared (carrier-grade NAT)
    "0.0.0.0",  # noqa: S104 - unspecified
    "224.0.0.1",  # multicast
    "240.0.0.1",  # reserved
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd00:ec2::254",  # the IPv6 metadata address
    "fec0::1",  # site-local
    "ff02::1",
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:169.254.169.254",
    "::ffff:10.0.0.1",
    "::10.0.0.1",  # IPv4-compatible
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "64:ff9b::a00:5",  # NAT64 of 10.0.0.5
    "64:ff9b:1::1",  # NAT64 local-use
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
]
PUBLIC = ["8.8.8.8", "200.160.2.3", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_non_public_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_public(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


@pytest.fixture
def no_loopback(settings) -> None:
    settings.WEBHOOKS_ALLOW_LOOPBACK_HTTP = False
    settings.WEBHOOKS_TIMEOUT_SECONDS = 2


class FakeDns:
    """Answers chosen names with chosen addresses (one list per query, the last one repeated);
    any other name goes to the real resolver."""

    def __init__(self, real) -> None:  # type: ignore[no-untyped-def]
        self.real = real
        self.answers: dict[str, list[list[str]]] = {}
        self.queries: list[str] = []

    def __call__(self, host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host not in self.answers:
            return self.real(host, port, *args, **kwargs)
        self.queries.append(host)
        sequence = self.answers[host]
        addresses = sequence[min(self.queries.count(host), len(sequence)) - 1]
        return [
            (
                socket.AF_INET6 if ":" in a else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (a, port, 0, 0) if ":" in a else (a, port),
            )
            for a in addresses
        ]


@pytest.fixture
def dns(monkeypatch) -> Iterator[FakeDns]:
    fake = FakeDns(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    yield fake


# --- at creation ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hooks",
        "https://10.0.0.5/hooks",
        "https://172.20.0.1:8443/hooks",
        "https://192.168.1.1/hooks",
        "https://169.254.169.254/latest/meta-data/",
        "https://100.100.100.200/",
        "https://0.0.0.0/",
        "https://224.0.0.251/",
        "https://[::1]/hooks",
        "https://[fd00:ec2::254]/latest/meta-data/",
        "https://[::ffff:169.254.169.254]/",
        "https://[::ffff:a00:5]/",
        "https://[2002:a9fe:a9fe::1]/",
        "https://[64:ff9b::a9fe:a9fe]/",
        "https://localhost/hooks",  # resolves to loopback
    ],
)
def test_creating_an_endpoint_at_a_non_public_address_is_refused(url: str, no_loopback) -> None:
    with pytest.raises(ValidationError) as error:
        endpoint_for(CompanyFactory(), url=url)
    assert error.value.error_dict["url"][0].code == "unsafe_destination"
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["https://2130706433/hooks", "https://0x7f.1/hooks"])
def test_loopback_spelt_as_a_number_is_refused(url: str, no_loopback) -> None:
    with pytest.raises(ValidationError) as error:
        endpoint_for(CompanyFactory(), url=url)
    assert "url" in error.value.message_dict
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.django_db
def test_a_cluster_internal_name_is_refused_at_creation(no_loopback, dns) -> None:
    dns.answers["redis.procon.svc.cluster.local"] = [["10.96.0.12"]]
    dns.answers["mixed.exemplo.test"] = [["200.160.2.3", "10.0.0.7"]]
    for url in ["https://redis.procon.svc.cluster.local:6379/", "https://mixed.exemplo.test/"]:
        with pytest.raises(ValidationError) as error:
            endpoint_for(CompanyFactory(), url=url)
        assert error.value.error_dict["url"][0].code == "unsafe_destination"


@pytest.mark.django_db
def test_a_public_name_is_accepted(no_loopback, dns) -> None:
    dns.answers["erp.exemplo.com.br"] = [["200.160.2.3", "2804:10:8::1"]]
    endpoint, _secret = endpoint_for(CompanyFactory(), url="https://erp.exemplo.com.br/hooks")
    assert endpoint.pk


@pytest.mark.django_db
def test_the_api_and_the_page_answer_400_naming_url(no_loopback) -> None:
    company = CompanyFactory()
    admin = company_agent(company, role="admin")
    client = host_client("localhost")
    assert client.login(username=admin.email, password=PASSWORD)

    api = client.post(
        "/api/v1/company/webhooks/",
        {"url": "https://169.254.169.254/latest/meta-data/", "events": ALL_EVENTS},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert list(api.json()) == ["url"]

    page = client.post(
        "/empresa/webhooks/",
        {"company": company.pk, "url": "https://10.0.0.5/", "events": ALL_EVENTS},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.status_code == 400
    assert "This address is not on the public internet" in page.content.decode()
    assert not WebhookEndpoint.objects.exists()


# --- at every delivery ----------------------------------------------------------------------


def _delivery_to(url: str) -> WebhookDelivery:
    """An endpoint stored before the checks existed (or whose name now resolves elsewhere)."""
    company = CompanyFactory()
    WebhookEndpoint.objects.create(company=company, url=url, secret="whsec_x", events=ALL_EVENTS)
    [delivery] = do_emit_company_event(
        company=company, event_type="complaint.cip_sent", payload=PAYLOAD
    )
    return delivery


@pytest.mark.django_db
def test_a_delivery_to_a_loopback_address_is_refused_and_nothing_is_posted(no_loopback) -> None:
    with webhook_receiver(200) as receiver:
        delivery = _delivery_to(receiver.url)
        with pytest.raises(Retry):
            deliver_webhook.run(delivery.pk)
    assert receiver.requests == []
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_status_code) == ("pending", None)
    assert delivery.last_error == Reason.REFUSED_DESTINATION


@pytest.mark.django_db
def test_a_name_that_now_resolves_inside_is_refused_at_delivery(no_loopback, dns) -> None:
    with webhook_receiver(200) as receiver:
        port = receiver.url.split(":")[2].split("/")[0]
        dns.answers["hooks.exemplo.test"] = [["127.0.0.1"]]
        delivery = _delivery_to(f"http://hooks.exemplo.test:{port}/hooks/procon")
        with pytest.raises(Retry):
            deliver_webhook.run(delivery.pk)
    assert receiver.requests == []
    delivery.refresh_from_db()
    assert delivery.last_error == Reason.REFUSED_DESTINATION


@pytest.mark.django_db
def test_dns_rebinding_does_not_reach_the_private_address(no_loopback, dns, monkeypatch) -> None:
    """The name answers a public address to the first query and loopback afterwards: the
    delivery connects to the address it checked, and never asks again."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    dns.answers["rebind.exemplo.test"] = [["200.160.2.3"], ["127.0.0.1"]]
    dialled: list[tuple[str, int]] = []
    real_create_connection = socket.create_connection

    def create_connection(address, *args, **kwargs):  # type: ignore[no-untyped-def]
        dialled.append(address)
        if not ipaddress.ip_address(address[0]).is_loopback:
            raise ConnectionRefusedError  # tests never leave the machine
        return real_create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    company = CompanyFactory()
    WebhookEndpoint.objects.create(
        company=company,
        url=f"https://rebind.exemplo.test:{port}/hooks",
        secret="whsec_x",
        events=ALL_EVENTS,
    )
    [delivery] = do_emit_company_event(
        company=company, event_type="complaint.cip_sent", payload=PAYLOAD
    )
    try:
        with pytest.raises(Retry):
            deliver_webhook.run(delivery.pk)
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()
    assert dialled == [("200.160.2.3", port)]
    assert dns.queries == ["rebind.exemplo.test"]
    delivery.refresh_from_db()
    assert delivery.last_error == Reason.CONNECTION


# --- what the company sees of a failure -----------------------------------------------------


@pytest.mark.django_db
def test_a_failed_delivery_shows_the_status_code_but_not_the_body(settings) -> None:
    settings.WEBHOOKS_ALLOW_LOOPBACK_HTTP = True
    company = CompanyFactory()
    admin = company_agent(company, role="admin")
    with webhook_receiver(500) as receiver:
        endpoint, _secret = endpoint_for(company, url=receiver.url, actor=admin)
        [delivery] = do_emit_company_event(
            company=company, event_type="complaint.cip_sent", payload=PAYLOAD
        )
        with pytest.raises(Retry):
            deliver_webhook.run(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.last_status_code, delivery.last_error) == (500, Reason.HTTP_ERROR)
    client = host_client("localhost")
    assert client.login(username=admin.email, password=PASSWORD)
    api = client.get(f"/api/v1/company/webhooks/{endpoint.pk}/deliveries/").content.decode()
    page = client.get(f"/empresa/webhooks/{endpoint.pk}/entregas/").content.decode()
    for shown in (api, page, delivery.log.get().error):
        assert "500" in shown or shown == Reason.HTTP_ERROR
        assert "receiver is down" not in shown


@pytest.mark.django_db
def test_a_connection_error_shows_a_generic_reason(settings) -> None:
    settings.WEBHOOKS_ALLOW_LOOPBACK_HTTP = True
    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    company = CompanyFactory()
    endpoint_for(company, url=f"http://127.0.0.1:{port}/hooks")
    [delivery] = do_emit_company_event(
        company=company, event_type="complaint.cip_sent", payload=PAYLOAD
    )
    with pytest.raises(Retry):
        deliver_webhook.run(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.last_error == Reason.CONNECTION
    assert "Errno" not in delivery.log.get().error


# --- TLS still checks the registered host name ----------------------------------------------


def _certificate(directory, name: str) -> tuple[str, str]:
    """A self-signed certificate for `name` (the test trusts it as its only CA)."""
    cert, key = str(directory / f"{name}.pem"), str(directory / f"{name}.key")
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", key, "-out", cert, "-subj", f"/CN={name}"),
            *("-addext", f"subjectAltName=DNS:{name}"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.mark.django_db
@pytest.mark.parametrize(
    "served_name, delivered", [("hooks.exemplo.test", True), ("x.test", False)]
)
def test_the_pinned_connection_verifies_the_certificate_and_sends_sni_for_the_host_name(
    settings, dns, monkeypatch, tmp_path, served_name: str, delivered: bool
) -> None:
    settings.WEBHOOKS_ALLOW_LOOPBACK_HTTP = True  # the receiver is on 127.0.0.1
    cert, key = _certificate(tmp_path, served_name)
    monkeypatch.setenv("SSL_CERT_FILE", cert)
    seen: dict[str, str | None] = {}

    class Handler(QuietHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            seen["host"] = self.headers["Host"]
            self.send_response(204)
            self.end_headers()

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: seen.__setitem__("sni", name)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    dns.answers["hooks.exemplo.test"] = [["127.0.0.1"]]
    with serving(server) as port:
        company = CompanyFactory()
        endpoint_for(company, url=f"https://hooks.exemplo.test:{port}/hooks")
        [delivery] = do_emit_company_event(
            company=company, event_type="complaint.cip_sent", payload=PAYLOAD
        )
        if delivered:
            assert deliver_webhook.run(delivery.pk) == "delivered"
        else:
            with pytest.raises(Retry):
                deliver_webhook.run(delivery.pk)
    delivery.refresh_from_db()
    assert seen.get("sni") == "hooks.exemplo.test"
    if delivered:
        assert seen["host"] == f"hooks.exemplo.test:{port}"
    else:
        assert "host" not in seen
        assert delivery.last_error == Reason.TLS
