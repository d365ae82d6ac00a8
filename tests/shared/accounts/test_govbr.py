"""'Entrar com gov.br' against a real OpenID Connect provider on loopback (tests/support/
govbr_provider.py): the platform's client really redirects there, exchanges the code with its
PKCE verifier, checks the ID token against the provider's keys and reads /userinfo. The test
plays the browser: one Django test client per host (sessions are host-only), and an HTTP client
that fills in gov.br's login form."""

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.test import Client

from shared.accounts.govbr import handoff
from shared.accounts.models import GovbrLink, User
from tests.conftest import host_client
from tests.factories import PASSWORD, ConsumerFactory, UserFactory, staff
from tests.support import processes
from tests.support.govbr_provider import (
    GovbrProvider,
    Person,
    sign_in_at_govbr,
    start_govbr_provider,
)
from tests.support.mail import public_emails

NEW = Person(
    "90123456185", "senha-gov-1", "Maria Nova da Silva", "maria.nova@govbr.test", level="silver"
)
EXISTING = Person(
    "90123456266", "senha-gov-2", "João Antigo", "joao.govbr@govbr.test", level="gold"
)
UNVERIFIED = Person(
    "90123456347", "senha-gov-3", "Ana Sem Confirmar", "ana@govbr.test", email_verified=False
)
LEVEL_BY_API = Person(
    "90123456428",
    "senha-gov-4",
    "Pedro Pela API",
    "pedro@govbr.test",
    level="gold",
    level_in_id_token=False,
)
NO_EMAIL = Person("90123456509", "senha-gov-5", "Sem E-mail", None)
STAFF_BRONZE = Person("90123456690", "senha-gov-6", "Atendente Bronze", "bronze@govbr.test")
STAFF_GOLD = Person(
    "90123456770",
    "senha-gov-7",
    "Atendente Ouro",
    "ouro@govbr.test",
    level="gold",
    social_name="Nome Social do Atendente",
)
PEOPLE = [NEW, EXISTING, UNVERIFIED, LEVEL_BY_API, NO_EMAIL, STAFF_BRONZE, STAFF_GOLD]


@pytest.fixture(scope="session")
def govbr_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovbrProvider]:
    provider = start_govbr_provider(
        tmp_path_factory.mktemp("govbr"),
        redirect_uris=["http://localhost/entrar/govbr/retorno/"],
        post_logout_redirect_uris=["http://localhost/sair/govbr/"],
        people=PEOPLE,
    )
    yield provider
    processes.stop(provider.process)


@pytest.fixture
def govbr(govbr_provider: GovbrProvider, settings, db) -> GovbrProvider:
    for name, value in govbr_provider.settings().items():
        setattr(settings, name, value)
    return govbr_provider


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _host(url: str) -> str:
    return urlsplit(url).hostname or ""


class Browser:
    """One person's browser: a cookie jar (a test client) per host."""

    def __init__(self) -> None:
        self.clients: dict[str, Client] = {}

    def on(self, host: str) -> Client:
        return self.clients.setdefault(host, host_client(host))

    def get(self, url: str):
        return self.on(_host(url)).get(_local(url))

    def user_on(self, host: str) -> User | None:
        user_id = self.on(host).session.get(SESSION_KEY)
        return User.objects.get(pk=user_id) if user_id else None


def _to_govbr(browser: Browser, start_url: str) -> str:
    """From "Entrar com gov.br" to gov.br's /authorize (through the platform's host)."""
    answer = browser.get(start_url)
    for _hop in range(3):
        assert answer.status_code == 302, answer.content[:300]
        if answer["Location"].startswith("http://127.0.0.1"):
            return answer["Location"]
        answer = browser.get(answer["Location"])
    raise AssertionError("never reached gov.br")


def _govbr_login(
    browser: Browser, person: Person, *, start: str = "http://santos.localhost/entrar/govbr/"
):
    """The whole round trip; returns the last answer of the platform (on whatever host)."""
    authorize = _to_govbr(browser, start)
    back = sign_in_at_govbr(authorize, cpf=person.cpf, password=person.password)
    answer = browser.get(back)
    if answer.status_code == 302 and "/entrar/govbr/concluir/" in answer["Location"]:
        answer = browser.get(answer["Location"])
    return answer


# --- linking by CPF --------------------------------------------------------------------------


