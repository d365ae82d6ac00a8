"""The consumer files a complaint: checked, numbered, stored with its documents, indexed and
announced in one transaction; a repeated Idempotency-Key finds the first filing."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.sql import insert_row
from kernel.web.uploads import check_uploads
from kernel.workflow.files import store_documents
from kernel.workflow.numbering import next_in_year_sequence, yearly_number
from shared.accounts.models import User
from shared.caseindex.actions import do_index_complaint
from shared.companies.models import Company
from shared.geo.cep import platform_municipality_code, validate_platform_cep
from shared.geo.models import Municipality
from shared.geo.selectors import is_in_platform_uf
from shared.procons.lifecycle import ProconStatus
from tenants.complaints.lifecycle import Channel, Step
from tenants.complaints.models import Attachment, Complaint, ComplaintEvent
from tenants.complaints.notify import notify_step
from tenants.complaints.priority import priority_of, years_before
from tenants.narratives.actions import do_consent


def _next_number() -> str:
    """The next number of this Procon's year, from a database sequence per year (the function of
    migration 0005 creates it on the year's first filing): a gap, never a reuse."""
    year = timezone.localdate().year
    value = next_in_year_sequence("complaint_next_number", year)
    return yearly_number(connection.tenant.slug.upper(), year=year, value=value)


