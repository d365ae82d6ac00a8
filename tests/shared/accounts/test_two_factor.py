"""Two-step verification (TOTP): required for staff, supervisors and company administrators,
optional for everyone else; an unverified session reaches neither pages nor the session API."""

import base64
import re
import time

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from shared.accounts.models import ApiToken
from shared.accounts.roles import StaffRole
from tests.conftest import host_client
from tests.factories import PASSWORD, CompanyFactory, ConsumerFactory, company_agent, staff
from tests.support.two_factor import code_for_key, current_code, force_login_unverified

pytestmark = pytest.mark.django_db


def _log_in(client: Client, email: str, next_url: str = "") -> str:
    """The password step, as the login form does it; returns where the person is sent."""
    data = {"username": email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post("/entrar/", data, follow=True)
    assert response.status_code == 200
    return response.redirect_chain[-1][0]


def _secret_on(page: str) -> str:
    match = re.search(r'data-testid="two-factor-secret">([A-Z2-7]+)<', page)
    assert match, page
    return match.group(1)


def _code_from_secret(secret: str, *, at: float | None = None) -> str:
    return code_for_key(base64.b32decode(secret).hex(), at=at)


def _enrol(client: Client) -> list[str]:
    """Scan (read the key), confirm with the app's code; returns the backup codes shown."""
    page = client.get("/entrar/verificacao/configurar/").content.decode()
    response = client.post(
        "/entrar/verificacao/configurar/", {"token": _code_from_secret(_secret_on(page))}
    )
    assert response.status_code == 200
    return re.findall(
        r'<li><code class="secret">([a-z2-7]+)</code></li>', response.content.decode()
    )


def test_staff_are_sent_to_enrolment_and_held_there_until_they_confirm(procon) -> None:
    # given an attendant with no authenticator yet, past the password on Santos's host
    attendant = staff(procon, StaffRole.ATTENDANT)
    client = host_client(procon.host)

    # when they log in
    landed = _log_in(client, attendant.email)

    # then they land on enrolment, and every page sends them back there
    assert landed.startswith("/entrar/verificacao/configurar/?next=")
    for path in ["/", "/atendimento/", "/configuracoes/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/entrar/verificacao/configurar/")
    # and the session API refuses with a JSON error
    api = client.get("/api/v1/me/")
    assert api.status_code == 403
    assert api.json()["code"] == "two_factor_required"


def test_enrolment_shows_a_qr_code_and_the_key_and_gives_backup_codes_once(procon) -> None:
    # given an attendant past the password
    attendant = staff(procon, StaffRole.ATTENDANT)
    client = host_client(procon.host)
    _log_in(client, attendant.email)

    # when they open enrolment
    page = client.get("/entrar/verificacao/configurar/").content.decode()

    # then a QR code (inline SVG) and the key as text are shown
    assert "<svg" in page.split('data-testid="two-factor-qr"')[1]
    secret = _secret_on(page)
    # and a wrong code is refused with the field marked
    wrong = client.post("/entrar/verificacao/configurar/", {"token": "000000"})
    assert wrong.status_code == 400
    assert b"field-invalid" in wrong.content
    assert not TOTPDevice.objects.filter(user=attendant, confirmed=True).exists()
    # and the key that was shown is the one the server checks
    done = client.post("/entrar/verificacao/configurar/", {"token": _code_from_secret(secret)})
    assert done.status_code == 200
    assert b'data-testid="two-factor-enabled"' in done.content
    codes = re.findall(r'<code class="secret">([a-z2-7]+)</code>', done.content.decode())
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=attendant).count() == 10
    # and the session is now verified: pages and the API open
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200
    # and the codes are never shown again
    assert codes[0] not in client.get("/conta/verificacao/").content.decode()