def test_a_new_cpf_gets_a_consumer_account_without_password_on_the_procon_host(govbr, procon):
    browser = Browser()

    answer = _govbr_login(
        browser, NEW, start="http://santos.localhost/entrar/govbr/?next=/reclamacoes/nova/"
    )

    assert answer.status_code == 302
    assert answer["Location"] == "/reclamacoes/nova/"
    user = browser.user_on("santos.localhost")
    assert user is not None and user.cpf == NEW.cpf
    assert (user.full_name, user.email) == (NEW.name, NEW.email)
    assert user.email_verified_at is not None
    assert not user.has_usable_password()
    link = GovbrLink.objects.get(user=user)
    assert (link.cpf, link.level) == (NEW.cpf, "silver")
    assert link.level_seen_at is not None
    # The platform's host only carried the flow: nobody is signed in there.
    assert browser.user_on("localhost") is None


def test_an_email_gov_br_did_not_verify_is_not_marked_verified(govbr, procon):
    browser = Browser()

    _govbr_login(browser, UNVERIFIED)

    user = User.objects.get(cpf=UNVERIFIED.cpf)
    assert user.email_verified_at is None
    assert GovbrLink.objects.get(user=user).level == "bronze"


def test_the_social_name_is_the_accounts_name(govbr, procon):
    _govbr_login(Browser(), STAFF_GOLD)

    assert User.objects.get(cpf=STAFF_GOLD.cpf).full_name == "Nome Social do Atendente"


def test_the_level_comes_from_the_levels_api_when_the_id_token_has_none(govbr, procon):
    _govbr_login(Browser(), LEVEL_BY_API)

    assert GovbrLink.objects.get(cpf=LEVEL_BY_API.cpf).level == "gold"


def test_an_existing_account_with_the_cpf_is_linked_only_after_its_password(govbr, procon):
    # given an account with that CPF, made with e-mail and password
    owner = ConsumerFactory(cpf=EXISTING.cpf, email="joao@exemplo.test")
    browser = Browser()

    # when the person comes from gov.br
    answer = _govbr_login(browser, EXISTING)

    # then the account is not opened yet: its password is asked, once
    assert answer.status_code == 302 and answer["Location"] == "/entrar/govbr/vincular/"
    santos = browser.on("santos.localhost")
    page = santos.get("/entrar/govbr/vincular/")
    assert page.status_code == 200
    assert "j•••@exemplo.test" in page.content.decode()
    assert browser.user_on("santos.localhost") is None

    wrong = santos.post("/entrar/govbr/vincular/", {"password": "nao-e-esta"})
    assert wrong.status_code == 400
    assert browser.user_on("santos.localhost") is None
    assert not GovbrLink.objects.filter(user=owner).exists()

    right = santos.post("/entrar/govbr/vincular/", {"password": PASSWORD})
    assert right.status_code == 302
    assert browser.user_on("santos.localhost") == owner
    assert GovbrLink.objects.get(user=owner).level == "gold"

    # and from then on gov.br goes straight in, on any host
    again = Browser()
    answer = _govbr_login(again, EXISTING, start="http://campinas.localhost/entrar/govbr/")
    assert answer.status_code == 302 and "/vincular/" not in answer["Location"]
    assert again.user_on("campinas.localhost") == owner


def test_a_code_sent_to_the_accounts_confirmed_email_also_proves_it(govbr, procon):
    owner = ConsumerFactory(cpf=EXISTING.cpf, email="joao@exemplo.test")
    browser = Browser()
    _govbr_login(browser, EXISTING)
    santos = browser.on("santos.localhost")

    # when the person asks for a code instead of typing the password
    sent = santos.post("/entrar/govbr/vincular/", {"action": "send_code"})
    assert sent.status_code == 302
    (email,) = public_emails("govbr-link-code:")
    assert email.to == ["joao@exemplo.test"]
    code = re.search(r"^(\d{6})$", email.body, re.MULTILINE).group(1)
    page = santos.get("/entrar/govbr/vincular/").content.decode()
    assert "govbr-code-form" in page

    # a wrong code is refused, the right one links and logs in
    wrong = santos.post(
        "/entrar/govbr/vincular/", {"action": "code", "code": f"{(int(code) + 1) % 10**6:06d}"}
    )
    assert wrong.status_code == 400
    assert browser.user_on("santos.localhost") is None
    right = santos.post("/entrar/govbr/vincular/", {"action": "code", "code": code})
    assert right.status_code == 302
    assert browser.user_on("santos.localhost") == owner
    assert GovbrLink.objects.filter(user=owner).exists()


