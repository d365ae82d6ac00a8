"""A Procon's new staff member turns on two-step verification at the first login (QR code and
key, a code, the backup codes) and is asked for a code at the next one."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tests.support import e2e
from tests.support.two_factor import current_code

pytestmark = pytest.mark.e2e

PASSWORD = "senha-da-verificacao-123"


@pytest.fixture(scope="module")
def new_inspector(committed_procon, django_db_blocker) -> str:
    """Committed, so the server process sees it; the e-mail is unique to this module."""
    from shared.accounts.actions import do_grant_staff_role

    email = "fiscal.novo@exemplo.test"
    with e2e.committed_writes(django_db_blocker):
        user = e2e.committed_person(email, "Fiscal Novo", PASSWORD)
        do_grant_staff_role(user, procon=committed_procon, role="inspector")
    return email


def test_staff_enrol_at_the_first_login_and_give_a_code_at_the_next(
    page: Page, live_server_url: str, new_inspector: str
) -> None:
    base = e2e.on_host(live_server_url, "sorocaba")

    # given a new inspector at the login page, on a phone-sized screen
    page.goto(base + "/entrar/")
    page.get_by_label("E-mail").fill(new_inspector)
    page.get_by_label("Senha").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()

    # then enrolment is required: a QR code and the key as text
    expect(page.get_by_test_id("two-factor-required")).to_be_visible()
    expect(page.get_by_test_id("two-factor-qr").locator("svg")).to_be_visible()
    expect(page.get_by_test_id("two-factor-secret")).to_have_text(re.compile(r"^[A-Z2-7]{32}$"))
    # and no other page opens before the code
    page.goto(base + "/")
    assert "/entrar/verificacao/configurar/" in page.url

    # when they log out and log in again through the shared helper (which enrols from the key)
    page.get_by_role("button", name="Sair").first.click()
    e2e.login(page, base, new_inspector, PASSWORD)

    # then, logged out once more, the next login asks for the app's code
    page.get_by_role("button", name="Sair").first.click()
    page.goto(base + "/entrar/")
    page.get_by_label("E-mail").fill(new_inspector)
    page.get_by_label("Senha").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    expect(page.get_by_test_id("two-factor-verify-form")).to_be_visible()
    # and refuses a wrong one
    page.locator("#id_token").fill("000000")
    page.get_by_test_id("two-factor-submit").click()
    expect(page.get_by_test_id("two-factor-error")).to_be_visible()
    # and takes the app's current code (after django-otp's 1 s throttle for one wrong code)
    page.wait_for_timeout(1100)
    device = TOTPDevice.objects.get(user__email=new_inspector, confirmed=True)
    page.locator("#id_token").fill(current_code(device))
    page.get_by_test_id("two-factor-submit").click()
    # on their work: the inspector's sanction processes at Sorocaba
    expect(page).to_have_url(re.compile(r"^http://sorocaba\.localhost:\d+/fiscalizacao/$"))
    expect(page.get_by_test_id("site-owner")).to_have_text("Procon Sorocaba")
