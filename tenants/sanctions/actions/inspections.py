"""Inspections (with their evidence and crew) and the auto de infração an inspector draws up
and signs, which opens the sanction process."""

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.web.uploads import CheckedUpload
from kernel.workflow.files import checked_uploads, store_documents
from kernel.workflow.locking import locked
from kernel.workflow.numbering import next_in_year_counter, yearly_number
from shared.accounts.models import User
from shared.accounts.selectors import staff_roles
from shared.companies.models import Company
from shared.geo.models import Municipality
from tenants.configuration.selectors import get_procon_settings
from tenants.sanctions.actions.steps import get_sanction_settings, new_document, require_staff
from tenants.sanctions.errors import SanctionErrorCode, SanctionIllegalStep
from tenants.sanctions.index import do_index_process
from tenants.sanctions.lifecycle import (
    InspectionOrigin,
    InspectionStatus,
    Instrument,
    RespondentSignature,
    Step,
)
from tenants.sanctions.models import (
    DocumentKind,
    Evidence,
    InfractionNotice,
    Inspection,
    InspectionInspector,
    NoticeCounter,
    SanctionEvent,
)


def _inspectors(users: Sequence[User]) -> list[User]:
    procon = connection.tenant
    chosen = list(dict.fromkeys(users))
    if not chosen or any("inspector" not in staff_roles(user=u, procon=procon) for u in chosen):
        raise ValidationError({"inspectors": _("Choose one or more inspectors of this Procon.")})
    return chosen


@transaction.atomic
def do_create_inspection(
    *,
    actor: User,
    origin: str,
    company: Company,
    place_address: str,
    municipality: Municipality,
    inspected_at: datetime,
    inspectors: Sequence[User],
    findings: str = "",
    origin_reference: str = "",
    uploads: Sequence[UploadedFile] = (),
) -> Inspection:
    require_staff(actor, "inspector")
    errors: dict[str, object] = {}
    if origin not in InspectionOrigin.values:
        errors["origin"] = _("Choose the origin of the inspection.")
    if not place_address.strip():
        errors["place_address"] = _("Say where the inspection took place.")
    if errors:
        raise ValidationError(errors)
    crew = _inspectors(inspectors)
    checked = checked_uploads(uploads, field="evidence")
    inspection = Inspection(
        origin=origin,
        origin_reference=origin_reference.strip(),
        company=company,
        place_address=place_address.strip(),
        municipality=municipality,
        inspected_at=inspected_at,
        findings=findings.strip(),
        created_by=actor,
    )
    inspection.full_clean()
    inspection.save()
    InspectionInspector.objects.bulk_create(
        InspectionInspector(inspection=inspection, user=u, name=u.full_name) for u in crew
    )
    _store_inspection_evidence(inspection, checked, by=actor)
    return inspection


def _store_inspection_evidence(
    inspection: Inspection, checked: list[CheckedUpload], *, by: User
) -> None:
    store_documents(
        Evidence,
        checked,
        purpose=Evidence.Purpose.INSPECTION,
        uploaded_by=by,
        inspection=inspection,
    )


def _locked_inspection(inspection: Inspection, actor: User) -> Inspection:
    require_staff(actor, "inspector")
    inspection = locked(inspection, "company")
    if inspection.status != InspectionStatus.OPEN:
        raise SanctionIllegalStep(
            _("This inspection is closed."), SanctionErrorCode.INSPECTION_CLOSED
        )
    return inspection


@transaction.atomic
def do_add_inspection_evidence(
    inspection: Inspection, *, actor: User, uploads: Sequence[UploadedFile], findings: str = ""
) -> Inspection:
    inspection = _locked_inspection(inspection, actor)
    checked = checked_uploads(uploads, field="evidence", already=inspection.evidence.count())
    if not checked and not findings.strip():
        raise ValidationError({"evidence": _("Add a photo or document, or the findings.")})
    if findings.strip():
        inspection.findings = findings.strip()
        inspection.save(update_fields=["findings", "updated_at"])
    _store_inspection_evidence(inspection, checked, by=actor)
    return inspection


@transaction.atomic
def do_close_inspection(
    inspection: Inspection, *, actor: User, instrument: str, findings: str = ""
) -> Inspection:
    """End an inspection with an instrument other than an auto de infração (which its own step
    issues): a RAFS when nothing irregular was found, or another auto."""
    inspection = _locked_inspection(inspection, actor)
    if instrument not in Instrument.values or instrument == Instrument.INFRACTION_NOTICE:
        raise ValidationError({"instrument": _("Choose the instrument this inspection produced.")})
    if findings.strip():
        inspection.findings = findings.strip()
    if not inspection.findings:
        raise ValidationError({"findings": _("Record the findings of the inspection.")})
    inspection.status = InspectionStatus.CLOSED
    inspection.instrument = instrument
    inspection.closed_at = timezone.now()
    inspection.save()
    return inspection


