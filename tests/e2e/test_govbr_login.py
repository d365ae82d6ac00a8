"""A consumer logs in with gov.br on a Procon's site, files a complaint and logs out, in headless
Chromium against a real server and a real OpenID Connect provider on loopback (FakeGov, as
tests/support/govbr_provider.py starts it): the browser goes to the provider's login page and back
through the platform's host, as it would with the Login Único."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django_tenants.utils import tenant_context
from playwright.sync_api import Page, expect

from shared.accounts.models import GovbrLink, User
from tenants.complaints.models import Complaint
from tests.support import e2e, processes
from tests.support.govbr_provider import Person, start_govbr_provider

pytestmark = pytest.mark.e2e

PERSON = Person(
    "90123456851",
    "senha-no-gov-br",
    "Rita Cidadã de Sorocaba",
    "rita.govbr@exemplo.test",
    level="silver",
)


@pytest.fixture(scope="module")
def site(
    django_db_setup, django_db_blocker, committed_procon, logs_dir: Path
) -> Iterator[e2e.Committed]:
    """A web server whose gov.br client talks to a provider that knows its redirect URIs."""
    from validate_docbr import CNPJ

    from shared.companies.actions import do_register_company

    port = processes.free_port()
    platform = f"http://localhost:{port}"
    provider = start_govbr_provider(
        logs_dir / "govbr",
        redirect_uris=[f"{platform}/entrar/govbr/retorno/"],
        post_logout_redirect_uris=[f"{platform}/sair/govbr/"],
        people=[PERSON],
    )
    with e2e.committed_writes(django_db_blocker):
        do_register_company(
            cnpj=CNPJ().generate(), legal_name="Mercado do Gov Ltda", trade_name="Mercado do Gov"
        )
    log_path = logs_dir / "web-govbr.log"
    web = processes.start_web_server(port, log_path, **provider.env())
    processes.wait_until_listening(web, port, log_path, what="the web server")
    yield e2e.Committed(
        platform=platform,
        procon=f"http://{committed_procon.slug}.localhost:{port}",
        provider=provider,
    )
    processes.stop(web)
    processes.stop(provider.process)


def test_a_consumer_logs_in_with_govbr_files_a_complaint_and_logs_out(
    page: Page, site: e2e.Committed, committed_procon, django_db_blocker
) -> None:
    # given a person with a gov.br account and no account here, on the Procon's login page
    page.goto(f"{site.procon}/entrar/")

    # when they choose "Entrar com gov.br" and log in at gov.br
    page.get_by_role("link", name="Entrar com gov.br").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(site.provider.base_url)}/authorize"))
    page.locator("#cpf").fill(PERSON.cpf)
    page.locator("#password").fill(PERSON.password)
    page.get_by_role("button", name="Entrar").click()

    # then they are back on the Procon's site, logged in to a new consumer account
    expect(page.get_by_role("button", name="Sair")).to_be_visible()
    assert page.url.startswith(f"{site.procon}/")
    with django_db_blocker.unblock():
        user = User.objects.get(cpf=PERSON.cpf)
        assert (user.full_name, user.email) == (PERSON.name, PERSON.email)
        assert not user.has_usable_password()
        assert GovbrLink.objects.get(user=user).level == "silver"

    # when they file a complaint
    page.goto(f"{site.procon}/")
    page.get_by_test_id("file-complaint-link").click()
    expect(page.get_by_test_id("file-form")).to_be_visible()
    company = page.get_by_role("combobox", name="Empresa: nome ou CNPJ")
    company.press_sequentially("mercado do g")
    page.get_by_role("option", name=re.compile(r"^Mercado do Gov")).click()
    e2e.fill_complaint_details(
        page,
        facts="A compra on-line nunca foi entregue e o mercado não responde.",
        request="Quero o dinheiro de volta.",
    )
    page.locator("#id_lgpd_consent").check()
    page.get_by_test_id("file-submit").click()

    # then the complaint is theirs
    number = page.get_by_test_id("complaint-number")
    expect(number).to_have_text(re.compile(r"^SOROCABA-\d{4}-\d{6}$"))
    with django_db_blocker.unblock(), tenant_context(committed_procon):
        assert Complaint.objects.get(number=number.inner_text()).consumer_id == user.pk

    # when they log out
    page.get_by_role("button", name="Sair").click()

    # then the gov.br session ends too and they are back on the Procon's home page, logged out
    expect(page).to_have_url(f"{site.procon}/")
    expect(page.get_by_role("button", name="Sair")).to_have_count(0)
    page.goto(f"{site.procon}/minhas-reclamacoes/")
    expect(page).to_have_url(re.compile(r"/entrar/\?next="))