def test_the_code_gives_up_after_five_wrong_tries(govbr, procon):
    ConsumerFactory(cpf=EXISTING.cpf, email="joao@exemplo.test")
    browser = Browser()
    _govbr_login(browser, EXISTING)
    santos = browser.on("santos.localhost")
    santos.post("/entrar/govbr/vincular/", {"action": "send_code"})
    code = re.search(r"^(\d{6})$", public_emails("govbr-link-code:")[0].body, re.MULTILINE)[1]
    wrong = f"{(int(code) + 1) % 10**6:06d}"

    for _try in range(5):
        santos.post("/entrar/govbr/vincular/", {"action": "code", "code": wrong})
    answer = santos.post("/entrar/govbr/vincular/", {"action": "code", "code": code})

    assert answer.status_code == 400
    assert browser.user_on("santos.localhost") is None


def test_no_code_goes_to_an_unconfirmed_email(govbr, procon):
    owner = ConsumerFactory(cpf=EXISTING.cpf, email="joao@exemplo.test")
    User.objects.filter(pk=owner.pk).update(email_verified_at=None)
    browser = Browser()
    _govbr_login(browser, EXISTING)

    answer = browser.on("santos.localhost").post("/entrar/govbr/vincular/", {"action": "send_code"})

    assert answer.status_code == 400
    assert public_emails("govbr-link-code:") == []


def test_an_account_without_cpf_with_the_govbr_email_must_be_proved_and_takes_the_cpf(
    govbr, procon
):
    owner = UserFactory(email=NEW.email)
    browser = Browser()

    answer = _govbr_login(browser, NEW)

    assert answer["Location"] == "/entrar/govbr/vincular/"
    browser.on("santos.localhost").post("/entrar/govbr/vincular/", {"password": PASSWORD})
    owner.refresh_from_db()
    assert owner.cpf == NEW.cpf
    assert browser.user_on("santos.localhost") == owner


def test_the_govbr_email_of_another_cpfs_account_is_refused(govbr, procon):
    ConsumerFactory(email=NEW.email)
    browser = Browser()

    answer = _govbr_login(browser, NEW)

    assert answer.status_code == 400
    assert browser.user_on("santos.localhost") is None
    assert not User.objects.filter(cpf=NEW.cpf).exists()


def test_a_govbr_account_without_email_is_refused(govbr, procon):
    answer = _govbr_login(Browser(), NO_EMAIL)

    assert answer.status_code == 400
    assert not User.objects.filter(cpf=NO_EMAIL.cpf).exists()


def test_a_login_on_the_platform_host_stays_there(govbr):
    browser = Browser()

    answer = _govbr_login(browser, NEW, start="http://localhost/entrar/govbr/")

    assert answer.status_code == 302 and answer["Location"] == "/"
    assert browser.user_on("localhost").cpf == NEW.cpf


# --- attacks ---------------------------------------------------------------------------------


def _new_persons_answer(browser: Browser) -> str:
    """gov.br's redirect back to the platform after NEW signed in there, not yet followed."""
    authorize = _to_govbr(browser, "http://santos.localhost/entrar/govbr/")
    return sign_in_at_govbr(authorize, cpf=NEW.cpf, password=NEW.password)


def _query(url: str, name: str) -> str:
    return parse_qs(urlsplit(url).query)[name][0]


def _callback(browser: Browser, **params: str):  # type: ignore[no-untyped-def]
    return browser.on("localhost").get("/entrar/govbr/retorno/", params)


def test_a_callback_in_another_browser_is_refused(govbr, procon):
    """Login CSRF: gov.br's answer for one browser's flow, replayed in another's."""
    back = _new_persons_answer(Browser())

    victim = Browser()
    answer = victim.get(back)

    assert answer.status_code == 400
    assert not User.objects.filter(cpf=NEW.cpf).exists()


def test_a_changed_state_is_refused(govbr, procon):
    browser = Browser()
    back = _new_persons_answer(browser)

    answer = _callback(browser, code=_query(back, "code"), state="outro-estado")

    assert answer.status_code == 400
    assert not User.objects.filter(cpf=NEW.cpf).exists()


def test_a_code_is_used_once(govbr, procon):
    browser = Browser()
    back = _new_persons_answer(browser)
    assert browser.get(back).status_code == 302

    # the same answer again: its state is spent
    assert browser.get(back).status_code == 400
    # the code in a fresh flow of the same browser: gov.br refuses it (used, and another verifier)
    fresh = _to_govbr(browser, "http://santos.localhost/entrar/govbr/")
    answer = _callback(browser, code=_query(back, "code"), state=_query(fresh, "state"))
    assert answer.status_code == 400


