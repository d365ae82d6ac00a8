"""Every write on a complaint: one function per lifecycle step, each in a transaction with the
row locked, the guard, the change, a timeline event, the case-index row and the e-mails."""

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.errors import IllegalStep
from kernel.web.uploads import CheckedUpload, check_uploads
from shared import formats
from shared.accounts.models import CompanyMembership, User
from shared.accounts.selectors import staff_roles
from shared.caseindex.actions import do_index_complaint
from shared.companies.models import Company
from shared.geo.models import Municipality
from shared.geo.selectors import is_in_platform_uf
from shared.procons.lifecycle import ProconStatus
from shared.timeline import ActorKind
from tenants.complaints.errors import ILLEGAL_STEP_MESSAGE, ComplaintErrorCode
from tenants.complaints.events import record_event
from tenants.complaints.lifecycle import (
    ACTORS,
    STAFF_CLOSING_CLASSIFICATIONS,
    Classification,
    ComplaintStatus,
    RejectionReason,
    Step,
    can_take,
)
from tenants.complaints.models import (
    REFUSALS,
    AnswerType,
    Attachment,
    CompanyAnswer,
    Complaint,
    ComplaintEvent,
    hash_access_code,
    new_access_code,
)
from tenants.complaints.notify import notify_step
from tenants.configuration.selectors import cip_due_date, get_procon_settings

S = ComplaintStatus
# The key of the CIP event's data that holds the one-case access code (shown to staff only).
ACCESS_CODE_DATA_KEY = "access_code"


# --- guards -------------------------------------------------------------------------------


def actor_may(complaint: Complaint, *, actor: User | None, as_role: str) -> bool:
    """Whether `actor` really is who `as_role` claims, for this complaint at this Procon."""
    if as_role == "system":
        return actor is None
    if actor is None or not actor.is_authenticated:
        return False
    if as_role == "consumer":
        return complaint.consumer_id == actor.pk
    if as_role == "company":
        return CompanyMembership.objects.filter(
            complaint.company.group_q("company__"), user=actor
        ).exists()
    return as_role in staff_roles(user=actor, procon=connection.tenant)


def _guard(complaint: Complaint, step: Step, *, actor: User | None, as_role: str) -> None:
    if as_role not in ACTORS[step] or not actor_may(complaint, actor=actor, as_role=as_role):
        raise IllegalStep(
            _("You cannot take this action on this complaint."), ComplaintErrorCode.NOT_ALLOWED
        )
    if not can_take(step, complaint.status):
        raise IllegalStep(ILLEGAL_STEP_MESSAGE % {"status": complaint.get_status_display()})


def _locked(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update()
        .select_related("company", "consumer")
        .get(pk=complaint.pk)
    )


def _close(complaint: Complaint, classification: str, *, at: datetime | None = None) -> list[str]:
    """Mark the complaint closed with `classification` (the database requires both together);
    returns the fields to save."""
    complaint.status = S.CLOSED
    complaint.classification = classification
    complaint.closed_at = at or timezone.now()
    return ["status", "classification", "closed_at"]


def _lapse(
    complaint: Complaint, *, waiting: str, due: date | None, today: date, step: Step, lapsed: str
) -> Complaint:
    """A deadline sweep step: idempotent, and only for a case still waiting past its deadline."""
    if complaint.status != waiting or due is None or due >= today:
        return complaint
    complaint.status = lapsed
    _finish(complaint, step=step, actor=None, as_role="system", fields=["status"])
    return complaint


def _finish(
    complaint: Complaint,
    *,
    step: Step,
    actor: User | None,
    as_role: str,
    note: str = "",
    data: dict[str, object] | None = None,
    visible_to_consumer: bool = True,
    fields: Sequence[str] = (),
    index_figures: dict[str, object] | None = None,
) -> ComplaintEvent:
    if complaint.status == S.CLOSED and complaint.access_code_hash:
        # A closed case kills its access code for good (a reopened case gets a new one with its CIP).
        complaint.access_code_hash = ""
        fields = [*fields, "access_code_hash"] if fields else fields
    complaint.save(update_fields=[*fields, "updated_at"] if fields else None)
    event = record_event(
        complaint,
        step=step,
        actor=actor,
        as_role=as_role,
        note=note,
        data=data,
        visible_to_consumer=visible_to_consumer,
    )
    do_index_complaint(complaint, **(index_figures or {}))
    notify_step(complaint, event)
    return event


