"""Headless Debian Chromium driven by Playwright (never a downloaded browser)."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support.e2e import committed_person, session_page

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
    with session_page(browser) as page:
        yield page


class E2EUser:
    def __init__(self, email: str, password: str) -> None:
        self.email = email
        self.password = password


@pytest.fixture(scope="session")
def e2e_user(django_db_setup, django_db_blocker) -> E2EUser:
    """A committed user the server process can see (test transactions are invisible to it)."""
    email, password = "navegador@exemplo.test", "senha-do-navegador-123"
    with django_db_blocker.unblock():
        committed_person(email, "Pessoa no Navegador", password)
    return E2EUser(email, password)