def test_an_id_token_for_another_nonce_is_refused(govbr, procon):
    browser = Browser()
    authorize = _to_govbr(browser, "http://santos.localhost/entrar/govbr/")
    state = _query(authorize, "state")
    session = browser.on("localhost").session
    session[f"_state_govbr_{state}"]["data"]["nonce"] = "um-nonce-de-outro-fluxo"
    session.save()
    back = sign_in_at_govbr(authorize, cpf=NEW.cpf, password=NEW.password)

    answer = browser.get(back)

    assert answer.status_code == 400
    assert not User.objects.filter(cpf=NEW.cpf).exists()


def test_a_cancelled_login_at_govbr_is_refused(govbr, procon):
    browser = Browser()
    authorize = _to_govbr(browser, "http://santos.localhost/entrar/govbr/")

    answer = _callback(browser, error="access_denied", state=_query(authorize, "state"))

    assert answer.status_code == 400
    assert "govbr-failed" in answer.content.decode()


def _ticket_for(browser: Browser, person: Person, start: str) -> str:
    authorize = _to_govbr(browser, start)
    back = sign_in_at_govbr(authorize, cpf=person.cpf, password=person.password)
    answer = browser.get(back)
    assert answer.status_code == 302 and "/entrar/govbr/concluir/" in answer["Location"]
    return answer["Location"]


def test_a_hand_off_is_used_once(govbr, procon):
    browser = Browser()
    ticket_url = _ticket_for(browser, NEW, "http://santos.localhost/entrar/govbr/")
    assert browser.get(ticket_url).status_code == 302

    replay = Browser()
    answer = replay.get(ticket_url)

    assert answer.status_code == 400
    assert replay.user_on("santos.localhost") is None


def test_a_hand_off_for_one_procon_is_refused_on_another_and_spent(govbr, procon, other_procon):
    browser = Browser()
    ticket_url = _ticket_for(browser, NEW, "http://santos.localhost/entrar/govbr/")
    elsewhere = ticket_url.replace("santos.localhost", "campinas.localhost")

    assert browser.get(elsewhere).status_code == 400
    assert browser.user_on("campinas.localhost") is None
    # seen on the wrong host, the ticket is spent on its own host too
    assert browser.get(ticket_url).status_code == 400


def test_a_forged_hand_off_is_refused(govbr, procon):
    answer = host_client("santos.localhost").get(
        "/entrar/govbr/concluir/", {"ticket": "eyJ0IjoiZmFrZSJ9:forjado:assinatura"}
    )

    assert answer.status_code == 400


@pytest.mark.parametrize("target", ["http://evil.test/roubo", "//evil.test/roubo", "https:evil"])
def test_a_next_on_another_host_is_dropped(govbr, procon, target):
    browser = Browser()

    answer = _govbr_login(
        browser, NEW, start="http://santos.localhost/entrar/govbr/?" + urlencode({"next": target})
    )

    assert answer.status_code == 302
    assert answer["Location"] == "/minhas-reclamacoes/"


@pytest.mark.parametrize("host", ["evil.test", "nao-existe.localhost"])
def test_an_origin_outside_the_platform_is_refused(govbr, host):
    origin = handoff.sign_origin(host=host, next_path="/")

    answer = host_client("localhost").get("/entrar/govbr/", {"origem": origin})

    assert answer.status_code == 400


def test_a_tampered_origin_is_refused(govbr):
    origin = handoff.sign_origin(host="santos.localhost", next_path="/")
    tampered = origin.replace(origin.split(":")[0], "eyJoIjoiZXZpbC50ZXN0In0")

    answer = host_client("localhost").get("/entrar/govbr/", {"origem": tampered})

    assert answer.status_code == 400


# --- staff -----------------------------------------------------------------------------------


def _linked_staff(procon, person: Person, level: str, role: str = "attendant") -> User:
    user = staff(procon, role, cpf=person.cpf)
    GovbrLink.objects.create(user=user, cpf=person.cpf, level=level)
    return user