def _next_number() -> str:
    """The next number of this Procon's year, from a database sequence per year (the function of
    migration 0005 creates it on the year's first filing). `nextval` locks nothing that lasts:
    concurrent filings are not serialised, and a number is never given twice, even by a filing
    that rolls back (its number is skipped: a gap, never a reuse)."""
    year = timezone.localdate().year
    with connection.cursor() as cursor:
        cursor.execute("SELECT complaint_next_number(%s)", [year])
        (last,) = cursor.fetchone()
    return f"{connection.tenant.slug.upper()}-{year}-{last:06d}"


def _store_attachments(
    complaint: Complaint, checked: list[CheckedUpload], *, event: ComplaintEvent, by: User | None
) -> list[Attachment]:
    stored = []
    for upload in checked:
        attachment = Attachment(
            complaint=complaint,
            event=event,
            original_name=upload.name,
            content_type=upload.content_type,
            size=upload.size,
            sha256=upload.sha256,
            uploaded_by=by,
        )
        attachment.file.save(upload.name, ContentFile(upload.content), save=False)
        attachment.save()
        stored.append(attachment)
    return stored


# --- the consumer files -------------------------------------------------------------------


def _lock_filing_key(consumer: User, key: str) -> None:
    """Serialises every filing of one (consumer, Idempotency-Key) in this schema until the
    transaction ends: the second request waits, then finds the first one's complaint."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
            [f"{connection.schema_name}:complaint-filing:{consumer.pk}:{key}"],
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
    uploads: Sequence[UploadedFile] = (),
    idempotency_key: str = "",
    consumer_municipality: Municipality | None = None,
) -> tuple[Complaint, bool]:
    """File a complaint and say whether this call filed it: with an idempotency key the
    consumer already used, however close together the calls, the first complaint and False.
    The consumer's city defaults to a municipal Procon's own city. A complaint this call filed
    carries `filed_event` and `filed_attachments`, so that the caller can answer without reading
    them back."""
    idempotency_key = (idempotency_key or "").strip()[:80]
    # The key's lock is held to the end of the outermost transaction, past the commit of the
    # complaint, so a concurrent repeat sees it once the lock is granted.
    with transaction.atomic():
        if idempotency_key:
            _lock_filing_key(consumer, idempotency_key)
            existing = Complaint.objects.filter(
                consumer=consumer, idempotency_key=idempotency_key
            ).first()
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
        municipality_id = (
            consumer_municipality.pk
            if consumer_municipality is not None
            else None
            if connection.tenant.is_state
            else connection.tenant.municipality_id
        )
        if consumer_municipality is not None and not is_in_platform_uf(consumer_municipality):
            errors["consumer_municipality"] = ValidationError(
                _("Choose a city of this state."), code="city_outside_state"
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
            facts=facts.strip(),
            request=request.strip(),
            lgpd_consent_at=timezone.now(),
            idempotency_key=idempotency_key,
            number="pending",
        )
        # The texts' lengths and blanks, in the form's words. The related rows are instances the
        # caller already loaded (form, serializer), the idempotency key was looked up under its
        # lock above and the database checks the rest: no query is needed to validate.
        complaint.clean_fields(exclude=FILING_LOADED_FIELDS)
        complaint.number = _next_number()
        complaint.save(force_insert=True)
        event = record_event(complaint, step=Step.FILE, actor=consumer, as_role="consumer")
        complaint.filed_event = event
        complaint.filed_attachments = _store_attachments(
            complaint, checked, event=event, by=consumer
        )
        do_index_complaint(complaint)
        notify_step(complaint, event)
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
]


# --- triage ---------------------------------------------------------------------------------


@transaction.atomic
def do_assign_complaint(
    complaint: Complaint, *, actor: User, as_role: str, assignee: User | None
) -> Complaint:
    complaint = _locked(complaint)
    _guard(complaint, Step.ASSIGN, actor=actor, as_role=as_role)
    if assignee is not None and not staff_roles(user=assignee, procon=connection.tenant):
        raise ValidationError({"assignee": _("Choose someone on this Procon's staff.")})
    complaint.assignee = assignee
    _finish(
        complaint,
        step=Step.ASSIGN,
        actor=actor,
        as_role=as_role,
        fields=["assignee"],
        note=assignee.full_name if assignee else "",
        visible_to_consumer=False,
    )
    return complaint


@transaction.atomic
def do_request_information(
    complaint: Complaint, *, actor: User, as_role: str, question: str
) -> Complaint:
    complaint = _locked(complaint)
    _guard(complaint, Step.REQUEST_INFO, actor=actor, as_role=as_role)
    if not question.strip():
        raise ValidationError({"question": _("Say what the consumer must add.")})
    complaint.status = S.AWAITING_CONSUMER
    _finish(
        complaint,
        step=Step.REQUEST_INFO,
        actor=actor,
        as_role=as_role,
        note=question.strip(),
        fields=["status"],
    )
    return complaint


def _checked_attachments(uploads: Sequence[UploadedFile], *, already: int) -> list[CheckedUpload]:
    """The documents' checks, with their errors on the `attachments` field (as filing does)."""
    try:
        return check_uploads(list(uploads), already=already)
    except ValidationError as error:
        raise ValidationError({"attachments": error.messages}) from error


