"""Headless Debian Chromium driven by Playwright (never a downloaded browser)."""

import base64
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests read committed data through a server process; marking them as database tests
    makes pytest-django create the test database even when only e2e tests are collected."""
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium package (.ci/run does)"
        )
    # Playwright's sync API runs an event loop; Django refuses sync DB calls inside one unless told.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="pt-BR", viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


class E2EUser:
    def __init__(self, email: str, password: str) -> None:
        self.email = email
        self.password = password


@pytest.fixture(scope="session")
def e2e_user(django_db_setup, django_db_blocker) -> E2EUser:
    """A committed user the server process can see (test transactions are invisible to it)."""
    from shared.accounts.actions import do_create_user
    from shared.accounts.models import User

    email, password = "navegador@exemplo.test", "senha-do-navegador-123"
    with django_db_blocker.unblock():
        if not User.objects.filter(email=email).exists():
            do_create_user(
                email=email, full_name="Pessoa no Navegador", password=password, email_verified=True
            )
    return E2EUser(email, password)


def login(page: Page, base_url: str, email: str, password: str) -> None:
    """Log a person in through the pages of `base_url` (a host such as http://santos.localhost:port),
    completing two-step verification like a phone would: the code of the user's authenticator,
    or, for staff who have none yet, enrolment from the key shown on the page. Use it for every
    browser login; it returns once the page shows the logged-in header."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.support.two_factor import code_for_key, current_code

    page.goto(base_url.rstrip("/") + "/entrar/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Senha").fill(password)
    page.get_by_role("button", name="Entrar").click()
    page.wait_for_load_state()
    if "/entrar/verificacao/configurar/" in page.url:
        secret = page.get_by_test_id("two-factor-secret").inner_text()
        hex_key = base64.b32decode(secret).hex()
        page.locator("#id_token").fill(code_for_key(hex_key))
        page.get_by_test_id("two-factor-confirm").click()
        page.get_by_test_id("two-factor-continue").click()
    elif "/entrar/verificacao/" in page.url:
        device = TOTPDevice.objects.get(user__email=email.lower(), confirmed=True)
        page.locator("#id_token").fill(current_code(device))
        page.get_by_test_id("two-factor-submit").click()
    expect(page.get_by_role("button", name="Sair")).to_be_visible()
