"""An integrator's journey through the API alone, on two Procons: a consumer signs up, files a
complaint, the attendant accepts it and sends the CIP, the company's system answers from its
inbox with an API key its administrator issued through the API, the consumer rates the answer as not resolving it, the conciliator schedules a hearing and records
minutes with an agreement, and the consumer confirms the agreement was met.

Every request is found in the OpenAPI each host serves (tests/api/openapi_client.py): bodies are
built from the declared fields and enums, numbers and ids come from the declared links of earlier
responses, and any answer the operation does not declare fails the test. Every credential comes
from the API (`POST /api/v1/auth/token/` with the one-time code where the account has an
authenticator, `POST /api/v1/company/api-keys/`). People, their roles and their authenticators
are given (roles come by invitation, outside this journey); the consumer's confirmation e-mail is
read from the outbox, as the consumer reads their mailbox."""

import re
import uuid
from datetime import date, datetime, timedelta

import pytest
from django_tenants.utils import get_public_schema_name, schema_context, tenant_context
from validate_docbr import CPF

from shared.accounts.models import User
from shared.notifications.models import OutboundEmail
from shared.procons.models import Procon
from tenants.hearings.models import ConciliationHearing
from tests.api.openapi_client import Api
from tests.factories import CompanyFactory, company_agent, staff
from tests.support.two_factor import confirmed_device, current_code
from tests.tenants.hearings.factories import hearing_time_arrives

pytestmark = pytest.mark.django_db

PASSWORD = "uma-senha-de-integracao-2026"
PLATFORM_HOST = "localhost"
COMPANY_SEARCH = "integradora"


def obtain_token(platform: Api, user: User, password: str) -> str:
    """A person's token from e-mail, password and, for accounts with an authenticator, the
    one-time code, through the token operation the platform's OpenAPI declares."""
    operation = platform.find(method="POST", path_pattern=r"/auth/token/$")
    assert operation is not None, "the platform's OpenAPI declares no token operation"
    fields = platform.request_schema(operation.operation_id).get("properties", {})
    values = {"email": user.email, "password": password}
    if "name" in fields:
        values["name"] = "integração"
    if "otp" in fields and user.totpdevice_set.filter(confirmed=True).exists():
        values["otp"] = current_code(confirmed_device(user))
    issued = platform.call(operation.operation_id, body=values)
    assert issued.status in (200, 201), issued.data
    return issued.data["key"]


def staff_with_authenticator(procon: Procon, role: str) -> User:
    """A member of the Procon's staff who has set up two-step verification (staff must)."""
    user = staff(procon, role)
    confirmed_device(user)
    return user


def confirmation_token(email: str) -> str:
    """The token in the link of the confirmation e-mail sent to `email`."""
    with schema_context(get_public_schema_name()):
        message = OutboundEmail.objects.filter(to__contains=[email]).order_by("-pk").first()
    assert message is not None, f"no e-mail to {email}"
    link = re.search(r"https?://\S+/(?P<token>[^/\s]+)/?\s", message.body + "\n")
    assert link is not None, message.body
    return link["token"]


def first_entry(groups: list[dict], key: str) -> int:
    return next(entry["id"] for group in groups for entry in group[key])


def row_of(page: dict, number: str) -> int:
    numbers = [row["number"] for row in page["results"]]
    assert number in numbers, (number, numbers)
    return numbers.index(number)