def _lock_filing_key(consumer: User, key: str) -> None:
    """Serialises every filing of one (consumer, Idempotency-Key) in this schema until the
    transaction ends: the second request waits, then finds the first one's complaint."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
            [f"{connection.schema_name}:complaint-filing:{consumer.pk}:{key}"],
        )


def filed_with_key(*, consumer: User, key: str) -> str | None:
    """The number of the complaint `consumer` filed with this Idempotency-Key, if any."""
    return (
        Complaint.objects.filter(consumer=consumer, idempotency_key=key)
        .values_list("number", flat=True)
        .first()
    )


def do_file_complaint(**filing: Any) -> Complaint:
    """File a complaint (see `do_file_complaint_once`); the complaint, new or already filed."""
    return do_file_complaint_once(**filing)[0]


def do_file_complaint_once(
    *,
    consumer: User,
    company: Company,
    subject: object,
    problem: object,
    purchase_channel: object | None,
    contacted_company_first: bool,
    facts: str,
    request: str,
    lgpd_consent: bool,
    company_protocol: str = "",
    customer_reference: str = "",
    uploads: Sequence[UploadedFile] = (),
    idempotency_key: str = "",
    consumer_municipality: Municipality | None = None,
    consumer_birth_date: date | None = None,
    priority_disability: bool = False,
    priority_pregnancy: bool = False,
    consumer_cep: str = "",
    consumer_sex: str = "",
    channel: str = Channel.WEB,
    filed_by: User | None = None,
    publish_narrative: bool = False,
) -> tuple[Complaint, bool]:
    """File a complaint and say whether this call filed it: with an idempotency key the
    consumer already used, however close together the calls, the first complaint and False.
    The consumer's city defaults to a municipal Procon's own city. A complaint this call filed
    carries `filed_event` and `filed_attachments`, so that the caller can answer without reading
    them back.

    An attendant registering the complaint for a consumer at the counter (`filed_by`) is the
    actor of the filing; `channel` says how the consumer came. `publish_narrative`: the
    consumer's own consent to publish the facts (tenants.narratives), given when filing on the
    web; never from the counter, where the consent would be the attendant's word."""
    idempotency_key = (idempotency_key or "").strip()[:80]
    # The key's lock is held to the end of the outermost transaction, past the commit of the
    # complaint, so a concurrent repeat sees it once the lock is granted.
    with transaction.atomic():
        if idempotency_key:
            _lock_filing_key(consumer, idempotency_key)
            existing = (
                Complaint.objects.filter(consumer=consumer, idempotency_key=idempotency_key)
                .only("id", "number")
                .first()
            )
            if existing is not None:
                return existing, False
        errors: dict[str, object] = {}
        if connection.tenant.status == ProconStatus.SUSPENDED:
            errors["procon"] = _(
                "This Procon is not receiving new complaints for now; file yours with the state "
                "Procon."
            )
        if not consumer.cpf:
            errors["consumer"] = _("Only a consumer registered with a CPF can file a complaint.")
        if not lgpd_consent:
            errors["lgpd_consent"] = _(
                "You must agree to the processing of your data to file a complaint."
            )
        # A CEP of the state, when given, says the city (shared/geo/cep.py); one the ranges do
        # not place keeps the city chosen.
        city_of_cep = None
        if consumer_cep:
            try:
                consumer_cep = validate_platform_cep(consumer_cep)
            except ValidationError as error:
                errors["consumer_cep"] = error
            else:
                city_of_cep = platform_municipality_code(consumer_cep)
        municipality_id = (
            city_of_cep
            if city_of_cep is not None
            else consumer_municipality.pk
            if consumer_municipality is not None
            else None
            if connection.tenant.is_state
            else connection.tenant.municipality_id
        )
        if (
            city_of_cep is None
            and consumer_municipality is not None
            and not is_in_platform_uf(consumer_municipality)
        ):
            errors["consumer_municipality"] = ValidationError(
                _("Choose a city of this state."), code="city_outside_state"
            )
        today = timezone.localdate()
        if consumer_birth_date is not None and not (
            years_before(today, 130) <= consumer_birth_date <= today
        ):
            errors["consumer_birth_date"] = ValidationError(
                _("Type your date of birth (day, month and year)."), code="birth_date_invalid"
            )
        try:
            checked = check_uploads(list(uploads))
        except ValidationError as error:
            errors["attachments"] = error.messages
            checked = []
        if errors:
            raise ValidationError(errors)

        complaint = Complaint(
            consumer=consumer,
            company=company,
            consumer_municipality_id=municipality_id,
            subject=subject,
            problem=problem,
            purchase_channel=purchase_channel,
            contacted_company_first=contacted_company_first,
            company_protocol=company_protocol.strip(),
            customer_reference=customer_reference.strip(),
            facts=facts.strip(),
            request=request.strip(),
            lgpd_consent_at=timezone.now(),
            idempotency_key=idempotency_key,
            consumer_birth_date=consumer_birth_date,
            priority_disability=priority_disability,
            priority_pregnancy=priority_pregnancy,
            consumer_cep=consumer_cep,
            consumer_sex=consumer_sex,
            channel=channel,
            filed_by=filed_by,
            priority=priority_of(
                birth_date=consumer_birth_date,
                disability=priority_disability,
                pregnancy=priority_pregnancy,
                today=today,
            ),
            number="pending",
        )
        # The texts' lengths and blanks, in the form's words. The related rows are instances the
        # caller already loaded (form, serializer), the idempotency key was looked up under its
        # lock above and the database checks the rest: no query is needed to validate.
        complaint.clean_fields(exclude=FILING_LOADED_FIELDS)
        complaint.number = _next_number()
        insert_row(complaint)
        actor, as_role = (consumer, "consumer") if filed_by is None else (filed_by, "attendant")
        event = ComplaintEvent.record(complaint, step=Step.FILE, actor=actor, as_role=as_role)
        complaint.filed_event = event
        complaint.filed_attachments = store_documents(
            Attachment, checked, complaint=complaint, event=event, uploaded_by=actor
        )
        do_index_complaint(complaint)
        notify_step(complaint, event)
        if publish_narrative and filed_by is None:
            do_consent(complaint, actor=consumer)
    return complaint, True


# Fields of a new complaint that hold rows its caller passed in (never ids a client typed).
FILING_LOADED_FIELDS = [
    "number",
    "consumer",
    "company",
    "consumer_municipality",
    "subject",
    "problem",
    "purchase_channel",
    "assignee",
    "filed_by",
]
