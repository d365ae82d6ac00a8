"""Complaints (reclamações) of one Procon, in its schema; consumers and companies live in the
public schema and are referenced across it.

References to public-schema rows use DO_NOTHING: Django's deletion collector would otherwise
look for these tables in the public schema. A company or municipality with complaints cannot be
deleted (the foreign key exists in PostgreSQL). References to users have no constraint in the
database (`db_constraint=False`: one per schema would put two triggers on `accounts_user` for
every Procon); instead a user row is never deleted (shared/accounts/signals.py: accounts are
anonymised).
"""

import uuid

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.models import user_reference
from kernel.workflow.codes import AccessCodeHolder
from kernel.workflow.files import StepDocument
from kernel.workflow.timeline import TimelineEvent
from shared.documents import validate_cep
from tenants.complaints.lifecycle import (
    OPEN_STATUSES,
    Channel,
    Classification,
    ComplaintStatus,
    ConsumerSex,
    RejectionReason,
    Step,
)
from tenants.complaints.priority import Priority, grounds

FACTS_MAX = 10_000
REQUEST_MAX = 2_000

# The queue's order (the index complaint_queue_triage_idx holds it): the consumers with priority
# service first (80 or older above the others, priority.py); then the new complaints
# waiting for triage (QUEUE_TRIAGED false), then by the deadline running now (QUEUE_DUE: the
# company's while the CIP waits, the consumer's rating, the agreement's; none last), then by
# filing. The same mapping as selectors.deadline_badge, whose badge the queue shows.
QUEUE_TRIAGED = models.ExpressionWrapper(
    ~models.Q(status="registered"), output_field=models.BooleanField()
)
QUEUE_DUE = models.Case(
    models.When(status="cip_sent", then="cip_due_on"),
    models.When(status="answered", then="rating_due_on"),
    models.When(status="agreement", then="agreement_due_on"),
    output_field=models.DateField(),
)


def demographic_checks(prefix: str) -> list[models.CheckConstraint]:
    """The database checks of the demographics a consumer may give (a complaint's, an
    atendimento's): the sex one of ConsumerSex or none, the CEP eight digits or none."""
    return [
        models.CheckConstraint(
            condition=models.Q(consumer_sex="") | models.Q(consumer_sex__in=ConsumerSex.values),
            name=f"{prefix}_consumer_sex_valid",
        ),
        models.CheckConstraint(
            condition=models.Q(consumer_cep="") | models.Q(consumer_cep__regex=r"^[0-9]{8}$"),
            name=f"{prefix}_consumer_cep_digits",
        ),
    ]