@transaction.atomic
def do_reply_to_request(
    complaint: Complaint, *, actor: User, text: str, uploads: Sequence[UploadedFile] = ()
) -> Complaint:
    complaint = _locked(complaint)
    _guard(complaint, Step.CONSUMER_REPLY, actor=actor, as_role="consumer")
    if not text.strip():
        raise ValidationError({"text": _("Write your reply.")})
    checked = _checked_attachments(uploads, already=complaint.attachments.count())
    complaint.status = S.REGISTERED
    event = _finish(
        complaint,
        step=Step.CONSUMER_REPLY,
        actor=actor,
        as_role="consumer",
        note=text.strip(),
        fields=["status"],
    )
    _store_attachments(complaint, checked, event=event, by=actor)
    return complaint


@transaction.atomic
def do_accept_complaint(complaint: Complaint, *, actor: User, as_role: str) -> Complaint:
    complaint = _locked(complaint)
    _guard(complaint, Step.ACCEPT, actor=actor, as_role=as_role)
    complaint.status = S.ACCEPTED
    _finish(complaint, step=Step.ACCEPT, actor=actor, as_role=as_role, fields=["status"])
    return complaint


@transaction.atomic
def do_reject_complaint(
    complaint: Complaint, *, actor: User, as_role: str, reason: str, explanation: str
) -> Complaint:
    complaint = _locked(complaint)
    _guard(complaint, Step.REJECT, actor=actor, as_role=as_role)
    if reason not in RejectionReason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    if not explanation.strip():
        raise ValidationError({"explanation": _("Explain the reason to the consumer.")})
    fields = _close(complaint, Classification.NOT_COMPETENT)
    complaint.rejection_reason = reason
    _finish(
        complaint,
        step=Step.REJECT,
        actor=actor,
        as_role=as_role,
        note=explanation.strip(),
        data={"reason": reason},
        fields=[*fields, "rejection_reason"],
    )
    return complaint


# --- CIP and the company's answer -------------------------------------------------------------