def test_an_enrolled_person_is_asked_for_the_code_and_sent_on_after_it(procon) -> None:
    # given an inspector with an authenticator
    inspector = staff(procon, StaffRole.INSPECTOR)
    device = TOTPDevice.objects.create(user=inspector, name="authenticator", confirmed=True)
    client = host_client(procon.host)

    # when they log in heading for the settings page
    landed = _log_in(client, inspector.email, next_url="/configuracoes/")

    # then the code is asked for, keeping where they were going
    assert landed == "/entrar/verificacao/?next=%2Fconfiguracoes%2F"
    # and enrolment cannot be used to skip it
    assert client.get("/entrar/verificacao/configurar/")["Location"].startswith(
        "/entrar/verificacao/?"
    )
    # and a wrong code is refused
    wrong = client.post(landed, {"token": "123456"})
    assert wrong.status_code == 400
    assert b'data-testid="two-factor-error"' in wrong.content
    # and the right one sends them on, once django-otp's throttle (1 s after one failure) passed
    time.sleep(1.1)
    response = client.post(landed, {"token": current_code(device)})
    assert response.status_code == 302
    assert response["Location"] == "/configuracoes/"
    assert client.get("/api/v1/me/").status_code == 200


def test_a_backup_code_works_once(procon) -> None:
    # given a conciliator who enrolled and kept their backup codes
    conciliator = staff(procon, StaffRole.CONCILIATOR)
    first = host_client(procon.host)
    _log_in(first, conciliator.email)
    codes = _enrol(first)

    # when they log in elsewhere with a backup code
    second = host_client(procon.host)
    _log_in(second, conciliator.email)
    assert second.post("/entrar/verificacao/", {"token": codes[0]}).status_code == 302

    # then that code is spent
    third = host_client(procon.host)
    _log_in(third, conciliator.email)
    assert third.post("/entrar/verificacao/", {"token": codes[0]}).status_code == 400
    assert third.get("/").status_code == 302


def test_a_code_is_accepted_once(procon) -> None:
    # given a judge who just used the code of this moment
    judge = staff(procon, StaffRole.JUDGE)
    device = TOTPDevice.objects.create(user=judge, name="authenticator", confirmed=True)
    now = time.time()
    code = code_for_key(device.key, at=now)
    first = host_client(procon.host)
    _log_in(first, judge.email)
    assert first.post("/entrar/verificacao/", {"token": code}).status_code == 302

    # when someone replays it
    second = host_client(procon.host)
    _log_in(second, judge.email)

    # then it is refused
    assert second.post("/entrar/verificacao/", {"token": code}).status_code == 400


def test_the_next_parameter_never_leaves_the_host(procon) -> None:
    judge = staff(procon, StaffRole.JUDGE)
    device = TOTPDevice.objects.create(user=judge, name="authenticator", confirmed=True)
    client = host_client(procon.host)
    _log_in(client, judge.email)
    response = client.post(
        "/entrar/verificacao/", {"token": current_code(device), "next": "https://evil.example/"}
    )
    # the judge's landing page, not the foreign address
    assert response["Location"] == "/fiscalizacao/"


def test_company_administrators_need_it_on_the_platform_host_and_plain_agents_do_not() -> None:
    company = CompanyFactory()
    admin = company_agent(company, role="admin")
    agent = company_agent(company, role="agent")

    assert _log_in(host_client("localhost"), admin.email).startswith(
        "/entrar/verificacao/configurar/"
    )
    assert _log_in(host_client("localhost"), agent.email) == "/empresa/caixa/"


def test_state_supervisors_need_it(state_procon) -> None:
    supervisor = staff(state_procon, StaffRole.SUPERVISOR)
    assert _log_in(host_client(state_procon.host), supervisor.email).startswith(
        "/entrar/verificacao/configurar/"
    )


def test_a_consumer_may_enrol_then_is_asked_and_may_turn_it_off(procon) -> None:
    # given a consumer, who is not asked for a code
    consumer = ConsumerFactory()
    client = host_client(procon.host)
    assert _log_in(client, consumer.email) == "/minhas-reclamacoes/"
    status = client.get("/conta/verificacao/")
    assert b'data-status="off"' in status.content

    # when they enrol
    _enrol(client)

    # then the next login asks for a code
    again = host_client(procon.host)
    assert _log_in(again, consumer.email).startswith("/entrar/verificacao/?")
    device = TOTPDevice.objects.get(user=consumer, confirmed=True)
    assert again.post("/entrar/verificacao/", {"token": current_code(device)}).status_code == 302
    # and they may turn it off
    assert b'data-testid="two-factor-disable"' in again.get("/conta/verificacao/").content
    again.post("/conta/verificacao/desativar/")
    assert not TOTPDevice.objects.filter(user=consumer).exists()
    assert _log_in(host_client(procon.host), consumer.email) == "/minhas-reclamacoes/"