def journey(procon: Procon, platform: Api, company_system: Api) -> str:
    """One complaint from filing to the confirmed agreement at `procon`; its number."""
    site = Api.discover(procon.host)

    # A consumer signs up on the Procon's host and confirms the e-mail.
    email = f"consumidora.{procon.slug}.{uuid.uuid4().hex[:6]}@exemplo.test"
    signed_up = site.call(
        "accounts_register_create",
        body=site.body(
            "accounts_register_create",
            full_name="Maria Integrada",
            cpf=CPF().generate(),
            email=email,
            password=PASSWORD,
        ),
    )
    assert signed_up.status == 201, signed_up.data
    verified = site.call(
        "accounts_verify_email_create",
        body=site.body("accounts_verify_email_create", token=confirmation_token(email)),
    )
    assert verified.status == 200, verified.data
    consumer = site.authenticated(obtain_token(platform, User.objects.get(email=email), PASSWORD))

    # The consumer files the complaint: catalogue and company from the API, the filing idempotent.
    catalogue = site.call("catalogue_retrieve").data
    # the problems offered under the chosen subject (a filing names one of them)
    subject_id = first_entry(catalogue["subject_areas"], "subjects")
    problems = site.call(
        "catalogue_subjects_problems_retrieve", params={"subject_id": subject_id}
    ).data
    found = site.call("companies_retrieve", query={"q": COMPANY_SEARCH})
    assert found.status == 200 and found.data["results"], found.data
    company = found.data["results"][0]
    company_fields = (
        {"company_id": company["id"]}
        if "id" in company
        else {"company_cnpj": company["cnpj"], "company_name": company["legal_name"]}
    )
    filing = consumer.body(
        "complaints_file",
        **company_fields,
        subject_id=subject_id,
        problem_id=problems["problems"][0]["id"],
        contacted_company_first=True,
        facts="A internet contratada não funciona há três semanas.",
        request="Quero o conserto e o desconto dos dias sem serviço.",
        lgpd_consent=True,
    )
    key = {"Idempotency-Key": uuid.uuid4().hex}
    filed = consumer.call("complaints_file", body=filing, headers=key)
    assert filed.status == 201, filed.data
    repeated = consumer.call("complaints_file", body=filing, headers=key)
    assert (repeated.status, repeated.data["number"]) == (200, filed.data["number"])
    number = filed.data["number"]
    assert filed.data["company"]["cnpj"] == company["cnpj"]

    # The attendant finds it in the queue, accepts it and sends the CIP.
    attendant_user = staff_with_authenticator(procon, "attendant")
    attendant = site.authenticated(obtain_token(platform, attendant_user, _password()))
    queue = attendant.call("complaints_list", query={"scope": "staff", "status": "registered"})
    row = row_of(queue.data, number)
    case = attendant.follow(queue, "complaints_retrieve", row=row)
    assert {"accept", "send-cip"} & set(case.data["allowed_steps"]) == {"accept"}
    accepted = attendant.follow(queue, "complaints_accept", row=row)
    assert accepted.data["status"] == "accepted"

    # Until the CIP is sent the company does not see the complaint (docs/api.md says so).
    before = company_system.call("inbox_list", query={"procon": procon.slug})
    assert number not in [row["number"] for row in before.data["results"]]
    hidden = company_system.call(
        "inbox_case", params={"procon_slug": procon.slug, "number": number}
    )
    assert hidden.status == 404
    sent = attendant.follow(accepted, "complaints_send_cip")
    assert sent.data["status"] == "cip_sent"
    assert sent.data["deadlines"]["cip_due_on"] is not None

    # The company finds it in its inbox on the platform's host and answers it.
    inbox = company_system.call("inbox_list", query={"procon": procon.slug, "status": "cip_sent"})
    row = row_of(inbox.data, number)
    opened = company_system.follow(inbox, "inbox_case", row=row)
    assert opened.status == 200
    answer_types = company_system.enum("inbox_answer", "answer_type")
    answered = company_system.follow(
        inbox,
        "inbox_answer",
        row=row,
        body=company_system.body(
            "inbox_answer",
            text="Enviamos um técnico e vamos descontar os dias sem serviço.",
            answer_type="explained" if "explained" in answer_types else answer_types[0],
        ),
    )
    assert answered.status == 200, answered.data

    # The consumer reads the answer and rates it: not resolved.
    seen = consumer.follow(filed, "complaints_retrieve")
    assert seen.data["status"] == "answered"
    assert "rate" in seen.data["allowed_steps"]
    rated = consumer.follow(
        filed,
        "complaints_rate",
        body=consumer.body("complaints_rate", resolved=False, satisfaction=2),
    )
    assert rated.data["status"] == "not_resolved"

    # The conciliator schedules the hearing at the first free time the API suggests (a business
    # day, within the Procon's hearing hours, after its minimum notice).
    conciliator_user = staff_with_authenticator(procon, "conciliator")
    conciliator = site.authenticated(obtain_token(platform, conciliator_user, _password()))
    me = conciliator.call("me_retrieve").data
    assert "conciliator" in me["roles_here"]
    queue = conciliator.call("complaints_list", query={"scope": "staff", "status": "not_resolved"})
    slots = conciliator.call(
        "complaints_hearings_slots_list",
        params={"number": number},
        query={"conciliator": me["id"], "count": 1},
    )
    assert slots.status == 200, slots.data
    starts_at = datetime.fromisoformat(slots.data[0]["starts_at"])
    hearing = conciliator.follow(
        queue,
        "complaints_hearings_create",
        row=row_of(queue.data, number),
        body=conciliator.body(
            "complaints_hearings_create", conciliator=me["id"], starts_at=starts_at.isoformat()
        ),
    )
    assert hearing.status == 201, hearing.data
    assert hearing.data["complaint_number"] == number

    # Minutes before the start are refused with 409; once it has started they are recorded.
    minutes = conciliator.body(
        "hearings_minutes_create",
        outcome="agreement",
        summary="As partes conversaram e chegaram a um acordo.",
        agreement_terms="Desconto de um mês na próxima fatura.",
        agreement_due_on=(date.today() + timedelta(days=15)).isoformat(),
    )
    assert "agreement" in conciliator.enum("hearings_minutes_create", "outcome")
    early = conciliator.follow(hearing, "hearings_minutes_create", body=minutes)
    assert early.status == 409, early.data
    assert datetime.fromisoformat(hearing.data["starts_at"]) == starts_at
    with tenant_context(procon):  # the hearing's day comes
        hearing_time_arrives(ConciliationHearing.objects.get(pk=hearing.data["id"]))
    recorded = conciliator.follow(hearing, "hearings_minutes_create", body=minutes)
    assert recorded.status == 201, recorded.data
    assert recorded.data["minutes"]["outcome"] == "agreement"

    # The consumer sees the agreement and confirms it was met: the case closes as an agreement.
    agreed = consumer.follow(filed, "complaints_retrieve")
    assert agreed.data["status"] == "agreement"
    assert agreed.data["deadlines"]["agreement_due_on"] == minutes["agreement_due_on"]
    closed = consumer.follow(
        filed,
        "complaints_confirm_agreement",
        body=consumer.body("complaints_confirm_agreement", fulfilled=True),
    )
    assert (closed.data["status"], closed.data["classification"]) == ("closed", "agreement")
    return number


