"""What the browser tests (tests/e2e) share besides their fixtures: a page in a session of its own,
a Procon's host, logging in with two-step verification, the filing form, and the committed data a
server process can see. Test modules use it as `from tests.support import e2e`."""

import base64
import random
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

from playwright.sync_api import Browser, Page, expect

PHONE = {"width": 390, "height": 844}


@contextmanager
def session_page(browser: Browser, viewport: dict[str, int] = PHONE) -> Iterator[Page]:
    """A page in a browser session of its own (no cookies shared), on a phone-sized screen unless
    `viewport` says otherwise."""
    context = browser.new_context(locale="pt-BR", viewport=viewport)
    try:
        yield context.new_page()
    finally:
        context.close()


def on_host(base_url: str, subdomain: str | None) -> str:
    """The live server's platform address (http://localhost:port) on a Procon's sub-domain, or
    unchanged for None."""
    if subdomain is None:
        return base_url
    return base_url.replace("://localhost", f"://{subdomain}.localhost")


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page is wider than the screen (0 when it fits)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def unique_suffix() -> str:
    """Six hex digits that keep committed names apart across modules and sessions."""
    return f"{random.randrange(16**6):06x}"


@contextmanager
def committed_writes(django_db_blocker) -> Iterator[None]:
    """Database writes the server process sees (outside any test transaction); the connection is
    back on the public schema afterwards."""
    from django.db import connection

    with django_db_blocker.unblock():
        try:
            yield
        finally:
            connection.set_schema_to_public()


def committed_person(email: str, full_name: str, password: str, **extra: object):
    """The user with this e-mail, created with a confirmed address if there is none; call it
    inside `committed_writes`."""
    from shared.accounts.actions import do_create_user
    from shared.accounts.models import User

    return User.objects.filter(email=email).first() or do_create_user(
        email=email, full_name=full_name, password=password, email_verified=True, **extra
    )


class People:
    """The people one module's fixture commits, with e-mails `<prefix>.<role>.<suffix>@exemplo.test`
    (`suffix`, from `unique_suffix`, keeps modules and sessions apart) and one password; call its
    methods inside `committed_writes`."""

    def __init__(self, prefix: str, password: str) -> None:
        self.prefix = prefix
        self.password = password
        self.suffix = unique_suffix()

    def person(self, role: str, full_name: str, **extra: object):
        """The person with the e-mail of `role` (a word of the address, in Portuguese)."""
        return committed_person(
            f"{self.prefix}.{role}.{self.suffix}@exemplo.test", full_name, self.password, **extra
        )

    def staff(self, role: str, full_name: str, procon, staff_role: str):
        """The person of `role`, holding `staff_role` (attendant, inspector...) at `procon`."""
        from shared.accounts.actions import do_grant_staff_role

        user = self.person(role, full_name)
        do_grant_staff_role(user, procon=procon, role=staff_role)
        return user


def company_with_agent(agent, legal_name: str, trade_name: str = ""):
    """A company registered with a new valid CNPJ whose agent is `agent`; call it inside
    `committed_writes`."""
    from validate_docbr import CNPJ

    from shared.accounts.actions import do_grant_company_role
    from shared.companies.actions import do_register_company

    company = do_register_company(
        cnpj=CNPJ().generate(), legal_name=legal_name, trade_name=trade_name
    )
    do_grant_company_role(agent, company=company, role="agent")
    return company


def emails(**people) -> dict[str, str]:
    """The e-mails of the people who log in, as `Committed` names them: `<name>_email`."""
    return {f"{name}_email": person.email for name, person in people.items()}


def fill_complaint_details(page: Page, facts: str, request: str) -> None:
    """On the filing form: the first subject, problem and purchase channel, "contacted the company
    first", the facts and the request."""
    page.locator("#id_subject").select_option(index=1)
    # The problem list is rebuilt with the subject's problems (subject-problems.js): wait for it.
    expect(page.locator("#id_problem")).to_have_attribute(
        "data-problems-for", page.locator("#id_subject").input_value()
    )
    page.locator("#id_problem").select_option(index=1)
    page.locator("#id_purchase_channel").select_option(index=1)
    page.locator("#id_contacted_company_first_1").check()
    page.locator("#id_facts").fill(facts)
    page.locator("#id_request").fill(request)


def login(page: Page, base_url: str, email: str, password: str, then: str = "") -> None:
    """Log a person in through the pages of `base_url` (a host such as http://santos.localhost:port),
    completing two-step verification like a phone would: the code of the user's authenticator,
    or, for staff who have none yet, enrolment from the key shown on the page. Use it for every
    browser login; it returns once the page shows the logged-in header, or, with `then` (a path such
    as /atendimento/), once it has opened that page of `base_url`."""
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
    if then:
        page.goto(base_url.rstrip("/") + then)


class Committed(SimpleNamespace):
    """What a test module's fixture committed for the server process to see, by name: the e-mails
    of the people who log in, ids and numbers (the fixture's docstring says which)."""
