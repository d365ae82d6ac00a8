"""Hostile documents through every upload path — the complaint filing page, the filing API and
the company's answer through the inbox API: each is refused with an error on the attachments
field, and nothing is stored (no complaint, no answer, no attachment row, no file on disk)."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context

from kernel.web.uploads import check_upload
from shared.accounts.roles import StaffRole
from shared.procons.models import Procon
from tenants.complaints.lifecycle import ComplaintStatus
from tenants.complaints.models import Attachment, Complaint
from tests.factories import CompanyFactory, ConsumerFactory, company_agent, staff
from tests.hostile.files import HOSTILE, hostile_upload
from tests.hostile.sessions import signed_in
from tests.support.clients import token_client
from tests.tenants.complaints.factories import at_cip_sent, catalogue_ids, pdf_bytes, pdf_upload

pytestmark = pytest.mark.django_db

KINDS = sorted(HOSTILE)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def filing_fields(procon: Procon) -> dict[str, object]:
    return catalogue_ids(procon) | {
        "facts": "Comprei uma geladeira que chegou quebrada e a loja não troca.",
        "request": "Quero a troca do produto.",
    }


def page_form(procon: Procon, **extra: object) -> dict[str, object]:
    fields = filing_fields(procon)
    return {
        "company_cnpj": CompanyFactory().cnpj_display,
        "company_name": "",
        "subject": fields["subject"],
        "problem": fields["problem"],
        "purchase_channel": fields["purchase_channel"],
        "contacted_company_first": "yes",
        "company_protocol": "",
        "facts": fields["facts"],
        "request": fields["request"],
        "lgpd_consent": "on",
        "form_token": "f" * 32,
    } | extra


def api_form(procon: Procon, **extra: object) -> dict[str, object]:
    fields = filing_fields(procon)
    return {
        "company_id": CompanyFactory().pk,
        "subject_id": fields["subject"],
        "problem_id": fields["problem"],
        "contacted_company_first": "true",
        "facts": fields["facts"],
        "request": fields["request"],
        "lgpd_consent": "true",
    } | extra


def complaints_at(procon: Procon) -> int:
    with tenant_context(procon):
        return Complaint.objects.count()


def attachments_at(procon: Procon) -> int:
    with tenant_context(procon):
        return Attachment.objects.count()


@pytest.mark.parametrize("kind", KINDS)
def test_the_filing_page_refuses_it_and_stores_nothing(procon, media_root, kind) -> None:
    # given a consumer filing with one good PDF and one hostile document
    client = signed_in(procon.host, ConsumerFactory())
    data = page_form(procon, attachments=[pdf_upload(), hostile_upload(kind)])
    # when
    response = client.post("/reclamar/", data)
    # then
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["attachments"]
    assert 'id="id_attachments_error"' in response.content.decode() or (
        "field-error" in response.content.decode()
    )
    assert complaints_at(procon) == 0 and attachments_at(procon) == 0
    assert stored_files(media_root) == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_filing_api_refuses_it_with_a_400_naming_the_field(procon, media_root, kind) -> None:
    client = token_client(ConsumerFactory(), procon.host)
    data = api_form(procon, attachments=[pdf_upload(), hostile_upload(kind)])
    response = client.post("/api/v1/complaints/", data)
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["attachments"]
    assert complaints_at(procon) == 0 and attachments_at(procon) == 0
    assert stored_files(media_root) == []


@pytest.mark.parametrize("through", ["inbox", "case"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_company_answer_refuses_it_and_the_case_stays_unanswered(
    procon, media_root, kind, through
) -> None:
    # given a case waiting for the company's answer
    company = CompanyFactory()
    agent = company_agent(company)
    attendant = staff(procon, StaffRole.ATTENDANT)
    with tenant_context(procon):
        complaint = at_cip_sent(attendant, company=company)
    host, path = {
        "inbox": ("localhost", f"/api/v1/inbox/santos/{complaint.number}/answer/"),
        "case": (procon.host, f"/api/v1/complaints/{complaint.number}/answer/"),
    }[through]
    # when the company answers with a hostile document
    response = token_client(agent, host).post(
        path, {"answer_type": "explained", "text": "Segue.", "attachments": [hostile_upload(kind)]}
    )
    # then
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["attachments"]
    with tenant_context(procon):
        complaint.refresh_from_db()
        assert complaint.status == ComplaintStatus.CIP_SENT
        assert complaint.answers.count() == 0
    assert attachments_at(procon) == 0
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    "name", ["../../../../etc/cron.d/evil.pdf", "..\\..\\..\\windows\\evil.pdf", "/etc/passwd"]
)
def test_a_path_traversal_name_never_leaves_the_procons_folder(procon, media_root, name) -> None:
    # given a valid PDF whose name tries to climb out of the upload folder
    client = token_client(ConsumerFactory(), procon.host)
    upload = SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")
    # when
    response = client.post("/api/v1/complaints/", api_form(procon, attachments=[upload]))
    # then: Django's multipart parser keeps only the base name; the file lands under a
    # generated name inside the Procon's folder, and the name shown has no path in it
    assert response.status_code == 201, response.content
    [stored] = stored_files(media_root)
    assert stored.resolve().is_relative_to((media_root / procon.schema_name).resolve())
    with tenant_context(procon):
        attachment = Attachment.objects.get()
    assert "/" not in attachment.original_name and "\\" not in attachment.original_name
    assert ".." not in attachment.original_name


@pytest.mark.parametrize(
    "name", ["..\\..\\evil.pdf", "..\\windows\\system32\\nota.pdf", "nota\x00.pdf", "a\nb.pdf"]
)
def test_the_upload_check_refuses_a_name_with_a_path_in_it(name) -> None:
    """A caller other than the multipart parser (which keeps only the base name) may hand the
    check a Windows path or a NUL byte: refused, not silently renamed."""
    upload = SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        check_upload(upload)
    assert refused.value.code == "bad_name"