@transaction.atomic
def do_send_cip(complaint: Complaint, *, actor: User, as_role: str) -> Complaint:
    complaint = _locked(complaint)
    _guard(complaint, Step.SEND_CIP, actor=actor, as_role=as_role)
    now = timezone.now()
    code = new_access_code()
    complaint.status = S.CIP_SENT
    complaint.cip_sent_at = now
    complaint.cip_due_on = cip_due_date(timezone.localdate(now))
    complaint.access_code_hash = hash_access_code(number=complaint.number, code=code)
    # The code itself lives only in this event's data: pages and the API show it to staff
    # alone, and the CIP e-mail carries it to the company's agents.
    _finish(
        complaint,
        step=Step.SEND_CIP,
        actor=actor,
        as_role=as_role,
        data={"due_on": complaint.cip_due_on.isoformat(), ACCESS_CODE_DATA_KEY: code},
        fields=["status", "cip_sent_at", "cip_due_on", "access_code_hash"],
    )
    return complaint


def _clean_answer_type(answer_type: str, *, required: bool) -> str:
    if answer_type and answer_type not in AnswerType.values:
        raise ValidationError({"answer_type": _("Choose one of the types of answer.")})
    if required and not answer_type:
        raise ValidationError({"answer_type": _("Say what the answer does with the complaint.")})
    return answer_type


def _answer(
    complaint: Complaint,
    *,
    actor: User | None,
    as_role: str,
    channel: str,
    text: str,
    offer: str,
    answer_type: str,
    uploads: Sequence[UploadedFile],
    by_access_code: bool = False,
) -> Complaint:
    """The answer itself, once the caller's guard passed: answer row, state, event, index, mail."""
    if not text.strip():
        raise ValidationError({"text": _("Write the company's answer.")})
    checked = _checked_attachments(uploads, already=complaint.attachments.count())
    now = timezone.now()
    timely = complaint.cip_due_on is not None and timezone.localdate(now) <= complaint.cip_due_on
    CompanyAnswer.objects.create(
        complaint=complaint,
        text=text.strip(),
        offer=offer.strip(),
        channel=channel,
        answer_type=answer_type,
        answered_by=actor,
        timely=timely,
    )
    window = get_procon_settings().rating_window_days
    complaint.status = S.ANSWERED
    complaint.answered_at = now
    complaint.answer_timely = timely
    complaint.rating_due_on = timezone.localdate(now) + timedelta(days=window)
    complaint.answer_refused = answer_type in REFUSALS
    fields = ["status", "answered_at", "answer_timely", "rating_due_on", "answer_refused"]
    data = {
        "offer": offer.strip(),
        "timely": timely,
        "answer_type": answer_type,
        "channel": channel,
    }
    if not by_access_code:
        event = _finish(
            complaint,
            step=Step.ANSWER,
            actor=actor,
            as_role=as_role,
            note=text.strip(),
            data=data,
            fields=fields,
        )
    else:
        complaint.save(update_fields=[*fields, "updated_at"])
        event = ComplaintEvent.objects.create(
            complaint=complaint,
            step=Step.ANSWER,
            actor=None,
            actor_kind=ActorKind.COMPANY_ACCESS_CODE,
            actor_name=str(complaint.company),
            status_after=complaint.status,
            note=text.strip(),
            data=data,
        )
        do_index_complaint(complaint)
        notify_step(complaint, event)
    _store_attachments(complaint, checked, event=event, by=actor)
    return complaint


@transaction.atomic
def do_record_company_answer(
    complaint: Complaint,
    *,
    actor: User,
    as_role: str = "company",
    text: str,
    offer: str = "",
    answer_type: str = "",
    uploads: Sequence[UploadedFile] = (),
) -> Complaint:
    """The tenant-side service that records a company's answer (the company inbox calls it).
    The company says what its answer does (`answer_type`); staff recording one may leave it out."""
    complaint = _locked(complaint)
    _guard(complaint, Step.ANSWER, actor=actor, as_role=as_role)
    answer_type = _clean_answer_type(answer_type, required=as_role == "company")
    return _answer(
        complaint,
        actor=actor,
        as_role=as_role,
        channel=CompanyAnswer.Channel.PLATFORM
        if as_role == "company"
        else CompanyAnswer.Channel.RECORDED_BY_STAFF,
        text=text,
        offer=offer,
        answer_type=answer_type,
        uploads=uploads,
    )