# --- the auto de infração -----------------------------------------------------------------------


def provision_snapshot(provision: Any) -> dict[str, object]:
    """A catalogue provision as the auto records it: the catalogue may change later."""
    group = getattr(provision, "default_group", None) or getattr(provision, "group", None) or "I"
    code = getattr(provision, "code", None) or getattr(provision, "article", None) or str(provision)
    title = getattr(provision, "title", None) or getattr(provision, "description", None) or ""
    return {"id": provision.pk, "code": str(code), "title": str(title), "group": str(group)}


def _next_number() -> str:
    """The next auto number of this Procon's year (a counter row locked to the end of the
    transaction: no gaps)."""
    year = timezone.localdate().year
    value = next_in_year_counter(NoticeCounter, year)
    return yearly_number("AI", connection.tenant.slug.upper(), year=year, value=value)


@transaction.atomic
def do_issue_infraction_notice(
    inspection: Inspection,
    *,
    actor: User,
    facts: str,
    provisions: Sequence[Any],
    sanction_provision: str,
    requirement: str,
    inspector_post: str,
    inspector_registration: str,
    respondent_signature: str = RespondentSignature.ABSENT,
    refusal_witness: str = "",
    occurred_at: datetime | None = None,
    revenue_estimate: Decimal | None = None,
    respondent_address: str = "",
) -> InfractionNotice:
    """Draw up and sign (by login, with a timestamp) the auto that opens the sanction process;
    the inspection ends with it. The number is never reused."""
    inspection = _locked_inspection(inspection, actor)
    if not inspection.crew.filter(user=actor).exists():
        raise SanctionIllegalStep(
            _("Only an inspector of this inspection signs its auto."),
            SanctionErrorCode.NOT_ALLOWED,
        )
    errors: dict[str, object] = {}
    if not facts.strip():
        errors["facts"] = _("Describe the facts.")
    if not provisions:
        errors["provisions"] = _("Choose at least one legal provision breached.")
    if not sanction_provision.strip():
        errors["sanction_provision"] = _("Name the provision that sets the sanction.")
    if not requirement.strip():
        errors["requirement"] = _("State the requirement and the summons.")
    if not inspector_post.strip():
        errors["inspector_post"] = _("State your post.")
    if not inspector_registration.strip():
        errors["inspector_registration"] = _("State your registration number.")
    if respondent_signature not in RespondentSignature.values:
        errors["respondent_signature"] = _("Say whether the respondent signed.")
    elif respondent_signature == RespondentSignature.REFUSED and not refusal_witness.strip():
        errors["refusal_witness"] = _("A refusal to sign is certified by one witness.")
    if revenue_estimate is not None and revenue_estimate <= 0:
        errors["revenue_estimate"] = _("The revenue estimate must be positive.")
    if errors:
        raise ValidationError(errors)
    procon = connection.tenant
    rules = get_sanction_settings()
    company = inspection.company
    now = timezone.now()
    notice = InfractionNotice(
        inspection=inspection,
        company=company,
        municipality_id=inspection.municipality_id,
        place_address=inspection.place_address,
        occurred_at=occurred_at or inspection.inspected_at,
        respondent_name=company.legal_name,
        respondent_document=company.cnpj,
        respondent_address=(respondent_address or company.address or inspection.place_address)[
            :250
        ],
        facts=facts.strip(),
        provisions=[provision_snapshot(p) for p in provisions],
        sanction_provision=sanction_provision.strip(),
        requirement=requirement.strip(),
        revenue_estimate=revenue_estimate,
        inspector=actor,
        inspector_name=actor.full_name,
        inspector_post=inspector_post.strip(),
        inspector_registration=inspector_registration.strip(),
        signed_at=now,
        deciding_body=rules.deciding_body or procon.name,
        deciding_body_address=rules.deciding_body_address or get_procon_settings().address or "—",
        respondent_signature=respondent_signature,
        refusal_witness=refusal_witness.strip(),
        number="pending",
    )
    notice.full_clean(exclude=["number"])
    notice.number = _next_number()
    notice.save()
    new_document(notice, DocumentKind.NOTICE)
    inspection.status = InspectionStatus.CLOSED
    inspection.instrument = Instrument.INFRACTION_NOTICE
    inspection.closed_at = now
    inspection.save(update_fields=["status", "instrument", "closed_at", "updated_at"])
    SanctionEvent.record(notice, step=Step.ISSUE, actor=actor, as_role="inspector")
    do_index_process(notice)
    return notice