def test_staff_cannot_turn_it_off(procon, client_for_staff) -> None:
    admin, client = client_for_staff(StaffRole.TENANT_ADMIN)
    assert b'data-testid="two-factor-disable"' not in client.get("/conta/verificacao/").content
    client.post("/conta/verificacao/desativar/")
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()


def test_new_backup_codes_replace_the_old_ones(procon, client_for_staff) -> None:
    admin, client = client_for_staff(StaffRole.TENANT_ADMIN)
    first = re.findall(
        r'<code class="secret">([a-z2-7]+)</code>',
        client.post("/conta/verificacao/codigos/").content.decode(),
    )
    second = re.findall(
        r'<code class="secret">([a-z2-7]+)</code>',
        client.post("/conta/verificacao/codigos/").content.decode(),
    )
    assert len(first) == len(second) == 10
    assert set(
        StaticToken.objects.filter(device__user=admin).values_list("token", flat=True)
    ) == set(second)


def test_token_calls_are_unaffected_and_tokens_come_only_from_verified_sessions(procon) -> None:
    # given an attendant who created a token from a verified session
    attendant = staff(procon, StaffRole.ATTENDANT)
    verified = host_client("localhost")
    verified.force_login(attendant)
    created = verified.post("/api/v1/tokens/", {"name": "CRM"}, content_type="application/json")
    assert created.status_code == 201
    key = created.json()["key"]

    # then a call with that token and no session works on their Procon's host
    system = Client(HTTP_HOST=procon.host, HTTP_AUTHORIZATION=f"Token {key}")
    assert system.get("/api/v1/me/").status_code == 200
    # but the token cannot mint another token
    minted = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Token {key}").post(
        "/api/v1/tokens/", {"name": "more"}, content_type="application/json"
    )
    assert minted.status_code == 403
    assert minted.json()["code"] == "two_factor_required"
    # and neither can a session that only passed the password
    half = host_client("localhost")
    force_login_unverified(half, attendant)
    refused = half.post("/api/v1/tokens/", {"name": "half"}, content_type="application/json")
    assert refused.status_code == 403
    assert ApiToken.objects.filter(user=attendant).count() == 1


def test_a_plain_agent_must_enrol_before_creating_a_token_on_the_page() -> None:
    agent = company_agent(CompanyFactory(), role="agent")
    client = host_client("localhost")
    _log_in(client, agent.email)
    page = client.get("/conta/tokens/")
    assert b'data-testid="tokens-need-two-factor"' in page.content
    response = client.post("/conta/tokens/", {"name": "ERP"})
    assert response.status_code == 302
    assert not ApiToken.objects.filter(user=agent).exists()


def test_force_login_in_tests_opens_a_verified_session_and_the_unverified_helper_does_not(
    procon,
) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    verified = host_client(procon.host)
    verified.force_login(attendant)
    assert verified.get("/").status_code == 200

    unverified = host_client(procon.host)
    force_login_unverified(unverified, attendant)
    assert unverified.get("/")["Location"].startswith("/entrar/verificacao/")


@pytest.fixture
def client_for_staff(procon):
    def make(role: str):
        user = staff(procon, role)
        client = host_client(procon.host)
        client.force_login(user)
        return user, client

    return make


def test_demo_staff_get_the_demo_key_only_where_the_development_settings_set_it(
    procon, settings
) -> None:
    from io import StringIO

    from django.core.management import call_command

    from demo.two_factor import seed_demo_authenticators

    attendant = staff(procon, StaffRole.ATTENDANT)
    consumer = ConsumerFactory()
    emails = [attendant.email, consumer.email]

    # without the setting (production, tests) nothing is created
    settings.DEMO_TOTP_SECRET = ""
    assert seed_demo_authenticators(emails) == 0

    # with it, staff get the demo key and consumers nothing; seeding again changes nothing
    settings.DEMO_TOTP_SECRET = "PROCONDIGITALDEMOPROCONDIGITALDE"
    assert seed_demo_authenticators(emails) == 1
    assert seed_demo_authenticators(emails) == 0
    assert not TOTPDevice.objects.filter(user=consumer).exists()

    # and the code the command prints logs the attendant in
    out = StringIO()
    call_command("demo_totp_code", stdout=out)
    client = host_client(procon.host)
    _log_in(client, attendant.email)
    assert client.post("/entrar/verificacao/", {"token": out.getvalue()[:6]}).status_code == 302