@transaction.atomic
def do_answer_with_access_code(
    complaint: Complaint,
    *,
    code_hash: str,
    text: str,
    answer_type: str,
    offer: str = "",
    uploads: Sequence[UploadedFile] = (),
) -> Complaint:
    """A company without an account answers its one case with the CIP's access code (given as
    `hash_access_code(...)`, what the session keeps); checked again under the row lock, so a case
    closed meanwhile refuses it."""
    complaint = _locked(complaint)
    if not complaint.access_code_hash_matches(code_hash):
        raise IllegalStep(
            _("You cannot take this action on this complaint."), ComplaintErrorCode.NOT_ALLOWED
        )
    if not can_take(Step.ANSWER, complaint.status):
        raise IllegalStep(ILLEGAL_STEP_MESSAGE % {"status": complaint.get_status_display()})
    answer_type = _clean_answer_type(answer_type, required=True)
    return _answer(
        complaint,
        actor=None,
        as_role="company",
        channel=CompanyAnswer.Channel.ACCESS_CODE,
        text=text,
        offer=offer,
        answer_type=answer_type,
        uploads=uploads,
        by_access_code=True,
    )


@transaction.atomic
def do_lapse_cip(complaint: Complaint, *, today: date) -> Complaint:
    """Idempotent sweep step: only a CIP still unanswered past its deadline lapses."""
    complaint = _locked(complaint)
    return _lapse(
        complaint,
        waiting=S.CIP_SENT,
        due=complaint.cip_due_on,
        today=today,
        step=Step.LAPSE_CIP,
        lapsed=S.CIP_LAPSED,
    )


# --- the consumer's rating --------------------------------------------------------------------


@transaction.atomic
def do_rate_answer(
    complaint: Complaint, *, actor: User, resolved: bool, satisfaction: int, comment: str = ""
) -> Complaint:
    complaint = _locked(complaint)
    _guard(complaint, Step.RATE, actor=actor, as_role="consumer")
    if complaint.rating_due_on and timezone.localdate() > complaint.rating_due_on:
        raise IllegalStep(
            _("The rating window closed on %(date)s.")
            % {"date": formats.short_date(complaint.rating_due_on)},
            ComplaintErrorCode.RATING_WINDOW_CLOSED,
        )
    if satisfaction not in range(1, 6):
        raise ValidationError({"satisfaction": _("Choose a score from 1 to 5.")})
    complaint.resolved = resolved
    complaint.satisfaction = satisfaction
    complaint.rating_comment = comment.strip()
    complaint.rated_at = timezone.now()
    fields = ["resolved", "satisfaction", "rating_comment", "rated_at", "status"]
    if resolved:
        fields += _close(complaint, Classification.RESOLVED_AT_CIP, at=complaint.rated_at)
    else:
        complaint.status = S.NOT_RESOLVED
    _finish(
        complaint,
        step=Step.RATE,
        actor=actor,
        as_role="consumer",
        note=comment.strip(),
        data={"resolved": resolved, "satisfaction": satisfaction},
        fields=fields,
    )
    return complaint


@transaction.atomic
def do_lapse_rating(complaint: Complaint, *, today: date) -> Complaint:
    complaint = _locked(complaint)
    return _lapse(
        complaint,
        waiting=S.ANSWERED,
        due=complaint.rating_due_on,
        today=today,
        step=Step.LAPSE_RATING,
        lapsed=S.NOT_RATED,
    )


# --- hearings' effects on the complaint ---------------------------------------------------------


def take_hearing_step(
    complaint: Complaint,
    *,
    step: Step,
    actor: User,
    as_role: str,
    status_after: ComplaintStatus,
    note: str = "",
    data: dict[str, object] | None = None,
    agreement_due_on: date | None = None,
) -> tuple[Complaint, ComplaintEvent]:
    """For tenants.hearings.actions (called inside their transaction): move the complaint for a
    hearing step with the same guard, event, index and e-mails as every other step."""
    complaint = _locked(complaint)
    _guard(complaint, step, actor=actor, as_role=as_role)
    complaint.status = status_after
    fields = ["status"]
    if agreement_due_on is not None:
        complaint.agreement_due_on = agreement_due_on
        fields.append("agreement_due_on")
    event = _finish(
        complaint,
        step=step,
        actor=actor,
        as_role=as_role,
        note=note,
        data=data,
        fields=fields,
        index_figures=_hearing_figures(complaint),
    )
    return complaint, event


