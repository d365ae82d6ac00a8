"""Every write of the counter: registering an atendimento of each kind (a preliminary service
or a direct complaint files its complaint through the complaints' own actions) and e-mailing its
receipt. Each runs in one transaction; a repeated form key finds the first atendimento."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.errors import IllegalStep
from kernel.workflow.numbering import next_in_year_counter, yearly_number
from shared.accounts.models import User
from shared.accounts.selectors import staff_roles
from shared.accounts.unclaimed import has_real_email
from shared.caseindex.actions import do_index_intake
from shared.documents import normalize_cep, validate_cep
from shared.geo.cep import consumer_city
from shared.geo.models import Municipality
from shared.geo.selectors import is_in_platform_uf
from shared.notifications.actions import do_queue_email
from tenants.complaints.actions.answer import do_send_cip
from tenants.complaints.actions.filing import do_file_complaint_once
from tenants.complaints.actions.triage import do_accept_complaint
from tenants.complaints.lifecycle import ATTENDING, Channel, ConsumerSex
from tenants.complaints.priority import priority_of, years_before
from tenants.counter.models import (
    OPENS_COMPLAINT,
    Intake,
    IntakeCounter,
    IntakeKind,
    ReferralBody,
)

# A receipt e-mailed again within this time is the same click twice: one e-mail.
RECEIPT_RESEND_AFTER = timedelta(minutes=1)
# Referrals whose body the attendant names in words.
NAMED_BODIES = frozenset({ReferralBody.OTHER_PROCON, ReferralBody.OTHER})


@dataclass
class Demographics:
    """What the consumer chose to give (all optional), and the grounds of priority service."""

    municipality: Municipality | None = None
    cep: str = ""
    sex: str = ""
    birth_date: date | None = None
    disability: bool = False
    pregnancy: bool = False


@dataclass
class ComplaintPart:
    """The complaint a preliminary service or a direct complaint files: the filing's fields
    (tenants.complaints.actions.filing.do_file_complaint_once) the counter form collects."""

    company: Any
    subject: Any
    problem: Any
    facts: str
    request: str
    lgpd_consent: bool
    purchase_channel: Any = None
    contacted_company_first: bool = False
    company_protocol: str = ""
    customer_reference: str = ""
    uploads: list = field(default_factory=list)
    # Preliminary service: the attendant triaged it at the counter; accept it and send the CIP.
    send_cip_now: bool = False


def attending_role(user: User) -> str | None:
    """The capacity in which `user` registers atendimentos at this Procon, if any."""
    held = staff_roles(user=user, procon=connection.tenant)
    return next((role for role in ATTENDING if role in held), None)


def _next_number() -> str:
    year = timezone.localdate().year
    value = next_in_year_counter(IntakeCounter, year)
    return yearly_number(connection.tenant.slug.upper(), "AT", year=year, value=value)


def _lock_key(attendant: User, key: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
            [f"{connection.schema_name}:intake:{attendant.pk}:{key}"],
        )


def _required(errors: dict[str, Any], name: str, value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        errors[name] = ValidationError(message, code="required")
    return value


def _check_demographics(errors: dict[str, Any], demographics: Demographics) -> str:
    cep = normalize_cep(demographics.cep or "")
    if cep:
        try:
            validate_cep(cep)
        except ValidationError as error:
            errors["consumer_cep"] = error
    if demographics.sex and demographics.sex not in ConsumerSex.values:
        errors["consumer_sex"] = ValidationError(_("Choose one of the options."), code="invalid")
    municipality = demographics.municipality
    if municipality is not None and not is_in_platform_uf(municipality):
        errors["consumer_municipality"] = ValidationError(
            _("Choose a city of this state."), code="city_outside_state"
        )
    today = timezone.localdate()
    birth = demographics.birth_date
    if birth is not None and not (years_before(today, 130) <= birth <= today):
        errors["consumer_birth_date"] = ValidationError(
            _("Type the date of birth (day, month and year)."), code="birth_date_invalid"
        )
    return cep


def do_register_intake(
    *,
    attendant: User,
    consumer: User,
    kind: str,
    channel: str,
    summary: str = "",
    guidance: str = "",
    referral_body: str = "",
    referral_to: str = "",
    referral_reason: str = "",
    complaint: ComplaintPart | None = None,
    demographics: Demographics | None = None,
    idempotency_key: str = "",
) -> tuple[Intake, bool]:
    """Register one atendimento for `consumer` and say whether this call registered it (a key
    the attendant already used finds the first one). Advice and referrals end here; a
    preliminary service files its complaint (accepted and its CIP sent at once when the
    attendant triaged it at the counter), and a direct complaint files it accepted at once."""
    as_role = attending_role(attendant)
    if as_role is None:
        raise IllegalStep(_("Only the Procon's attendants register atendimentos."), "not_allowed")
    demographics = demographics or Demographics()
    idempotency_key = (idempotency_key or "").strip()[:80]
    with transaction.atomic():
        if idempotency_key:
            _lock_key(attendant, idempotency_key)
            existing = Intake.objects.filter(
                attendant=attendant, idempotency_key=idempotency_key
            ).first()
            if existing is not None:
                return existing, False
        errors: dict[str, Any] = {}
        if kind not in IntakeKind.values:
            errors["kind"] = ValidationError(_("Choose the kind of atendimento."), code="invalid")
        if channel not in Channel.values:
            errors["channel"] = ValidationError(_("Choose how the consumer came."), code="invalid")
        if not consumer.cpf:
            errors["consumer"] = ValidationError(
                _("Find or register the consumer by CPF first."), code="required"
            )
        cep = _check_demographics(errors, demographics)
        if cep and "consumer_cep" not in errors:
            # The city the CEP derives (when it falls in a municipality's range) wins.
            demographics.municipality = consumer_city(cep, demographics.municipality)
        values: dict[str, Any] = {}
        if kind == IntakeKind.GUIDANCE:
            values["summary"] = _required(
                errors, "summary", summary, _("Write what the consumer asked.")
            )
            values["guidance"] = _required(
                errors, "guidance", guidance, _("Write the guidance given.")
            )
        elif kind == IntakeKind.REFERRAL:
            values["summary"] = _required(
                errors, "summary", summary, _("Write what the consumer reported.")
            )
            values["guidance"] = (guidance or "").strip()
            if referral_body not in ReferralBody.values:
                errors["referral_body"] = ValidationError(
                    _("Choose where the consumer is referred."), code="required"
                )
            values["referral_body"] = referral_body
            values["referral_to"] = (referral_to or "").strip()
            if referral_body in NAMED_BODIES and not values["referral_to"]:
                errors["referral_to"] = ValidationError(
                    _("Name the body the consumer is referred to."), code="required"
                )
            values["referral_reason"] = _required(
                errors,
                "referral_reason",
                referral_reason,
                _("Say why the matter is for that body."),
            )
        elif kind in OPENS_COMPLAINT and complaint is None:
            errors["facts"] = ValidationError(_("Fill in the complaint."), code="required")
        if errors:
            raise ValidationError(errors)
        today = timezone.localdate()
        filed = None
        if kind in OPENS_COMPLAINT:
            assert complaint is not None
            filed = _file(
                attendant,
                as_role,
                consumer,
                kind,
                channel,
                complaint,
                demographics,
                cep,
                idempotency_key,
            )
            values.update(
                summary=filed.facts,
                company=complaint.company,
                subject=complaint.subject,
                problem=complaint.problem,
            )
        intake = Intake(
            number=_next_number(),
            kind=kind,
            channel=channel,
            consumer=consumer,
            attendant=attendant,
            complaint=filed,
            consumer_municipality=demographics.municipality,
            consumer_cep=cep,
            consumer_sex=demographics.sex,
            consumer_birth_date=demographics.birth_date,
            priority=priority_of(
                birth_date=demographics.birth_date,
                disability=demographics.disability,
                pregnancy=demographics.pregnancy,
                today=today,
            ),
            idempotency_key=idempotency_key,
            **values,
        )
        intake.full_clean(
            exclude=[
                "consumer",
                "attendant",
                "complaint",
                "company",
                "subject",
                "problem",
                "consumer_municipality",
                "number",
            ]
        )
        intake.save()
        do_index_intake(intake)
    return intake, True


def _file(
    attendant: User,
    as_role: str,
    consumer: User,
    kind: str,
    channel: str,
    part: ComplaintPart,
    demographics: Demographics,
    cep: str,
    key: str,
) -> Any:
    """File the complaint through the complaints' own actions: the attendant is the filing's
    actor; the consumer's consent is the one the attendant recorded at the counter."""
    filed, _new = do_file_complaint_once(
        consumer=consumer,
        company=part.company,
        subject=part.subject,
        problem=part.problem,
        purchase_channel=part.purchase_channel,
        contacted_company_first=part.contacted_company_first,
        facts=part.facts,
        request=part.request,
        lgpd_consent=part.lgpd_consent,
        company_protocol=part.company_protocol,
        customer_reference=part.customer_reference,
        uploads=part.uploads,
        idempotency_key=f"counter:{key}" if key else "",
        consumer_municipality=demographics.municipality,
        consumer_birth_date=demographics.birth_date,
        priority_disability=demographics.disability,
        priority_pregnancy=demographics.pregnancy,
        consumer_cep=cep,
        consumer_sex=demographics.sex,
        channel=channel,
        filed_by=attendant,
    )
    if kind == IntakeKind.DIRECT_COMPLAINT or part.send_cip_now:
        filed = do_accept_complaint(filed, actor=attendant, as_role=as_role)
    if kind == IntakeKind.PRELIMINARY and part.send_cip_now:
        filed = do_send_cip(filed, actor=attendant, as_role=as_role)
    return filed