class Complaint(AccessCodeHolder, models.Model):
    # SLUG-YEAR-NNNNNN from the year's sequence (actions/filing.py: _next_number; migration 0005).
    number = models.CharField(_("protocol number"), max_length=40, unique=True)
    consumer = user_reference(_("consumer"))
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.DO_NOTHING,
        related_name="+",
        verbose_name=_("company"),
    )
    # The consumer's city (never an address): where the figures place the case. A municipal
    # Procon's own city unless the consumer says otherwise.
    consumer_municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consumer's city"),
    )
    subject = models.ForeignKey(
        "catalogue.Subject", on_delete=models.PROTECT, related_name="+", verbose_name=_("subject")
    )
    problem = models.ForeignKey(
        "catalogue.Problem", on_delete=models.PROTECT, related_name="+", verbose_name=_("problem")
    )
    purchase_channel = models.ForeignKey(
        "catalogue.PurchaseChannel",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("how it was bought"),
    )
    contacted_company_first = models.BooleanField(_("contacted the company first"))
    company_protocol = models.CharField(_("company's protocol number"), max_length=60, blank=True)
    # What identifies the customer to the company besides the consumer's name and CPF (shown to
    # the company, the Procon and the consumer; never published).
    customer_reference = models.CharField(
        _("contract, account, line or order number"), max_length=60, blank=True
    )
    facts = models.TextField(_("what happened"), max_length=FACTS_MAX)
    request = models.TextField(_("what you want"), max_length=REQUEST_MAX)
    lgpd_consent_at = models.DateTimeField(_("data-processing consent given at"))
    # Priority service (priority.py): what the consumer chose to say, and the level it gives.
    consumer_birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    priority_disability = models.BooleanField(
        _("person with a disability or reduced mobility"), default=False
    )
    priority_pregnancy = models.BooleanField(
        _("pregnant or breastfeeding, or with a baby in arms"), default=False
    )
    priority = models.PositiveSmallIntegerField(
        _("priority service"), choices=Priority.choices, default=Priority.NONE
    )
    # Demographics the consumer chose to give, for the SINDEC and open-data columns (never shown
    # to the company): the CEP (8 digits; the city follows from it) and the sex.
    consumer_cep = models.CharField(_("CEP"), max_length=8, blank=True, validators=[validate_cep])
    consumer_sex = models.CharField(_("sex"), max_length=1, choices=ConsumerSex.choices, blank=True)
    # How the consumer came, and the attendant who registered the case for them (none on the web).
    channel = models.CharField(
        _("how the consumer came"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    filed_by = user_reference(_("registered by"), optional=True)
    idempotency_key = models.CharField(max_length=80, blank=True)

    status = models.CharField(
        _("status"),
        max_length=24,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.REGISTERED,
    )
    classification = models.CharField(
        _("classification"), max_length=24, choices=Classification.choices, blank=True
    )
    rejection_reason = models.CharField(max_length=24, choices=RejectionReason.choices, blank=True)
    assignee = user_reference(_("assigned to"), optional=True)

    cip_sent_at = models.DateTimeField(null=True, blank=True)
    cip_due_on = models.DateField(_("company deadline"), null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_timely = models.BooleanField(null=True, blank=True)
    rating_due_on = models.DateField(_("rating deadline"), null=True, blank=True)
    resolved = models.BooleanField(null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.TextField(blank=True, max_length=2000)
    rated_at = models.DateTimeField(null=True, blank=True)
    agreement_due_on = models.DateField(null=True, blank=True)
    # The CIP's one-case access code for a company without an account: only its hash is kept;
    # it works while the case is open and dies when the case closes.
    access_code_hash = models.CharField(max_length=64, blank=True)
    # The latest company answer refused the complaint: the staff queue flags it for review.
    answer_refused = models.BooleanField(default=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [
            models.Index(fields=["status", "cip_due_on"]),
            models.Index(fields=["consumer", "-created_at"]),
            models.Index(fields=["company", "-created_at"]),
            # The queue API's keyset pages: the open cases in company-deadline order.
            models.Index(
                fields=["cip_due_on", "created_at", "id"],
                condition=~models.Q(status="closed"),
                name="complaint_queue_open_idx",
            ),
            # The attendants' queue page: the open cases in queue order (the new ones to triage first,
            # then by the deadline running now), read from the first rows of this index rather
            # than by sorting every open case (docs/benchmarks.md). The columns its expressions
            # read are included, so that the count and a page's ids stay index-only reads.
            models.Index(
                models.F("priority").desc(),
                QUEUE_TRIAGED,
                QUEUE_DUE,
                models.F("created_at"),
                models.F("id"),
                condition=~models.Q(status="closed"),
                include=["status", "cip_due_on", "rating_due_on", "agreement_due_on"],
                name="complaint_queue_triage_idx",
            ),
            # The triage suggestions' similar cases: full-text search in Portuguese over the
            # facts (tenants/complaints/suggestions.py queries this very expression).
            GinIndex(SearchVector("facts", config="portuguese"), name="complaint_facts_fts_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["consumer", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="complaint_idempotency_per_consumer",
            ),
            models.CheckConstraint(
                condition=models.Q(priority__in=Priority.values), name="complaint_priority_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ComplaintStatus.values), name="complaint_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=Channel.values), name="complaint_channel_valid"
            ),
            *demographic_checks("complaint"),
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="complaint_satisfaction_1_to_5",
            ),
            models.CheckConstraint(
                condition=(models.Q(status=ComplaintStatus.CLOSED) & ~models.Q(classification=""))
                | (~models.Q(status=ComplaintStatus.CLOSED) & models.Q(classification="")),
                name="complaint_closed_iff_classified",
            ),
            models.CheckConstraint(
                condition=models.Q(cip_sent_at__isnull=True) | models.Q(cip_due_on__isnull=False),
                name="complaint_cip_has_deadline",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def priority_grounds(self) -> list[str]:
        """Why the consumer has priority service today (priority.py), in words."""
        from django.utils import timezone

        return grounds(
            birth_date=self.consumer_birth_date,
            disability=self.priority_disability,
            pregnancy=self.priority_pregnancy,
            today=timezone.localdate(),
        )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ComplaintEvent(TimelineEvent):
    """One entry of the timeline (andamento). Append-only: the database refuses UPDATE and DELETE."""

    aggregate_field = "complaint"

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="events")
    step = models.CharField(max_length=24, choices=Step.choices)
    status_after = models.CharField(max_length=24, choices=ComplaintStatus.choices)
    visible_to_consumer = models.BooleanField(default=True)

    class Meta(TimelineEvent.Meta):
        indexes = [models.Index(fields=["complaint", "at"])]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.step} {self.at:%Y-%m-%d %H:%M}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    from django.db import connection

    return f"{connection.schema_name}/complaints/{instance.complaint_id}/{uuid.uuid4().hex}{instance.extension}"


class Attachment(StepDocument):
    """A document on a complaint; stored under the Procon's schema name, served only after an access check."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="attachments")
    event = models.ForeignKey(
        ComplaintEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=300)
    # None for a document sent with the case's access code (no account).
    uploaded_by = user_reference(optional=True)


class AnswerType(models.TextChoices):
    """What the company's answer does with the complaint (refusals are flagged for staff review)."""

    SOLVED_MONETARY = "solved_monetary", _("Solved with monetary relief")
    SOLVED_NON_MONETARY = "solved_non_monetary", _("Solved without monetary relief")
    EXPLAINED = "explained", _("Explained")
    REFUSED_NOT_CUSTOMER = "refused_not_customer", _("Refused: not our customer")
    REFUSED_DUPLICATE = "refused_duplicate", _("Refused: duplicate complaint")
    REFUSED_OTHER = "refused_other", _("Refused: other reason")


REFUSALS = frozenset(
    {AnswerType.REFUSED_NOT_CUSTOMER, AnswerType.REFUSED_DUPLICATE, AnswerType.REFUSED_OTHER}
)


class CompanyAnswer(models.Model):
    class Channel(models.TextChoices):
        PLATFORM = "platform", _("On the platform")
        RECORDED_BY_STAFF = "recorded_by_staff", _("Received by the Procon and recorded by staff")
        ACCESS_CODE = "access_code", _("With the case's access code")

    AnswerType = AnswerType

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("answer"), max_length=10_000)
    offer = models.TextField(_("offer"), blank=True, max_length=2_000)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    # Required when the company answers itself; optional on answers recorded by staff.
    answer_type = models.CharField(
        _("type of answer"), max_length=24, choices=AnswerType.choices, blank=True
    )
    answered_by = user_reference(optional=True)
    timely = models.BooleanField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answer_type="") | models.Q(answer_type__in=AnswerType.values),
                name="company_answer_type_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.at:%Y-%m-%d}"

    @property
    def is_refusal(self) -> bool:
        return self.answer_type in REFUSALS


MESSAGE_MAX = 5_000


class Thread(models.TextChoices):
    """The two conversations of a case: each is read by its party and the Procon's staff only."""

    CONSUMER = "consumer", _("Consumer and Procon")
    COMPANY = "company", _("Procon and company")


class CaseMessage(models.Model):
    """A message on one of the case's threads, with its timeline entry (step MESSAGE, whose
    documents are the entry's attachments). A message from staff may ask the thread's party for
    information, optionally by a date; the party's next message in the thread answers it."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="messages")
    thread = models.CharField(_("thread"), max_length=10, choices=Thread.choices)
    event = models.OneToOneField(
        ComplaintEvent, on_delete=models.PROTECT, related_name="case_message"
    )
    # None for a company writing with the case's access code (no account).
    author = user_reference(optional=True)
    # kernel.workflow.timeline.ActorKind: consumer, company, company_code or staff.
    author_kind = models.CharField(max_length=16)
    body = models.TextField(_("message"), max_length=MESSAGE_MAX)
    is_request = models.BooleanField(_("asks for information"), default=False)
    reply_due_on = models.DateField(_("reply by"), null=True, blank=True)
    answered_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["complaint", "thread", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(thread__in=Thread.values), name="case_message_thread_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(is_request=True) | models.Q(reply_due_on__isnull=True),
                name="case_message_due_only_on_requests",
            ),
            models.UniqueConstraint(
                fields=["complaint", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="case_message_idempotency_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.thread} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_pending(self) -> bool:
        return self.is_request and self.answered_at is None

    @property
    def is_overdue(self) -> bool:
        """A pending request whose reply date passed (shown; nothing lapses by it)."""
        from django.utils import timezone

        return (
            self.is_pending
            and self.reply_due_on is not None
            and self.reply_due_on < timezone.localdate()
        )
