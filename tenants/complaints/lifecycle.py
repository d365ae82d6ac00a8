"""The complaint's states, the steps between them and who may take each: the one place they live."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.workflow.table import StepTable
from tenants.complaints.errors import ILLEGAL_STEP_MESSAGE, NOT_ALLOWED_MESSAGE, ComplaintErrorCode


class ComplaintStatus(models.TextChoices):
    # Filed by the consumer; waits for an attendant's triage.
    REGISTERED = "registered", _("Registered")
    # The attendant asked the consumer for more; the case waits for the consumer's reply.
    AWAITING_CONSUMER = "awaiting_consumer", _("Waiting for the consumer")
    # Triaged and accepted; the CIP is to be sent.
    ACCEPTED = "accepted", _("Accepted")
    # CIP sent; the company has until cip_due_on to answer.
    CIP_SENT = "cip_sent", _("Waiting for the company")
    # The company's deadline passed without an answer.
    CIP_LAPSED = "cip_lapsed", _("Company did not answer in time")
    # The company answered; the consumer rates the answer until rating_due_on.
    ANSWERED = "answered", _("Company answered")
    # The consumer said the answer did not resolve the problem.
    NOT_RESOLVED = "not_resolved", _("Not resolved")
    # The rating window passed without a rating (counted apart in the figures).
    NOT_RATED = "not_rated", _("Not rated")
    # A conciliation hearing is scheduled.
    HEARING_SCHEDULED = "hearing_scheduled", _("Hearing scheduled")
    # The hearing reached an agreement; waits for the consumer to confirm it was met.
    AGREEMENT = "agreement", _("Agreement reached")
    # The hearing ended without agreement, a party was absent, or the agreement was not met.
    NO_AGREEMENT = "no_agreement", _("No agreement")
    # Closed with a classification.
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = frozenset(set(ComplaintStatus) - {ComplaintStatus.CLOSED})


class Classification(models.TextChoices):
    RESOLVED_AT_CIP = "resolved_at_cip", _("Resolved at the CIP")
    AGREEMENT = "agreement", _("Agreement")
    FOUNDED_MET = "founded_met", _("Founded, met")
    FOUNDED_NOT_MET = "founded_not_met", _("Founded, not met")
    NOT_FOUNDED = "not_founded", _("Not founded")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    NOT_COMPETENT = "not_competent", _("Not competent")


# The classifications staff may choose when closing (the others come from their own steps).
STAFF_CLOSING_CLASSIFICATIONS = frozenset(
    {
        Classification.RESOLVED_AT_CIP,
        Classification.FOUNDED_MET,
        Classification.FOUNDED_NOT_MET,
        Classification.NOT_FOUNDED,
    }
)


class Channel(models.TextChoices):
    """How the consumer came to the Procon (SINDEC's and consumidor.gov.br's "canal de origem")."""

    WEB = "web", _("Website")
    COUNTER = "counter", _("In person, at the counter")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")


class ConsumerSex(models.TextChoices):
    """The sex the consumer chose to state (optional; the open-data files' Sexo column)."""

    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class RejectionReason(models.TextChoices):
    NOT_CONSUMER_MATTER = "not_consumer_matter", _("Not a consumer relationship")
    NOT_THIS_PROCON = "not_this_procon", _("Not this Procon's competence")


class Step(models.TextChoices):
    FILE = "file", _("Complaint filed")
    ASSIGN = "assign", _("Assigned")
    REQUEST_INFO = "request_info", _("More information requested")
    CONSUMER_REPLY = "consumer_reply", _("Consumer replied")
    ACCEPT = "accept", _("Accepted")
    REJECT = "reject", _("Rejected")
    SEND_CIP = "send_cip", _("CIP sent to the company")
    ANSWER = "answer", _("Company answered")
    LAPSE_CIP = "lapse_cip", _("Company deadline passed")
    RATE = "rate", _("Consumer rated the answer")
    LAPSE_RATING = "lapse_rating", _("Rating window passed")
    SCHEDULE_HEARING = "schedule_hearing", _("Hearing scheduled")
    RESCHEDULE_HEARING = "reschedule_hearing", _("Hearing rescheduled")
    RECORD_MINUTES = "record_minutes", _("Hearing minutes recorded")
    ACCEPT_MINUTES = "accept_minutes", _("Hearing minutes accepted")
    CONFIRM_AGREEMENT = "confirm_agreement", _("Consumer confirmed the agreement was met")
    REPORT_BREACH = "report_breach", _("Consumer reported the agreement was not met")
    CLOSE = "close", _("Closed")
    WITHDRAW = "withdraw", _("Withdrawn by the consumer")
    REOPEN = "reopen", _("Reopened")
    # Staff corrected the company, subject or problem (the old and new values in the entry's data).
    RECLASSIFY = "reclassify", _("Reclassified")
    # A message on one of the case's threads (consumer and Procon, Procon and company).
    MESSAGE = "message", _("Message")
    # The consumer added a document after filing.
    ADD_DOCUMENT = "add_document", _("Document added")


S = ComplaintStatus
# Step -> the states it may be taken from.
ALLOWED_FROM: dict[Step, frozenset[ComplaintStatus]] = {
    Step.FILE: frozenset(),
    Step.ASSIGN: OPEN_STATUSES,
    Step.REQUEST_INFO: frozenset({S.REGISTERED}),
    Step.CONSUMER_REPLY: frozenset({S.AWAITING_CONSUMER}),
    Step.ACCEPT: frozenset({S.REGISTERED, S.AWAITING_CONSUMER}),
    Step.REJECT: frozenset({S.REGISTERED, S.AWAITING_CONSUMER}),
    Step.SEND_CIP: frozenset({S.ACCEPTED}),
    Step.ANSWER: frozenset({S.CIP_SENT, S.CIP_LAPSED}),
    Step.LAPSE_CIP: frozenset({S.CIP_SENT}),
    Step.RATE: frozenset({S.ANSWERED}),
    Step.LAPSE_RATING: frozenset({S.ANSWERED}),
    # From ACCEPTED: a complaint opened directly at the counter (abertura direta) is summoned to
    # a hearing without waiting for a CIP (docs/counter.md).
    Step.SCHEDULE_HEARING: frozenset(
        {S.ACCEPTED, S.CIP_LAPSED, S.NOT_RESOLVED, S.NOT_RATED, S.NO_AGREEMENT}
    ),
    Step.RESCHEDULE_HEARING: frozenset({S.HEARING_SCHEDULED}),
    Step.RECORD_MINUTES: frozenset({S.HEARING_SCHEDULED}),
    # Taken on a held hearing's minutes whatever the complaint did since, never through the
    # guard: tenants.hearings.minutes checks the party and the minutes; the status stays.
    Step.ACCEPT_MINUTES: frozenset(),
    Step.CONFIRM_AGREEMENT: frozenset({S.AGREEMENT}),
    Step.REPORT_BREACH: frozenset({S.AGREEMENT}),
    Step.CLOSE: frozenset({S.CIP_LAPSED, S.NOT_RESOLVED, S.NOT_RATED, S.NO_AGREEMENT}),
    Step.WITHDRAW: OPEN_STATUSES,
    Step.REOPEN: frozenset({S.CLOSED}),
    Step.RECLASSIFY: OPEN_STATUSES,
    # Messages go on any open case, never through the guard: the thread's rules say who writes.
    Step.MESSAGE: frozenset(),
    Step.ADD_DOCUMENT: OPEN_STATUSES,
}

# Who takes each step: "consumer" (the complaint's own consumer), "company" (an agent of the
# complaint's company), "system" (deadline sweeps), or the staff roles listed.
ATTENDING = ("attendant", "tenant_admin")
CONCILIATING = ("conciliator", "tenant_admin")
ACTORS: dict[Step, frozenset[str]] = {
    # The consumer on the web, or an attendant registering it for them at the counter.
    Step.FILE: frozenset({"consumer", *ATTENDING}),
    Step.ASSIGN: frozenset({*ATTENDING, *CONCILIATING}),
    Step.REQUEST_INFO: frozenset(ATTENDING),
    Step.CONSUMER_REPLY: frozenset({"consumer"}),
    Step.ACCEPT: frozenset(ATTENDING),
    Step.REJECT: frozenset(ATTENDING),
    Step.SEND_CIP: frozenset(ATTENDING),
    Step.ANSWER: frozenset({"company", *ATTENDING}),
    Step.LAPSE_CIP: frozenset({"system"}),
    Step.RATE: frozenset({"consumer"}),
    Step.LAPSE_RATING: frozenset({"system"}),
    Step.SCHEDULE_HEARING: frozenset({*CONCILIATING, "attendant"}),
    Step.RESCHEDULE_HEARING: frozenset({*CONCILIATING, "attendant"}),
    Step.RECORD_MINUTES: frozenset(CONCILIATING),
    Step.ACCEPT_MINUTES: frozenset({"consumer", "company"}),
    Step.CONFIRM_AGREEMENT: frozenset({"consumer"}),
    Step.REPORT_BREACH: frozenset({"consumer"}),
    Step.CLOSE: frozenset({*ATTENDING, "conciliator"}),
    Step.WITHDRAW: frozenset({"consumer"}),
    Step.REOPEN: frozenset({"tenant_admin", "attendant"}),
    Step.RECLASSIFY: frozenset(ATTENDING),
    Step.MESSAGE: frozenset({"consumer", "company", *ATTENDING, "conciliator"}),
    Step.ADD_DOCUMENT: frozenset({"consumer"}),
}

LIFECYCLE = StepTable(
    allowed_from=ALLOWED_FROM,
    actors=ACTORS,
    illegal_message=ILLEGAL_STEP_MESSAGE,
    not_allowed_message=NOT_ALLOWED_MESSAGE,
    not_allowed_code=ComplaintErrorCode.NOT_ALLOWED,
)
can_take = LIFECYCLE.can_take