def _hearing_figures(complaint: Complaint) -> dict[str, object]:
    """What the case index counts of a complaint's hearings: those held, and whether any minutes
    recorded an agreement (None until minutes exist)."""
    counts = complaint.hearings.aggregate(
        held=Count("pk", filter=Q(status="held")),
        minuted=Count("minutes"),
        agreed=Count("minutes", filter=Q(minutes__outcome="agreement")),
    )
    agreement = bool(counts["agreed"]) if counts["minuted"] else None
    return {"hearings_held": counts["held"], "agreement_reached": agreement}


@transaction.atomic
def do_confirm_agreement(
    complaint: Complaint, *, actor: User, fulfilled: bool, comment: str = ""
) -> Complaint:
    step = Step.CONFIRM_AGREEMENT if fulfilled else Step.REPORT_BREACH
    complaint = _locked(complaint)
    _guard(complaint, step, actor=actor, as_role="consumer")
    if fulfilled:
        fields = _close(complaint, Classification.AGREEMENT)
    else:
        complaint.status = S.NO_AGREEMENT
        fields = ["status"]
    _finish(
        complaint, step=step, actor=actor, as_role="consumer", note=comment.strip(), fields=fields
    )
    return complaint


# --- closing ----------------------------------------------------------------------------------


@transaction.atomic
def do_close_complaint(
    complaint: Complaint, *, actor: User, as_role: str, classification: str, note: str = ""
) -> Complaint:
    complaint = _locked(complaint)
    _guard(complaint, Step.CLOSE, actor=actor, as_role=as_role)
    if classification not in STAFF_CLOSING_CLASSIFICATIONS:
        raise ValidationError({"classification": _("Choose one of the closing classifications.")})
    fields = _close(complaint, classification)
    _finish(
        complaint,
        step=Step.CLOSE,
        actor=actor,
        as_role=as_role,
        note=note.strip(),
        data={"classification": classification},
        fields=fields,
    )
    return complaint


@transaction.atomic
def do_withdraw_complaint(complaint: Complaint, *, actor: User, reason: str = "") -> Complaint:
    # Hearings' actions build on this module's; imported here to keep the import one-way.
    from tenants.hearings.actions import do_cancel_hearing
    from tenants.hearings.lifecycle import HearingStatus

    complaint = _locked(complaint)
    _guard(complaint, Step.WITHDRAW, actor=actor, as_role="consumer")
    hearing = complaint.hearings.filter(status=HearingStatus.SCHEDULED).first()
    fields = _close(complaint, Classification.WITHDRAWN)
    _finish(
        complaint,
        step=Step.WITHDRAW,
        actor=actor,
        as_role="consumer",
        note=reason.strip(),
        data=None if hearing is None else {"cancelled_hearing_id": hearing.pk},
        fields=fields,
    )
    if hearing is not None:
        # After the step, whose webhook reports the hearing as cancelled while still finding it.
        do_cancel_hearing(hearing, actor=actor)
    return complaint


@transaction.atomic
def do_reopen_complaint(
    complaint: Complaint, *, actor: User, as_role: str, reason: str
) -> Complaint:
    complaint = _locked(complaint)
    _guard(complaint, Step.REOPEN, actor=actor, as_role=as_role)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the complaint is reopened.")})
    previous = complaint.classification
    complaint.status = S.ACCEPTED
    complaint.classification = ""
    complaint.rejection_reason = ""
    complaint.closed_at = None
    _finish(
        complaint,
        step=Step.REOPEN,
        actor=actor,
        as_role=as_role,
        note=reason.strip(),
        data={"previous_classification": previous},
        fields=["status", "classification", "rejection_reason", "closed_at"],
    )
    return complaint
