"""A consumer registered at the counter claims the account: the CPF (same answer whether or not
it has an account), the one-time link e-mailed or the code texted, the password, and then their
complaints and atendimentos online."""

import re

import pytest
from django.core.cache import cache

from shared.accounts.claim import CODE_TRIES
from shared.accounts.models import User
from shared.accounts.unclaimed import do_register_unclaimed_consumer
from tests.factories import ConsumerFactory
from tests.support.mail import link_path, public_emails

pytestmark = pytest.mark.django_db

CPF = "52998224725"
PASSWORD = "uma-senha-bem-longa-2026"


@pytest.fixture(autouse=True)
def _no_counts_left() -> None:
    cache.clear()


@pytest.fixture
def registered(db) -> User:
    user, _created = do_register_unclaimed_consumer(
        full_name="Maria Balcão", cpf=CPF, email="maria@exemplo.test"
    )
    return user


def _start(client, cpf: str = CPF) -> object:
    return client.post("/conta/ativar/", {"cpf": cpf})


def test_the_link_proves_the_address_and_sets_the_password(procon_client, registered) -> None:
    # when
    response = _start(procon_client)
    # then
    assert response.status_code == 302 and response["Location"] == "/conta/ativar/enviado/"
    (email,) = public_emails(f"claim:{registered.pk}:")
    assert email.to == ["maria@exemplo.test"]
    path = link_path(email)
    assert procon_client.get(path).status_code == 200
    done = procon_client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    assert done.status_code == 302
    registered.refresh_from_db()
    assert registered.check_password(PASSWORD) and registered.email_verified_at is not None
    assert procon_client.login(username="maria@exemplo.test", password=PASSWORD)


def test_a_used_link_is_refused(procon_client, registered) -> None:
    _start(procon_client)
    path = link_path(public_emails(f"claim:{registered.pk}:")[0])
    procon_client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    again = procon_client.post(
        path, {"password1": "outra-" + PASSWORD, "password2": "outra-" + PASSWORD}
    )
    assert again.status_code == 400
    registered.refresh_from_db()
    assert registered.check_password(PASSWORD)


def test_a_tampered_link_is_refused(procon_client, registered) -> None:
    _start(procon_client)
    path = link_path(public_emails(f"claim:{registered.pk}:")[0])
    assert procon_client.get(path[:-3] + "xx/").status_code == 400


def test_an_expired_link_is_refused(procon_client, registered, settings) -> None:
    _start(procon_client)
    path = link_path(public_emails(f"claim:{registered.pk}:")[0])
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert procon_client.get(path).status_code == 400


def test_the_answer_does_not_say_whether_the_cpf_exists(procon_client, registered) -> None:
    known = procon_client.get(_start(procon_client)["Location"]).content.decode()
    unknown = procon_client.get(_start(procon_client, "11144477735")["Location"]).content.decode()
    strip = lambda page: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)  # noqa: E731
    assert strip(known) == strip(unknown)


def test_an_account_with_a_password_is_not_claimed(procon_client) -> None:
    consumer = ConsumerFactory()
    _start(procon_client, consumer.cpf)
    assert public_emails(f"claim:{consumer.pk}:") == []


def test_claims_are_rate_limited(procon_client, registered) -> None:
    statuses = [_start(procon_client, "11144477735").status_code for _n in range(12)]
    assert statuses[:10] == [302] * 10 and statuses[-1] == 429


def test_a_consumer_without_email_claims_by_sms_code_and_confirms_a_new_email(
    procon_client, procon, settings
) -> None:
    # given: registered with a mobile that accepted SMS, no e-mail
    user, _created = do_register_unclaimed_consumer(
        full_name="José Sem Email", cpf=CPF, text_phone="+5513999990000", sms_opt_in=True
    )
    settings.ACCOUNT_CLAIM_TEXT = "tests.shared.accounts.test_claim.record_text"
    RECORDED.clear()
    # when
    _start(procon_client)
    (body,) = RECORDED
    code = re.search(r"\b(\d{6})\b", body).group(1)
    wrong = procon_client.post(
        "/conta/ativar/enviado/", {"code": "000000" if code != "000000" else "111111"}
    )
    right = procon_client.post("/conta/ativar/enviado/", {"code": code})
    # then
    assert wrong.status_code == 400 and right.status_code == 302
    page = right["Location"]
    done = procon_client.post(
        page, {"email": "jose@exemplo.test", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.email.endswith(".invalid")  # not theirs until the link is followed
    (email,) = public_emails(f"claim-email:{user.pk}:")
    assert email.to == ["jose@exemplo.test"]
    assert procon_client.get(link_path(email)).status_code == 200
    user.refresh_from_db()
    assert user.email == "jose@exemplo.test" and user.email_verified_at is not None
    assert procon_client.get(link_path(email)).status_code == 400


def test_a_code_stops_working_after_too_many_wrong_tries(procon_client, settings) -> None:
    do_register_unclaimed_consumer(
        full_name="José", cpf=CPF, text_phone="+5513999990000", sms_opt_in=True
    )
    settings.ACCOUNT_CLAIM_TEXT = "tests.shared.accounts.test_claim.record_text"
    RECORDED.clear()
    _start(procon_client)
    code = re.search(r"\b(\d{6})\b", RECORDED[0]).group(1)
    wrong = "000000" if code != "000000" else "111111"
    for _n in range(CODE_TRIES):
        procon_client.post("/conta/ativar/enviado/", {"code": wrong})
    assert procon_client.post("/conta/ativar/enviado/", {"code": code}).status_code == 400


RECORDED: list[str] = []


def record_text(user: User, *, key: str, body: str) -> bool:
    RECORDED.append(body)
    return True


def test_the_login_page_of_a_procon_leads_to_the_claim(procon_client, public_client) -> None:
    assert 'href="/conta/ativar/"' in procon_client.get("/entrar/").content.decode()
    assert public_client.get("/conta/ativar/").status_code == 404
