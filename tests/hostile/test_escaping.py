"""Script and markup in every text a consumer or company writes are shown as text — on the
consumer's and the staff's pages, the company's inbox and the CIP PDF; SQL-looking input is
stored and searched as plain text; over-long input is refused naming its field, never a 500."""

import io
import json

import pytest
from django.test import Client
from django_tenants.utils import tenant_context
from pypdf import PdfReader

from shared.accounts.actions import do_issue_api_token
from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from shared.companies.models import Company
from shared.procons.models import Procon
from tenants.catalogue.hierarchy import problems_for
from tenants.catalogue.models import Subject
from tenants.complaints.actions.answer import do_send_cip
from tenants.complaints.actions.triage import do_accept_complaint
from tenants.complaints.models import FACTS_MAX, REQUEST_MAX, Complaint
from tests.factories import ConsumerFactory, _valid_cnpj, company_agent, staff
from tests.hostile.sessions import signed_in

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'
IMAGE = "<img src=x onerror=alert(1)>"
MARKUP = f"{SCRIPT}{IMAGE}<b>negrito</b>"
SQL = "'; DROP TABLE complaints_complaint; -- OR '1'='1"


def token_client(host: str, user: User) -> Client:
    _, key = do_issue_api_token(user, name="test")
    return Client(HTTP_HOST=host, HTTP_AUTHORIZATION=f"Token {key}")


def filing(procon: Procon, **fields: object) -> dict[str, object]:
    with tenant_context(procon):
        data = {
            "company_cnpj": _valid_cnpj(7_000 + Company.objects.count()),
            "company_name": f"Loja {MARKUP}",
            "subject_id": (subject := Subject.objects.filter(active=True).first()).pk,
            "problem_id": problems_for(subject).first().pk,
            "contacted_company_first": True,
            "company_protocol": f"P{SCRIPT}"[:60],
            "facts": f"Comprei e não recebi. {MARKUP}\n{SQL}",
            "request": f"Quero o dinheiro de volta. {MARKUP}",
            "lgpd_consent": True,
        }
    return data | fields


def assert_shown_as_text(html: str) -> None:
    assert SCRIPT not in html
    assert IMAGE not in html
    assert "<b>negrito</b>" not in html
    assert "&lt;script&gt;alert(" in html


def test_markup_in_every_field_is_escaped_wherever_the_case_is_shown(procon) -> None:
    # given a complaint whose every free-text field carries markup, filed through the API
    consumer = ConsumerFactory()
    response = token_client(procon.host, consumer).post(
        "/api/v1/complaints/", filing(procon), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    number = response.json()["number"]
    # and the JSON returns the text exactly as written (JSON is not HTML)
    assert MARKUP in response.json()["facts"]
    attendant = staff(procon, StaffRole.ATTENDANT)
    with tenant_context(procon):
        complaint = Complaint.objects.get(number=number)
        do_send_cip(
            do_accept_complaint(complaint, actor=attendant, as_role="attendant"),
            actor=attendant,
            as_role="attendant",
        )
    agent = company_agent(complaint.company)
    # when each viewer opens it
    pages = {
        "consumer case": signed_in(procon.host, consumer).get(f"/reclamacoes/{number}/"),
        "consumer list": signed_in(procon.host, consumer).get("/minhas-reclamacoes/"),
        "staff case": signed_in(procon.host, attendant).get(f"/reclamacoes/{number}/"),
        "staff queue": signed_in(procon.host, attendant).get("/atendimento/?status=cip_sent"),
        "company case": signed_in("localhost", agent).get(f"/empresa/caixa/santos/{number}/"),
    }
    # then the markup is text on every page
    for name, page in pages.items():
        assert page.status_code == 200, name
        assert_shown_as_text(page.content.decode())
    # and the CIP letter prints it literally
    cip = signed_in(procon.host, attendant).get(f"/reclamacoes/{number}/cip.pdf")
    assert cip.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(cip.content)).pages)
    assert 'alert("xss")' in text and "<b>negrito</b>" in text.replace("\n", "")