@transaction.atomic
def do_email_receipt(intake: Intake, *, actor: User, pdf: bytes, host_url: str) -> Intake:
    """Queue the receipt (PDF attached) to the consumer's e-mail and record when. Refused for a
    consumer recorded without an e-mail; the same click twice sends one e-mail."""
    import base64

    if attending_role(actor) is None:
        raise IllegalStep(_("Only the Procon's attendants e-mail receipts."), "not_allowed")
    intake = Intake.objects.select_for_update().select_related("consumer").get(pk=intake.pk)
    consumer = intake.consumer
    if not has_real_email(consumer):
        raise ValidationError(
            {
                "consumer": ValidationError(
                    _(
                        "This consumer has no e-mail on record: print the receipt and hand it "
                        "over, or add an e-mail when the consumer claims the account."
                    ),
                    code="no_email",
                )
            }
        )
    now = timezone.now()
    if intake.receipt_emailed_at is not None and now - intake.receipt_emailed_at < (
        RECEIPT_RESEND_AFTER
    ):
        return intake
    do_queue_email(
        key=f"intake-receipt:{intake.number}:{now.isoformat()}",
        to=[consumer.email],
        subject=_("Receipt of your atendimento %(number)s") % {"number": intake.number},
        template="counter/email/receipt.txt",
        context={"intake": intake, "procon": connection.tenant, "host_url": host_url},
        from_name=connection.tenant.name,
        attachments=[
            {
                "filename": f"comprovante-{intake.number}.pdf",
                "content_type": "application/pdf",
                "encoding": "base64",
                "content": base64.b64encode(pdf).decode(),
            }
        ],
    )
    intake.receipt_emailed_at = now
    intake.save(update_fields=["receipt_emailed_at"])
    return intake


def do_look_up_consumer(
    *,
    viewer: User,
    cpf: str,
    path: str,
    route: str,
    ip_address: str | None,
    user_agent: str,
    via_token: bool,
) -> User | None:
    """The account with this CPF (exact, normalised), if any; the lookup goes on the audit log
    with the CPF looked up and whom it found, found or not."""
    from shared.accounts.unclaimed import consumer_by_cpf
    from shared.audit.actions import do_record_audit_entry

    found = consumer_by_cpf(cpf)
    do_record_audit_entry(
        user=viewer,
        roles=sorted(staff_roles(user=viewer, procon=connection.tenant)),
        procon=connection.tenant,
        method="GET",
        path=path,
        route=route,
        object_ref=f"consumer lookup cpf={cpf} found={found.pk if found else '-'}",
        status_code=200 if found else 404,
        ip_address=ip_address,
        user_agent=user_agent,
        via_token=via_token,
    )
    return found
