"""Complaints in a given state, built through the real actions."""

import json
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tenants.utils import tenant_context

from shared.accounts.models import User
from shared.companies.models import Company
from shared.procons.models import Procon
from tenants.catalogue.hierarchy import problems_for
from tenants.catalogue.models import PurchaseChannel, Subject
from tenants.complaints.actions.answer import do_record_company_answer, do_send_cip
from tenants.complaints.actions.filing import do_file_complaint
from tenants.complaints.actions.messages import do_post_message
from tenants.complaints.actions.triage import do_accept_complaint
from tenants.complaints.models import CaseMessage, Complaint
from tests.factories import CompanyFactory, ConsumerFactory

# A complaint's step operations in API v1, as their paths name them
# (/api/v1/complaints/{number}/<step>/), written out so that a step that disappears is noticed.
API_STEPS = (
    "assign",
    "request-information",
    "reply",
    "accept",
    "reject",
    "send-cip",
    "answer",
    "rate",
    "confirm-agreement",
    "close",
    "withdraw",
    "reopen",
)


def pdf_bytes() -> bytes:
    from io import BytesIO

    from reportlab.pdfgen import canvas

    buffer = BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Nota fiscal")
    page.save()
    return buffer.getvalue()


def pdf_upload(name: str = "nota-fiscal.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def posted_message(
    complaint: Complaint, actor: User, as_role: str, thread: str, body: str = "Olá", **kwargs
) -> CaseMessage:
    """A message in one of the case's threads, posted through the real action."""
    return do_post_message(
        complaint, actor=actor, as_role=as_role, thread=thread, body=body, **kwargs
    )


def file_complaint(
    *, consumer: User | None = None, company=None, uploads=(), key: str = "", **overrides
) -> Complaint:
    args = {
        "consumer": consumer or ConsumerFactory(),
        "company": company or CompanyFactory(),
        "subject": (subject := Subject.objects.filter(active=True).first()),
        # A problem that occurs under the subject (tenants/catalogue/hierarchy.py).
        "problem": problems_for(subject).first(),
        "purchase_channel": PurchaseChannel.objects.first(),
        "contacted_company_first": True,
        "facts": "Comprei uma geladeira que chegou quebrada e a loja não troca.",
        "request": "Quero a troca do produto.",
        "lgpd_consent": True,
        "uploads": uploads,
        "idempotency_key": key,
    } | overrides
    return do_file_complaint(**args)


def at_cip_sent(attendant: User, **kwargs) -> Complaint:
    complaint = file_complaint(**kwargs)
    complaint = do_accept_complaint(complaint, actor=attendant, as_role="attendant")
    return do_send_cip(complaint, actor=attendant, as_role="attendant")


def at_answered(attendant: User, **kwargs) -> Complaint:
    complaint = at_cip_sent(attendant, **kwargs)
    return do_record_company_answer(
        complaint, actor=attendant, as_role="attendant", text="Trocamos o produto.", offer="Troca"
    )


def reclassify_company_on_page(client: Client, complaint: Complaint, document: str):
    """Posts the case page's reclassify form with another company's CNPJ, the subject and problem
    unchanged."""
    return client.post(
        f"/reclamacoes/{complaint.number}/reclassificar/",
        {
            "reclassify-company_document": document,
            "reclassify-subject": complaint.subject_id,
            "reclassify-problem": complaint.problem_id,
        },
    )


def catalogue_ids(procon: Procon) -> dict[str, int]:
    """The Procon's first active subject, problem and purchase channel, as a filing names them."""
    with tenant_context(procon):
        subject = Subject.objects.filter(active=True).first()
        return {
            "subject": subject.pk,
            "problem": problems_for(subject).first().pk,
            "purchase_channel": PurchaseChannel.objects.filter(active=True).first().pk,
        }


def filing_form(procon: Procon, company: Company, **overrides: object) -> dict[str, object]:
    """What a consumer posts on the filing page against `company`."""
    return {
        "company_cnpj": company.cnpj_display,
        "company_name": "",
        **catalogue_ids(procon),
        "contacted_company_first": "yes",
        "company_protocol": "ABC-123",
        "facts": "Comprei uma geladeira que chegou quebrada e a loja não troca.",
        "request": "Quero a troca do produto.",
        "lgpd_consent": "on",
        "form_token": uuid.uuid4().hex,
    } | overrides


def api_ok(client: Client, path: str, data: dict | None = None) -> dict:
    """POSTs JSON to API v1 and asserts it succeeded (200 or 201); returns the answer's JSON."""
    response = client.post(path, json.dumps(data or {}), content_type="application/json")
    assert response.status_code in (200, 201), (path, response.status_code, response.content)
    return response.json()


def closed_through_the_api(
    consumer: Client,
    attendant: Client,
    filing: dict,
    *,
    classification: str,
    answer: str = "Resposta.",
    satisfaction: int = 1,
) -> dict:
    """A complaint filed through API v1 by the consumer, accepted, sent, answered (the attendant
    records the company's answer), rated unresolved and closed as `classification`; returns the
    closing's JSON."""
    case = api_ok(consumer, "/api/v1/complaints/", filing)
    steps = f"/api/v1/complaints/{case['number']}"
    api_ok(attendant, f"{steps}/accept/")
    api_ok(attendant, f"{steps}/send-cip/")
    api_ok(attendant, f"{steps}/answer/", {"text": answer})
    api_ok(consumer, f"{steps}/rate/", {"resolved": False, "satisfaction": satisfaction})
    return api_ok(attendant, f"{steps}/close/", {"classification": classification})