@pytest.mark.parametrize(
    ("level", "status"), [("", 403), ("bronze", 403), ("silver", 200), ("gold", 200)]
)
def test_staff_below_the_required_level_are_refused_staff_pages(
    govbr, procon, procon_client, settings, level, status
):
    settings.GOVBR_STAFF_MIN_LEVEL = "silver"
    user = staff(procon, "attendant")
    if level:
        GovbrLink.objects.create(user=user, cpf=STAFF_BRONZE.cpf, level=level)
    procon_client.force_login(user)

    answer = procon_client.get("/atendimento/")

    assert answer.status_code == status
    if status == 403:
        assert "Prata" in answer.content.decode()
        assert "gov.br" in answer.content.decode()


def test_without_a_required_level_staff_need_no_govbr(govbr, procon, procon_client):
    procon_client.force_login(staff(procon, "attendant"))

    assert procon_client.get("/atendimento/").status_code == 200


def test_staff_below_the_required_level_are_refused_by_the_api(govbr, procon, settings):
    from shared.accounts.actions import do_issue_api_token

    settings.GOVBR_STAFF_MIN_LEVEL = "gold"
    user = _linked_staff(procon, STAFF_BRONZE, "silver", role="tenant_admin")
    _token, key = do_issue_api_token(user, name="teste")
    client = host_client("santos.localhost")

    refused = client.get("/api/v1/settings/", HTTP_AUTHORIZATION=f"Token {key}")
    GovbrLink.objects.filter(user=user).update(level="gold")
    allowed = client.get("/api/v1/settings/", HTTP_AUTHORIZATION=f"Token {key}")

    assert refused.status_code == 403
    assert "gov.br" in refused.json()["detail"]
    assert allowed.status_code == 200


def test_a_govbr_login_raises_the_stored_level_and_lets_staff_in(govbr, procon, settings):
    settings.GOVBR_STAFF_MIN_LEVEL = "gold"
    user = _linked_staff(procon, STAFF_GOLD, "bronze")
    browser = Browser()

    _govbr_login(browser, STAFF_GOLD, start="http://santos.localhost/entrar/govbr/")

    assert GovbrLink.objects.get(user=user).level == "gold"
    assert browser.user_on("santos.localhost") == user


def test_staff_still_pass_two_step_verification_after_govbr(govbr, procon):
    from tests.support.two_factor import confirmed_device

    user = _linked_staff(procon, STAFF_BRONZE, "bronze")
    confirmed_device(user)
    browser = Browser()

    answer = _govbr_login(browser, STAFF_BRONZE)
    page = browser.on("santos.localhost").get(answer["Location"])

    assert page.status_code == 302
    assert page["Location"].startswith("/entrar/verificacao/")


# --- logout, pages ---------------------------------------------------------------------------


def test_logout_ends_the_session_and_the_govbr_session(govbr, procon):
    browser = Browser()
    _govbr_login(browser, NEW)
    santos = browser.on("santos.localhost")

    answer = santos.post("/sair/")
    assert browser.user_on("santos.localhost") is None
    assert _host(answer["Location"]) == "localhost"
    to_govbr = browser.get(answer["Location"])
    assert to_govbr["Location"].startswith(f"{govbr.base_url}/logout?")
    back = requests.get(to_govbr["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302 and back.headers["location"] == "http://localhost/sair/govbr/"
    home = browser.get(back.headers["location"])

    assert home.status_code == 302 and home["Location"] == "http://santos.localhost/"


def test_a_password_logout_does_not_go_to_govbr(govbr, procon, procon_client):
    procon_client.force_login(ConsumerFactory())

    answer = procon_client.post("/sair/")

    assert answer.status_code == 302 and answer["Location"] == "/"


def test_the_login_page_offers_govbr(govbr, procon_client):
    page = procon_client.get("/entrar/?next=/reclamacoes/nova/").content.decode()

    assert 'href="/entrar/govbr/?next=/reclamacoes/nova/"' in page
    assert "Entrar com <strong>gov.br</strong>" in page


def test_without_client_credentials_there_is_no_govbr(settings, procon_client, db):
    settings.GOVBR_CLIENT_ID = ""

    assert "govbr-sign-in" not in procon_client.get("/entrar/").content.decode()
    assert procon_client.get("/entrar/govbr/").status_code == 404


def test_the_link_page_without_a_pending_login_says_to_start_again(govbr, procon_client):
    answer = procon_client.get("/entrar/govbr/vincular/")

    assert answer.status_code == 400


def test_the_flow_pages_send_no_personal_data_in_urls(govbr, procon, tmp_path: Path):
    browser = Browser()
    ticket_url = _ticket_for(browser, NEW, "http://santos.localhost/entrar/govbr/")

    assert NEW.cpf not in ticket_url and "maria" not in ticket_url.lower()
