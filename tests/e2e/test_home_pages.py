"""A person opens the platform and two Procons' sites in a real browser and sees whose site it is."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support import e2e

pytestmark = pytest.mark.e2e


def test_the_public_home_lists_the_procons_in_portuguese(page: Page, live_server_url: str) -> None:
    page.goto(live_server_url + "/")
    expect(page).to_have_title("Procon Digital")
    expect(page.get_by_role("heading", level=1)).to_have_text("Procon Digital")
    expect(page.get_by_role("heading", name="Procons na plataforma")).to_be_visible()
    for name in ["Procon-SP", "Procon Santos", "Procon Campinas"]:
        expect(page.get_by_role("link", name=name)).to_be_visible()


def test_a_tenant_home_shows_that_procons_name(page: Page, live_server_url: str) -> None:
    page.goto(e2e.on_host(live_server_url, "santos") + "/")
    expect(page.get_by_test_id("procon-name")).to_have_text("Procon Santos")
    expect(page.get_by_test_id("site-owner")).to_have_text("Procon Santos")
    expect(page.locator("html")).to_have_attribute("lang", "pt-br")

    page.goto(e2e.on_host(live_server_url, "campinas") + "/")
    expect(page.get_by_test_id("procon-name")).to_have_text("Procon Campinas")


def test_following_a_procon_link_from_the_public_home_lands_on_its_subdomain(
    page: Page, live_server_url: str
) -> None:
    page.goto(live_server_url + "/")
    page.get_by_role("link", name="Procon Santos").click()
    expect(page).to_have_url(re.compile(r"^http://santos\.localhost:\d+/$"))
    expect(page.get_by_test_id("procon-name")).to_have_text("Procon Santos")


def test_an_unknown_subdomain_shows_the_not_found_page(page: Page, live_server_url: str) -> None:
    response = page.goto(e2e.on_host(live_server_url, "nao-existe") + "/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Procon não encontrado")


def test_the_stylesheet_is_served_and_the_page_fits_a_phone(
    page: Page, live_server_url: str
) -> None:
    page.goto(e2e.on_host(live_server_url, "santos") + "/")
    colour = page.locator(".site-header").evaluate("el => getComputedStyle(el).borderBottomColor")
    assert colour == "rgb(19, 81, 180)"
    assert e2e.horizontal_overflow(page) == 0


def test_a_person_logs_in_on_a_procon_host(page: Page, live_server_url: str, e2e_user) -> None:
    page.goto(e2e.on_host(live_server_url, "santos") + "/entrar/")
    page.get_by_label("E-mail").fill(e2e_user.email)
    page.get_by_label("Senha").fill(e2e_user.password)
    page.get_by_role("button", name="Entrar").click()
    expect(page.get_by_role("button", name="Sair")).to_be_visible()
    # a consumer lands on their complaints at this Procon
    expect(page).to_have_url(re.compile(r"^http://santos\.localhost:\d+/minhas-reclamacoes/$"))
    expect(page.get_by_test_id("site-owner")).to_have_text("Procon Santos")
