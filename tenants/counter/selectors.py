"""Reads of the counter: the atendimentos staff list and search, the consumer's own, and one
atendimento for whoever may see it (`access_intake`: 404 alike for absent and not yours)."""

from datetime import date

from django.db import connection
from django.db.models import Q, QuerySet
from rest_framework.exceptions import NotFound

from shared.accounts.models import User
from shared.accounts.selectors import staff_roles
from shared.documents import normalize_cpf
from tenants.complaints.lifecycle import ATTENDING
from tenants.counter.models import Intake

RELATED = ("consumer", "attendant", "complaint", "company")


def is_attending(user: User) -> bool:
    """The user registers atendimentos at this Procon (attendant or administrator)."""
    return bool(staff_roles(user=user, procon=connection.tenant) & set(ATTENDING))


def intake_list(*, day: date | None = None, query: str = "", kind: str = "") -> QuerySet[Intake]:
    """This Procon's atendimentos, newest first: of one day, or matching a number or a CPF."""
    intakes = Intake.objects.select_related(*RELATED)
    if day is not None:
        intakes = intakes.filter(created_at__date=day)
    if kind:
        intakes = intakes.filter(kind=kind)
    query = query.strip()
    if query:
        digits = normalize_cpf(query)
        match = Q(number__iexact=query) | Q(complaint__number__iexact=query)
        if len(digits) == 11 and not any(c.isalpha() for c in query):
            match |= Q(consumer__cpf=digits)
        intakes = intakes.filter(match)
    return intakes


def consumer_intake_list(*, viewer: User) -> QuerySet[Intake]:
    return Intake.objects.select_related(*RELATED).filter(consumer=viewer)


def access_intake(*, viewer: User, number: str) -> Intake:
    """The atendimento, for this Procon's attendants and administrators and for its own
    consumer; NotFound for anyone else and for a number that does not exist."""
    if not viewer.is_authenticated:
        raise NotFound
    intake = Intake.objects.select_related(*RELATED).filter(number=number).first()
    if intake is None:
        raise NotFound
    if intake.consumer_id == viewer.pk or is_attending(viewer):
        return intake
    raise NotFound
