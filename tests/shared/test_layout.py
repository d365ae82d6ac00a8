"""The layout every page shares (platform/templates/base.html): the header's menu only after the
two-step code, the favicon, the adhesion link, the DS gov.br stylesheet and the VLibras widget."""

import re

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from config.settings.base import vlibras_csp
from shared.accounts.roles import StaffRole
from tests.conftest import host_client
from tests.factories import ConsumerFactory, staff
from tests.support.two_factor import confirmed_device, force_login_unverified

pytestmark = pytest.mark.django_db

VLIBRAS_PLUGIN = "https://vlibras.gov.br/app/vlibras-plugin.js"


def _page(client: Client, path: str = "/") -> str:
    response = client.get(path)
    assert response.status_code == 200, response
    return response.content.decode()


def test_the_header_shows_no_staff_menu_while_the_two_step_code_is_pending(procon) -> None:
    # given an attendant with an authenticator, past the password only
    attendant = staff(procon, StaffRole.ATTENDANT)
    confirmed_device(attendant)
    client = host_client(procon.host)
    force_login_unverified(client, attendant)

    # when the code page opens
    page = _page(client, reverse("accounts:two-factor-verify"))

    # then the header offers only "Log out": no queue, no personal data, no menu at all
    assert 'data-testid="two-factor-verify-form"' in page
    assert 'data-testid="site-nav"' not in page
    assert 'data-testid="nav-queue"' not in page
    assert 'data-testid="header-my-data"' not in page
    assert re.search(r'<form method="post" action="/sair/"', page)


def test_a_new_staff_member_enrolling_sees_no_staff_menu_either(procon) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    client = host_client(procon.host)
    force_login_unverified(client, attendant)

    page = _page(client, reverse("accounts:two-factor-setup"))

    assert 'data-testid="two-factor-secret"' in page
    assert 'data-testid="nav-queue"' not in page


def test_after_the_code_the_header_shows_the_staff_menu(procon) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    client = host_client(procon.host)
    client.force_login(attendant)  # a verified session (tests/support/two_factor.py)

    page = _page(client)

    assert 'data-testid="nav-queue"' in page
    assert 'data-testid="nav-my-complaints"' in page


def test_a_consumer_without_two_step_verification_sees_their_menu(procon) -> None:
    client = host_client(procon.host)
    client.force_login(ConsumerFactory())

    page = _page(client)

    assert 'data-testid="nav-my-complaints"' in page
    assert 'data-testid="header-my-data"' in page
    assert 'data-testid="nav-queue"' not in page


@pytest.mark.parametrize("on_procon_host", [False, True])
def test_the_favicon_and_every_icon_and_stylesheet_the_page_links_answer_200(
    procon, on_procon_host: bool
) -> None:
    client = host_client(procon.host if on_procon_host else "localhost")

    favicon = client.get("/favicon.ico")
    page = _page(client)

    assert favicon.status_code == 200
    assert favicon["Content-Type"] == "image/x-icon"
    assert b"".join(favicon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    linked = re.findall(r'<link rel="(?:icon|apple-touch-icon|stylesheet)" href="([^"]+)"', page)
    linked += re.findall(r'<script src="(/static/[^"]+)"', page)
    assert any("dsgovbr/core.min.css" in href for href in linked)
    assert any("favicon" in href for href in linked)
    for href in linked:
        response = client.get(href)
        assert response.status_code == 200, href


def test_the_platform_links_the_adhesion_of_municipal_procons(public_client: Client) -> None:
    page = _page(public_client)

    link = re.search(r'<a href="([^"]+)" data-testid="footer-adhesion">([^<]+)</a>', page)

    assert link is not None
    assert link.group(1) == reverse("procon_onboarding:apply", urlconf="config.urls_public")
    assert public_client.get(link.group(1)).status_code == 200
    assert link.group(2) == "Traga o Procon da sua cidade para a plataforma"


def test_the_language_selector_names_each_language_in_that_language(public_client: Client) -> None:
    page = _page(public_client)

    options = re.findall(r'<option value="([^"]+)" lang="([^"]+)"[^>]*>([^<]+)</option>', page)

    # a Brazilian sees "English", not "Inglês"; an English reader finds "Português" by its name
    assert ("en", "en", "English") in options
    assert ("pt-br", "pt-br", "Português Brasileiro") in options


def test_the_vlibras_widget_is_absent_when_off(procon) -> None:
    assert not settings.VLIBRAS_ENABLED
    page = _page(host_client(procon.host))

    assert "vw-access-button" not in page
    assert "vlibras" not in page.lower()


@override_settings(VLIBRAS_ENABLED=True, SECURE_CSP=vlibras_csp(settings.SECURE_CSP))
@pytest.mark.parametrize("on_procon_host", [False, True])
def test_the_vlibras_widget_is_on_every_page_when_on(procon, on_procon_host: bool) -> None:
    client = host_client(procon.host if on_procon_host else "localhost")

    response = client.get("/")
    page = response.content.decode()

    # the markup the widget's documentation asks for, its script from the CDN, and the start in
    # a static file (no inline script under the CSP)
    assert '<div vw class="enabled"' in page
    assert "<div vw-access-button" in page
    assert "<div vw-plugin-wrapper>" in page
    assert f'<script src="{VLIBRAS_PLUGIN}" defer></script>' in page
    assert re.search(r'<script src="/static/js/vlibras\.js" defer></script>', page)
    assert "new window.VLibras" not in page
    policy = response["Content-Security-Policy"]
    assert "https://vlibras.gov.br" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]


def test_a_case_page_has_a_breadcrumb_back_to_the_readers_list(procon) -> None:
    from django_tenants.utils import tenant_context

    from tests.tenants.complaints.factories import file_complaint

    consumer = ConsumerFactory()
    attendant = staff(procon, StaffRole.ATTENDANT)
    with tenant_context(procon):
        number = file_complaint(consumer=consumer).number
    crumbs = re.compile(r'<nav class="br-breadcrumb[^>]*data-testid="breadcrumb">.*?</nav>', re.S)

    for person, parent_url, parent_label in (
        (consumer, "/minhas-reclamacoes/", "Minhas reclamações"),
        (attendant, "/atendimento/", "Fila de atendimento"),
    ):
        client = host_client(procon.host)
        client.force_login(person)
        found = crumbs.search(_page(client, f"/reclamacoes/{number}/"))
        assert found is not None
        assert f'<a href="{parent_url}">{parent_label}</a>' in found.group(0)
        assert f'<span aria-current="page">{number}</span>' in found.group(0)
        assert 'aria-label="Você está aqui"' in found.group(0)


def test_the_unknown_host_page_gets_its_stylesheet_too() -> None:
    client = host_client("nao-existe.localhost")

    page = client.get("/")
    assert page.status_code == 404
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.content.decode())

    assert stylesheets
    for href in stylesheets:
        assert client.get(href).status_code == 200, href
    assert client.get("/reclamar/").status_code == 404
