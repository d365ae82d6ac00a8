"""Atendimentos made for the figures' tests: an Intake of the current tenant written directly
(the counter's pages are tested with the counter) and indexed as the counter indexes it."""

from datetime import date

from django.utils import timezone

from shared.caseindex.actions import do_index_intake
from tenants.catalogue.models import Problem, Subject
from tenants.complaints.models import Complaint
from tenants.counter.models import Intake, IntakeKind
from tests.factories import ConsumerFactory, UserFactory

_numbers = iter(range(1, 1_000_000))


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
