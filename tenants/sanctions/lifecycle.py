"""The sanction process's states, the steps between them and who may take each: the one place
they live (DESIGN.md "The sanction lifecycle")."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kernel.workflow.table import StepTable
from tenants.sanctions.errors import (
    ILLEGAL_STEP_MESSAGE,
    NOT_ALLOWED_MESSAGE,
    SanctionErrorCode,
    SanctionIllegalStep,
)


class InspectionOrigin(models.TextChoices):
    PLANNED = "planned", _("Planned inspection")
    COMPLAINT_CLUSTER = "complaint_cluster", _("Prompted by a cluster of complaints")
    REFERRAL = "referral", _("Referral from another body")
    COMPANY = "company", _("Prompted by a company")
    ALERT = "alert", _("Supervisor alert")


class Instrument(models.TextChoices):
    """What an inspection produces (Procon-SP Portaria Normativa 229/2022)."""

    INFRACTION_NOTICE = "infraction_notice", _("Auto de infração (opens a sanction process)")
    FINDING_NOTICE = "finding_notice", _("Auto de constatação")
    INSPECTION_REPORT = "inspection_report", _("Registro de fiscalização")
    SEIZURE_NOTICE = "seizure_notice", _("Auto de apreensão")
    INFORMATION_NOTICE = "information_notice", _("Auto de notificação (asks for information)")
    RAFS = "rafs", _("RAFS: nothing irregular found")
    PRELIMINARY_INQUIRY = "preliminary_inquiry", _("Averiguação preliminar")


class DayCount(models.TextChoices):
    """How a defence or appeal window is counted."""

    CALENDAR = "calendar", _("Calendar days")
    BUSINESS = "business", _("Business days")


class RespondentSignature(models.TextChoices):
    """Whether the respondent signed the auto de infração when it was drawn up."""

    SIGNED = "signed", _("Signed by the respondent")
    REFUSED = "refused", _("Refused to sign (certified with one witness)")
    ABSENT = "absent", _("Drawn up electronically; notified through the platform")


class InspectionStatus(models.TextChoices):
    # Being carried out; evidence may still be added.
    OPEN = "open", pgettext_lazy("inspection status", "Open")
    # Ended with its instrument (an auto de infração, a RAFS, ...).
    CLOSED = "closed", pgettext_lazy("inspection status", "Closed")


class ProcessStatus(models.TextChoices):
    # The auto was drawn up and signed by the inspector; the company is not notified yet.
    ISSUED = "issued", _("Auto issued")
    # The company was notified; its defence window runs until defence_due_on.
    AWAITING_DEFENCE = "awaiting_defence", _("Defence window open")
    # The company filed its defence; waits for the first-instance decision.
    DEFENCE_FILED = "defence_filed", _("Defence filed")
    # The defence window passed without a defence; the decision may proceed.
    DEFENCE_LAPSED = "defence_lapsed", _("Defence not filed")
    # First-instance decision with sanctions; the appeal window runs until appeal_due_on.
    APPEAL_WINDOW = "appeal_window", _("Appeal window open")
    # The company appealed; waits for the second-instance decision.
    APPEALED = "appealed", _("Appeal filed")
    # The sanctions are final; a fine waits to be paid or sent to collection.
    FINAL = "final", _("Final decision")
    # Ended: dismissed, annulled, paid (at base or in full) or sent to collection.
    CLOSED = "closed", pgettext_lazy("sanction process status", "Closed")


OPEN_STATUSES = frozenset(set(ProcessStatus) - {ProcessStatus.CLOSED})
# Until one of these, a tenant that keeps processes secret shows only that a process exists.
DECIDED_FOR_GOOD = frozenset({ProcessStatus.FINAL, ProcessStatus.CLOSED})


class Outcome(models.TextChoices):
    DISMISSED = "dismissed", _("Dismissed")
    ANNULLED = "annulled", _("Annulled on appeal")
    PAID_AT_BASE = "paid_at_base", _("Paid at the base value")
    PAID = "paid", _("Fine paid")
    SENT_TO_COLLECTION = "sent_to_collection", _("Sent to collection")


class Sanction(models.TextChoices):
    """CDC art. 56."""

    FINE = "fine", _("Fine (multa)")
    SEIZURE = "seizure", _("Seizure of the product")
    DESTRUCTION = "destruction", _("Destruction of the product")
    REGISTRATION_REVOKED = "registration_revoked", _("Cancellation of the product's registration")
    MANUFACTURE_BANNED = "manufacture_banned", _("Ban on making the product")
    SUPPLY_SUSPENDED = "supply_suspended", _("Suspension of supply of the product or service")
    ACTIVITY_SUSPENDED = "activity_suspended", _("Temporary suspension of the activity")
    CONCESSION_REVOKED = "concession_revoked", _("Revocation of the concession or permission")
    LICENCE_REVOKED = "licence_revoked", _("Cancellation of the licence of the establishment")
    INTERDICTION = "interdiction", _("Interdiction of the establishment, work or activity")
    INTERVENTION = "intervention", _("Administrative intervention")
    COUNTER_ADVERTISING = "counter_advertising", _("Counter-advertising")


class AppealRuling(models.TextChoices):
    UPHOLD = "uphold", _("Upheld")
    REDUCE = "reduce", _("Fine reduced")
    ANNUL = "annul", _("Annulled")


class Step(models.TextChoices):
    ISSUE = "issue", _("Auto de infração issued")
    NOTIFY = "notify", _("Company notified")
    FILE_DEFENCE = "file_defence", _("Defence filed")
    PAY_AT_BASE = "pay_at_base", _("Paid at the base value")
    LAPSE_DEFENCE = "lapse_defence", _("Defence window passed")
    DECIDE = "decide", _("First-instance decision")
    FILE_APPEAL = "file_appeal", _("Appeal filed")
    LAPSE_APPEAL = "lapse_appeal", _("Appeal window passed")
    DECIDE_APPEAL = "decide_appeal", _("Second-instance decision")
    RECORD_PAYMENT = "record_payment", _("Payment recorded")
    SEND_TO_COLLECTION = "send_to_collection", _("Sent to collection")


S = ProcessStatus
# Step -> the states it may be taken from.
ALLOWED_FROM: dict[Step, frozenset[ProcessStatus]] = {
    Step.ISSUE: frozenset(),
    Step.NOTIFY: frozenset({S.ISSUED}),
    Step.FILE_DEFENCE: frozenset({S.AWAITING_DEFENCE}),
    Step.PAY_AT_BASE: frozenset({S.AWAITING_DEFENCE}),
    Step.LAPSE_DEFENCE: frozenset({S.AWAITING_DEFENCE}),
    Step.DECIDE: frozenset({S.DEFENCE_FILED, S.DEFENCE_LAPSED}),
    Step.FILE_APPEAL: frozenset({S.APPEAL_WINDOW}),
    Step.LAPSE_APPEAL: frozenset({S.APPEAL_WINDOW}),
    Step.DECIDE_APPEAL: frozenset({S.APPEALED}),
    Step.RECORD_PAYMENT: frozenset({S.FINAL}),
    Step.SEND_TO_COLLECTION: frozenset({S.FINAL}),
}

# Who takes each step: "company" (an agent of the process's company), "system" (deadline
# sweeps), or the staff roles listed.
INSPECTING = ("inspector",)
JUDGING = ("judge",)
ACTORS: dict[Step, frozenset[str]] = {
    Step.ISSUE: frozenset(INSPECTING),
    Step.NOTIFY: frozenset({*INSPECTING, "tenant_admin"}),
    Step.FILE_DEFENCE: frozenset({"company"}),
    Step.PAY_AT_BASE: frozenset({"company"}),
    Step.LAPSE_DEFENCE: frozenset({"system"}),
    Step.DECIDE: frozenset(JUDGING),
    Step.FILE_APPEAL: frozenset({"company"}),
    Step.LAPSE_APPEAL: frozenset({"system"}),
    Step.DECIDE_APPEAL: frozenset(JUDGING),
    Step.RECORD_PAYMENT: frozenset({*JUDGING, "tenant_admin"}),
    Step.SEND_TO_COLLECTION: frozenset({*JUDGING, "tenant_admin"}),
}

# Staff roles that see the fiscalização pages of their Procon.
SANCTION_STAFF = ("inspector", "judge", "tenant_admin")

LIFECYCLE = StepTable(
    allowed_from=ALLOWED_FROM,
    actors=ACTORS,
    illegal_message=ILLEGAL_STEP_MESSAGE,
    not_allowed_message=NOT_ALLOWED_MESSAGE,
    not_allowed_code=SanctionErrorCode.NOT_ALLOWED,
    error=SanctionIllegalStep,
)
can_take = LIFECYCLE.can_take
