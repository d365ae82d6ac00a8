"""A consumer signs up on a Procon's host in a real browser; 'Where do I file?' finds a Procon."""

import re
import uuid
from collections.abc import Iterator

import pytest
from django_tenants.utils import get_public_schema_name, schema_context
from playwright.sync_api import Page, expect
from validate_docbr import CPF

from tests.support import e2e

pytestmark = pytest.mark.e2e


@pytest.fixture
def new_email(django_db_blocker) -> Iterator[str]:
    """An address no one has. The server commits the account and its confirmation e-mail; the
    e-mail is removed afterwards so that later tests counting the outbox do not see it (the account
    stays, like `e2e_user`: its random CPF and address collide with nothing)."""
    email = f"cadastro-{uuid.uuid4().hex[:10]}@exemplo.test"
    yield email
    from shared.accounts.models import User
    from shared.notifications.models import OutboundEmail

    with django_db_blocker.unblock(), schema_context(get_public_schema_name()):
        for user in User.objects.filter(email=email):
            OutboundEmail.objects.filter(key__startswith=f"verify-email:{user.pk}:").delete()


def test_a_consumer_registers_on_santos_and_is_asked_to_confirm_the_email(
    page: Page, live_server_url: str, new_email: str
) -> None:
    # given a person on Santos's login page who has no account
    page.goto(e2e.on_host(live_server_url, "santos") + "/entrar/")
    page.get_by_test_id("create-account").click()
    expect(page).to_have_url(re.compile(r"^http://santos\.localhost:\d+/cadastro/$"))

    # when they fill in the sign-up form
    form = page.get_by_test_id("register-form")
    form.locator('[name="full_name"]').fill("Pessoa Cadastrada no Navegador")
    form.locator('[name="cpf"]').fill(CPF().generate(mask=True))
    form.locator('[name="email"]').fill(new_email)
    form.locator('[name="phone"]').fill("(13) 99999-0000")
    form.locator('[name="password"]').fill("uma senha bem comprida 2026")
    form.locator('[name="password_confirmation"]').fill("uma senha bem comprida 2026")
    form.locator('button[type="submit"]').click()

    # then they are logged in on Santos's host and asked to confirm their e-mail
    expect(page).to_have_url(
        re.compile(r"^http://santos\.localhost:\d+/cadastro/confirme-seu-email/$")
    )
    expect(page.get_by_test_id("verify-email-pending")).to_be_visible()
    expect(page.get_by_text(new_email)).to_be_visible()
    expect(page.get_by_role("button", name="Sair")).to_be_visible()
    expect(page.get_by_test_id("site-owner")).to_have_text("Procon Santos")


def test_where_to_file_sends_campinas_to_the_campinas_host(
    page: Page, live_server_url: str
) -> None:
    # given the public home
    page.goto(live_server_url + "/")
    page.get_by_test_id("where-to-file-link").click()
    expect(page).to_have_url(re.compile(r"^http://localhost:\d+/onde-reclamar/$"))

    # when the person types part of the name, the city picker suggests it
    city = page.get_by_test_id("where-to-file-form").locator('[name="city"]')
    city.press_sequentially("Campi")
    page.get_by_role("option", name="Campinas/SP").click()

    # and when they submit it
    page.get_by_test_id("where-to-file-form").locator('button[type="submit"]').click()

    # then they are on Procon Campinas's site
    expect(page).to_have_url(re.compile(r"^http://campinas\.localhost:\d+/$"))
    expect(page.get_by_test_id("procon-name")).to_have_text("Procon Campinas")


def test_where_to_file_explains_why_a_city_without_a_procon_goes_to_the_state_procon(
    page: Page, live_server_url: str
) -> None:
    # given the page, and a person who types the name without accents
    page.goto(live_server_url + "/onde-reclamar/")
    city = page.get_by_test_id("where-to-file-form").locator('[name="city"]')
    city.press_sequentially("sao jose")

    # when they pick the accented name the picker suggests and submit
    page.get_by_role("option", name="São José dos Campos/SP").click()
    expect(city).to_have_value("São José dos Campos")
    page.get_by_test_id("where-to-file-form").locator('button[type="submit"]').click()

    # then the page stays and says the state Procon takes the city's complaints, and why
    expect(page).to_have_url(re.compile(r"^http://localhost:\d+/onde-reclamar/\?"))
    answer = page.get_by_test_id("where-to-file-answer")
    expect(answer).to_contain_text("São José dos Campos")
    expect(answer.get_by_test_id("where-to-file-why")).to_be_visible()
    expect(answer.get_by_test_id("where-to-file-go")).to_have_attribute(
        "href", re.compile(r"^http://sp\.localhost:\d+/reclamar/$")
    )