def test_sql_looking_input_is_stored_and_searched_as_text(procon) -> None:
    # given
    consumer = ConsumerFactory()
    client = token_client(procon.host, consumer)
    response = client.post(
        "/api/v1/complaints/", filing(procon, facts=SQL), content_type="application/json"
    )
    # then the complaint holds the text, and the table is still there
    assert response.status_code == 201
    with tenant_context(procon):
        assert Complaint.objects.get(number=response.json()["number"]).facts == SQL
    # and searches treat it as text: nothing matches, nothing breaks
    search = signed_in(procon.host, consumer).get("/reclamar/empresas/", {"q": SQL})
    assert search.status_code == 200 and search.json()["results"] == []
    cities = Client(HTTP_HOST="localhost").get("/api/v1/municipalities/", {"q": SQL})
    assert cities.status_code == 200
    assert cities.json() in ([], {"results": []}) or not cities.json().get("results")
    attendant = staff(procon, StaffRole.ATTENDANT)
    queue = signed_in(procon.host, attendant).get("/atendimento/", {"company": "1 OR 1=1"})
    assert queue.status_code in (200, 400)
    api_queue = token_client(procon.host, attendant).get("/api/v1/complaints/", {"company": SQL})
    assert api_queue.status_code in (200, 400)
    if api_queue.status_code == 400:
        assert "company" in api_queue.json()


def test_over_long_fields_are_refused_naming_each_field(procon) -> None:
    client = token_client(procon.host, ConsumerFactory())
    too_long = filing(
        procon,
        facts="a" * (FACTS_MAX + 1),
        request="b" * (REQUEST_MAX + 1),
        company_protocol="c" * 61,
        company_name="d" * 5_000,
    )
    response = client.post("/api/v1/complaints/", too_long, content_type="application/json")
    assert response.status_code == 400
    assert {"facts", "request", "company_protocol"} <= set(response.json())
    with tenant_context(procon):
        assert Complaint.objects.count() == 0


def test_the_filing_page_refuses_over_long_fields_with_form_errors(procon) -> None:
    data = filing(procon)
    form = {
        "company_cnpj": data["company_cnpj"],
        "company_name": "Loja",
        "subject": data["subject_id"],
        "problem": data["problem_id"],
        "contacted_company_first": "yes",
        "company_protocol": "c" * 61,
        "facts": "a" * (FACTS_MAX + 1),
        "request": "b" * (REQUEST_MAX + 1),
        "lgpd_consent": "on",
        "form_token": "e" * 32,
    }
    response = signed_in(procon.host, ConsumerFactory()).post("/reclamar/", form)
    assert response.status_code == 400
    assert {"facts", "request", "company_protocol"} <= set(response.context["form"].errors)
    assert 'aria-invalid="true"' in response.content.decode()


@pytest.mark.parametrize(
    ("host", "path", "body", "field"),
    [
        ("localhost", "/api/v1/accounts/register/", {"full_name": "x" * 10_000}, "full_name"),
        ("localhost", "/api/v1/accounts/register/", {"email": "a" * 5_000 + "@x.test"}, "email"),
        ("santos.localhost", "/api/v1/accounts/register/", {"phone": "9" * 500}, "phone"),
    ],
)
def test_over_long_account_fields_are_a_400_naming_the_field(host, path, body, field) -> None:
    client = Client(HTTP_HOST=host)
    response = client.post(path, body, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()


def test_an_over_long_holiday_name_is_a_400_naming_it(procon) -> None:
    admin = staff(procon, StaffRole.TENANT_ADMIN)
    response = token_client(procon.host, admin).post(
        "/api/v1/settings/holidays/",
        {"date": "2026-12-08", "name": f"{SCRIPT}" * 200},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["name"]


def test_a_body_of_megabytes_is_a_400_not_a_500(procon) -> None:
    client = token_client(procon.host, ConsumerFactory())
    body = json.dumps(filing(procon, facts="a" * 5_000_000))
    response = client.post("/api/v1/complaints/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()
