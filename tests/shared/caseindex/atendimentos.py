"""Atendimentos made for the figures' tests: an Intake of the current tenant written directly
(the counter's pages are tested with the counter) and indexed as the counter indexes it."""

from datetime import date

from django.utils import timezone
from django_tenants.utils import tenant_context

from shared.caseindex.actions import do_index_intake
from tenants.catalogue.models import Problem, Subject
from tenants.complaints.models import Complaint
from tenants.counter.models import Intake, IntakeKind
from tests.factories import ConsumerFactory, UserFactory
from tests.tenants.complaints.factories import file_complaint

_numbers = iter(range(1, 1_000_000))

# The kinds of the known sets the registry's and the supervisor's figures are tested against: in
# Santos 3 guidance, 2 referrals, 4 preliminary services and 1 direct complaint; 1 guidance in
# Campinas.
KNOWN_SET_BY_KIND = {"guidance": 4, "preliminary": 4, "direct_complaint": 1, "referral": 2}


def procon_totals(figures: dict) -> list[tuple[str, int]]:
    """(slug, total) of each Procon in a state-wide answer of the figures' API, in its order."""
    return [(row["slug"], row["total"]) for row in figures["procons"]]


def register_intake(
    kind: str,
    *,
    channel: str = "counter",
    complaint: Complaint | None = None,
    company=None,
    cep: str = "",
    sex: str = "",
    birth_date: date | None = None,
    municipality_id: int | None = None,
    referral_body: str = "",
) -> Intake:
    """An atendimento of `kind` registered now in the current tenant, and its index row."""
    intake = Intake.objects.create(
        number=f"AT-{timezone.localdate().year}-{next(_numbers):06d}",
        kind=kind,
        channel=channel,
        consumer=complaint.consumer if complaint else ConsumerFactory(),
        attendant=UserFactory(),
        summary="Consumidor pediu orientação sobre troca de produto.",
        company=company if company is not None else (complaint.company if complaint else None),
        subject=complaint.subject if complaint else Subject.objects.filter(active=True).first(),
        problem=complaint.problem if complaint else Problem.objects.filter(active=True).first(),
        referral_body=referral_body or ("anatel" if kind == IntakeKind.REFERRAL else ""),
        complaint=complaint,
        consumer_cep=cep,
        consumer_sex=sex,
        consumer_birth_date=birth_date,
        consumer_municipality_id=municipality_id,
    )
    do_index_intake(intake)
    return intake


def register_known_set(
    procon, other_procon, company, *, web_consumer: dict[str, object], campinas_channel: str
) -> None:
    """The atendimentos of KNOWN_SET_BY_KIND: in Santos 2 guidance at the counter for women born
    in 1990 and 1 by phone, 2 referrals, a complaint filed on the web by a consumer with
    `web_consumer`'s data, 3 preliminary services and 1 direct complaint at the counter; in
    Campinas 1 guidance by `campinas_channel`."""
    with tenant_context(procon):
        for _ in range(2):
            register_intake(IntakeKind.GUIDANCE, sex="F", birth_date=date(1990, 1, 1))
        register_intake(IntakeKind.GUIDANCE, channel="phone")
        register_intake(IntakeKind.REFERRAL)
        register_intake(IntakeKind.REFERRAL)
        file_complaint(company=company, **web_consumer)
        for _ in range(3):
            complaint = file_complaint(company=company, channel="counter")
            register_intake(IntakeKind.PRELIMINARY, complaint=complaint)
        complaint = file_complaint(company=company, channel="counter")
        register_intake(IntakeKind.DIRECT_COMPLAINT, complaint=complaint)
    with tenant_context(other_procon):
        register_intake(IntakeKind.GUIDANCE, channel=campinas_channel)