def _password() -> str:
    from tests.factories import PASSWORD as FACTORY_PASSWORD

    return FACTORY_PASSWORD


def test_an_integrator_drives_the_whole_journey_through_the_api_on_two_procons(
    procon: Procon, other_procon: Procon
) -> None:
    # given a company the platform knows, with an administrator who set up two-step verification
    company = CompanyFactory(legal_name="Integradora Exemplo Ltda", trade_name="Integradora")
    admin_user = company_agent(company, role="admin")
    confirmed_device(admin_user)
    platform = Api.discover(PLATFORM_HOST)

    # and the company's system holding an API key the administrator issued through the API
    admin = platform.authenticated(obtain_token(platform, admin_user, _password()))
    issue = platform.find(method="POST", path_pattern=r"/company/api-keys/$")
    assert issue is not None, "the platform's OpenAPI declares no API key operation"
    scopes = [s for s in admin.enum(issue.operation_id, "scopes") if s.startswith("cases:")]
    issued = admin.call(
        issue.operation_id,
        body=admin.body(issue.operation_id, name="Central de atendimento", scopes=scopes),
    )
    assert issued.status == 201, issued.data
    company_system = platform.authenticated(issued.data["key"])

    # when the journey runs at Santos and at Campinas
    numbers = {p.slug: journey(p, platform, company_system) for p in (procon, other_procon)}

    # then the company's one inbox holds both cases, each at its Procon, closed as an agreement
    inbox = company_system.call("inbox_list", query={"status": "closed"})
    rows = {(row["procon"]["slug"], row["number"]) for row in inbox.data["results"]}
    assert set(numbers.items()) <= rows
