"""The cross-tenant case index: one row per complaint of every Procon, in the public schema,
written in the same transaction as the tenant's row. No consumer personal data.

Every insert, update and delete of an index row also writes, in the same transaction, one
`CaseIndexChange` per rollup that reads the index (a database trigger, migration 0007, so that
no writer can forget it); each rollup takes in and deletes its own change rows."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseIndexEntry(models.Model):
    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        SANCTION = "sanction", _("Sanction process")

    procon = models.ForeignKey("procons.Procon", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.COMPLAINT)
    number = models.CharField(max_length=40)
    tenant_object_id = models.BigIntegerField()
    company = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="+")
    # The consumer's account (an id, never a name or document): finds a person's own cases for
    # their LGPD requests without visiting every schema. Never shown or published.
    consumer = models.ForeignKey(
        "accounts.User", on_delete=models.DO_NOTHING, null=True, blank=True, related_name="+"
    )
    # The catalogue's names as filed: text, not a bounded column, so that whatever length the
    # catalogue allows the index holds (a bounded copy once refused real subjects of 207
    # characters with a 500).
    subject = models.TextField(blank=True)
    problem = models.TextField(blank=True)
    # The catalogue's area of the subject and group of the problem, for the open data.
    subject_area = models.TextField(blank=True)
    problem_group = models.TextField(blank=True)
    # SINDEC's CodigoAssunto / CodigoProblema of the catalogue's subject and problem as filed
    # (tenants/catalogue/sindec.py), for the SINDEC export; empty when the catalogue has none.
    subject_code = models.CharField(max_length=8, blank=True)
    problem_code = models.CharField(max_length=8, blank=True)
    # How the consumer bought (catalogue's purchase channel) and whether they tried the company
    # first: open-data columns, no personal data.
    purchase_channel = models.TextField(blank=True)
    contacted_company_first = models.BooleanField(null=True, blank=True)
    # Where the case comes from: the consumer's city for a complaint, the inspected place's
    # city for a sanction process. A city, never an address.
    municipality = models.ForeignKey(
        "geo.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # How the consumer came (complaints: the Channel values web/counter/phone/email/letter).
    channel = models.CharField(max_length=10, blank=True)
    # Demographics the consumer chose to give (demographics.py): the sex as stated (F, M or
    # blank), the age band on the opening date, the CEP's published prefix. Never a birth date
    # or a full CEP.
    consumer_sex = models.CharField(max_length=1, blank=True)
    age_band = models.CharField(max_length=8, blank=True)
    cep = models.CharField(max_length=5, blank=True)
    # The contract, account, line or order number the consumer gave: shown to the company in
    # its inbox only; never published.
    customer_reference = models.CharField(max_length=60, blank=True)
    status = models.CharField(max_length=24)
    classification = models.CharField(max_length=24, blank=True)
    # The company's current deadline: the CIP answer for a complaint; the defence or the
    # appeal for a sanction process.
    cip_due_on = models.DateField(null=True, blank=True)
    cip_sent_at = models.DateTimeField(null=True, blank=True)
    rating_due_on = models.DateField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_timely = models.BooleanField(null=True, blank=True)
    # The consumer's rating: resolved or not (null: not rated yet, or never).
    resolved = models.BooleanField(null=True, blank=True)
    # The consumer's 1-5 satisfaction and when they rated (the open data's "Data Análise").
    satisfaction = models.PositiveSmallIntegerField(null=True, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    hearings_held = models.PositiveSmallIntegerField(default=0)
    agreement_reached = models.BooleanField(null=True, blank=True)
    # Sanction processes: the fine decided (first instance, then the appeal's) and when.
    fine_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["procon", "kind", "number"], name="caseindex_unique_number"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "cip_due_on"]),
            models.Index(fields=["status", "rating_due_on"]),
            models.Index(fields=["company", "-opened_at"]),
            models.Index(fields=["kind", "opened_at"], name="caseindex_kind_opened_idx"),
            models.Index(
                fields=["procon", "kind", "opened_at"], name="caseindex_procon_opened_idx"
            ),
            # The company inbox: one company group's cases by deadline or by last change.
            models.Index(fields=["company", "cip_due_on", "id"], name="caseindex_company_due_idx"),
            models.Index(
                fields=["company", "-updated_at", "-id"], name="caseindex_company_updated_idx"
            ),
            # The registry of founded complaints (CDC art. 44): a year's founded cases, state-wide
            # or of one Procon, counted per company.
            models.Index(
                fields=["closed_at", "company", "classification"],
                condition=models.Q(
                    kind="complaint", classification__in=["founded_met", "founded_not_met"]
                ),
                name="caseindex_founded_idx",
            ),
            models.Index(
                fields=["procon", "closed_at", "company", "classification"],
                condition=models.Q(
                    kind="complaint", classification__in=["founded_met", "founded_not_met"]
                ),
                name="caseindex_procon_founded_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procon_id}:{self.number}"


class CaseIndexChange(models.Model):
    """A version of an index row (the new one, and the old one when its keys moved or the row
    was deleted) that one rollup has still to take in. Written only by the trigger on the index,
    in the writer's transaction; deleted only by the rollup that takes it in, which recomputes
    the keys it names from the index. A row committed after a refresh read the log stays for the
    next one: nothing depends on a clock or on the order in which transactions commit."""

    class Reader(models.TextChoices):
        FIGURES = "figures"  # the supervisor's figures (portals/supervision), by month
        REGISTRY = "registry"  # the live registry (shared/registry), by (Procon, company)

    id = models.BigAutoField(primary_key=True)
    reader = models.CharField(max_length=16, choices=Reader.choices)
    # Plain values, no foreign keys: the keys of a version that may no longer exist.
    procon_id = models.BigIntegerField()
    company_id = models.BigIntegerField()
    opened_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.reader}:{self.procon_id}:{self.company_id}"


class AtendimentoEntry(models.Model):
    """One atendimento of a Procon, as SINDEC counts them (public schema; no personal data):
    each Intake the counter registers (`do_index_intake`), and each complaint filed without one
    (a web filing: kind preliminary). A complaint's row is written by a database trigger on its
    index row (migration 0009) and keyed by `complaint_number`; when an Intake holds the
    complaint, `do_index_intake` takes that same row over (the Intake's number, kind and
    channel), so that a complaint is one atendimento whichever path opened it."""

    class Kind(models.TextChoices):
        GUIDANCE = "guidance", _("Guidance / enquiry")
        PRELIMINARY = "preliminary", _("Preliminary service (CIP)")
        DIRECT_COMPLAINT = "direct_complaint", _("Complaint opened directly")
        REFERRAL = "referral", _("Referral to another body")

    procon = models.ForeignKey("procons.Procon", on_delete=models.PROTECT, related_name="+")
    # The Intake's number; a web filing's own complaint number.
    number = models.CharField(max_length=40)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    channel = models.CharField(max_length=10)
    municipality = models.ForeignKey(
        "geo.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    consumer_sex = models.CharField(max_length=1, blank=True)
    age_band = models.CharField(max_length=8, blank=True)
    cep = models.CharField(max_length=5, blank=True)
    # The company named, if any (a guidance may name none); a company row removed (one known
    # only by name, merged into the registered one) leaves the count standing.
    company = models.ForeignKey(
        "companies.Company", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.TextField(blank=True)
    problem = models.TextField(blank=True)
    subject_code = models.CharField(max_length=8, blank=True)
    problem_code = models.CharField(max_length=8, blank=True)
    # Where a referral sent the consumer (the Intake's ReferralBody value).
    referral_body = models.CharField(max_length=20, blank=True)
    # The complaint the atendimento opened (null for guidance and referrals).
    complaint_number = models.CharField(max_length=40, null=True, blank=True)  # noqa: DJ001 (NULLs are distinct in the unique constraint)
    opened_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["procon", "number"], name="atendimento_unique_number"),
            # NULLs are distinct: only the atendimentos that opened a complaint are constrained.
            models.UniqueConstraint(
                fields=["procon", "complaint_number"], name="atendimento_unique_complaint"
            ),
        ]
        indexes = [
            models.Index(fields=["procon", "opened_at"], name="atendimento_procon_opened_idx"),
            models.Index(fields=["opened_at"], name="atendimento_opened_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.procon_id}:{self.number}"
