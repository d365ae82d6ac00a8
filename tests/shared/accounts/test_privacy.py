"""The consumer's LGPD rights on a Procon's host: download everything (and nothing of anyone
else), correct name/phone/e-mail (a new e-mail is confirmed again), delete the account
(anonymised, sessions and tokens gone, cases kept), refused while a staff role is held."""

import json
from datetime import date

import pytest
from django.contrib.sessions.models import Session
from django_tenants.utils import tenant_context

from shared.accounts.actions import do_issue_api_token
from shared.accounts.models import ApiToken, User
from shared.accounts.roles import StaffRole
from shared.caseindex.models import CaseIndexEntry
from tenants.complaints.models import Complaint
from tests.conftest import host_client
from tests.factories import PASSWORD, CompanyFactory, ConsumerFactory, staff
from tests.support.clients import logged_in_client
from tests.support.mail import public_emails
from tests.tenants.complaints.factories import file_complaint, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def consumer():
    return ConsumerFactory(full_name="Clarice Figueiredo", phone="(13) 98888-7777")


@pytest.fixture
def cases(consumer, procon, other_procon):
    """One complaint of the consumer at Santos (with a PDF), one at Campinas, and one of another
    consumer at Santos."""
    company = CompanyFactory()
    with tenant_context(procon):
        mine_santos = file_complaint(
            consumer=consumer,
            company=company,
            uploads=[pdf_upload("contrato.pdf")],
            customer_reference="LINHA 13 99999-0000",
            consumer_birth_date=date(1950, 5, 17),
            consumer_cep="11045-907",
            consumer_sex="F",
            priority_disability=True,
        )
        theirs = file_complaint(
            consumer=ConsumerFactory(full_name="Outra Pessoa"),
            company=company,
            facts="Texto de outra pessoa que não pode aparecer.",
        )
    with tenant_context(other_procon):
        mine_campinas = file_complaint(consumer=consumer, company=company)
    return mine_santos, mine_campinas, theirs


def test_the_download_has_the_users_data_across_procons_and_nothing_of_another_user(
    consumer, cases, procon
) -> None:
    mine_santos, mine_campinas, theirs = cases
    do_issue_api_token(consumer, name="Planilha")

    response = logged_in_client(consumer, procon.host).get("/conta/meus-dados/baixar/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["profile"]["cpf"] == consumer.cpf
    assert data["profile"]["email"] == consumer.email
    assert data["profile"]["phone"] == "(13) 98888-7777"
    assert {c["number"] for c in data["complaints"]} == {mine_santos.number, mine_campinas.number}
    santos = next(c for c in data["complaints"] if c["number"] == mine_santos.number)
    assert santos["facts"] == mine_santos.facts
    # what they told the company and the Procon about themselves comes back too
    assert santos["customer_reference"] == "LINHA 13 99999-0000"
    assert santos["priority_service"] == {
        "birth_date": "1950-05-17",
        "disability": True,
        "pregnancy": False,
    }
    assert santos["demographics"] == {"cep": "11045907", "sex": "F"}
    assert santos["channel"] == "web"
    assert santos["consent"]["given_at"]
    assert [d["name"] for d in santos["documents"]] == ["contrato.pdf"]
    assert santos["timeline"][0]["step"] == "file"
    assert [t["name"] for t in data["api_tokens"]] == ["Planilha"]
    assert "key_hash" not in json.dumps(data["api_tokens"])
    body = response.content.decode()
    assert theirs.number not in body
    assert "Outra Pessoa" not in body
    assert "Texto de outra pessoa" not in body


def test_the_download_and_pages_need_a_login(procon) -> None:
    client = host_client(procon.host)

    assert client.get("/conta/meus-dados/baixar/").status_code == 302
    assert client.get("/conta/meus-dados/").status_code == 302
    assert client.get("/conta/excluir/").status_code == 302


def test_correcting_the_email_asks_for_a_new_confirmation(consumer, procon) -> None:
    client = logged_in_client(consumer, procon.host)

    response = client.post(
        "/conta/meus-dados/",
        {
            "full_name": "Clarice F. Lispector",
            "email": "Nova@Exemplo.test",
            "phone": "",
            "password": PASSWORD,
        },
    )

    assert response.status_code == 302
    consumer.refresh_from_db()
    assert (consumer.full_name, consumer.email, consumer.phone) == (
        "Clarice F. Lispector",
        "nova@exemplo.test",
        "",
    )
    assert consumer.email_verified_at is None
    sent = public_emails(f"verify-email:{consumer.pk}:")
    assert sent[-1].to == ["nova@exemplo.test"]


def test_an_email_of_another_account_is_refused(consumer, procon) -> None:
    other = ConsumerFactory()

    response = logged_in_client(consumer, procon.host).post(
        "/conta/meus-dados/",
        {"full_name": "Clarice", "email": other.email, "phone": "", "password": PASSWORD},
    )

    assert response.status_code == 200
    assert 'id="id_email_error"' in response.content.decode()
    consumer.refresh_from_db()
    assert consumer.email != other.email


def test_deleting_the_account_anonymises_it_ends_sessions_and_tokens_and_keeps_the_cases(
    consumer, cases, procon, other_procon
) -> None:
    mine_santos, mine_campinas, _theirs = cases
    do_issue_api_token(consumer, name="Planilha")
    other_session = logged_in_client(consumer, other_procon.host)
    client = logged_in_client(consumer, procon.host)
    page = client.get("/conta/excluir/")
    assert 'data-testid="cases-kept" data-count="2"' in page.content.decode()

    wrong = client.post("/conta/excluir/", {"password": "errada", "understood": "on"})
    assert wrong.status_code == 200
    assert User.objects.get(pk=consumer.pk).is_active

    response = client.post("/conta/excluir/", {"password": PASSWORD, "understood": "on"})

    assert response.status_code == 200
    assert 'data-testid="account-deleted"' in response.content.decode()
    user = User.objects.get(pk=consumer.pk)
    assert user.full_name == ""
    assert user.cpf is None
    assert user.phone == ""
    assert user.email == f"conta-excluida-{user.pk}@anonimizado.invalid"
    assert not user.is_active
    assert not user.has_usable_password()
    assert not ApiToken.objects.filter(user=user).exists()
    assert not [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    assert other_session.get("/conta/meus-dados/").status_code == 302
    # the cases stay, in their Procons and in the index
    with tenant_context(procon):
        assert Complaint.objects.get(number=mine_santos.number).consumer_id == user.pk
    with tenant_context(other_procon):
        assert Complaint.objects.filter(number=mine_campinas.number).exists()
    assert CaseIndexEntry.objects.filter(consumer=user).count() == 2
    # and nobody can log in with the old credentials
    assert not host_client(procon.host).login(username=consumer.email, password=PASSWORD)


def test_staff_cannot_delete_their_account_while_they_hold_a_role(procon) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)

    page = logged_in_client(attendant, procon.host).get("/conta/excluir/")
    response = logged_in_client(attendant, procon.host).post(
        "/conta/excluir/", {"password": PASSWORD, "understood": "on"}
    )

    assert 'data-testid="delete-refused"' in page.content.decode()
    assert response.status_code == 409
    assert User.objects.get(pk=attendant.pk).is_active
