"""Reads of the current schema's subject catalogue."""

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound

from tenants.catalogue.models import Problem, ProblemGroup, PurchaseChannel, Subject, SubjectArea


def subject_list(*, active_only: bool = True) -> QuerySet[Subject]:
    subjects = Subject.objects.select_related("area").order_by("area__name", "position", "name")
    return subjects.filter(active=True) if active_only else subjects


def problem_list(*, active_only: bool = True) -> QuerySet[Problem]:
    problems = Problem.objects.select_related("group").order_by("group__name", "position", "name")
    return problems.filter(active=True) if active_only else problems


def purchase_channel_list(*, active_only: bool = True) -> QuerySet[PurchaseChannel]:
    channels = PurchaseChannel.objects.order_by("position", "name")
    return channels.filter(active=True) if active_only else channels


def subject_area_list() -> QuerySet[SubjectArea]:
    return SubjectArea.objects.order_by("name")


def problem_group_list() -> QuerySet[ProblemGroup]:
    return ProblemGroup.objects.order_by("name")


def access_subject(*, subject_id: int) -> Subject:
    subject = Subject.objects.filter(pk=subject_id).first()
    if subject is None:
        raise NotFound()
    return subject


def access_problem(*, problem_id: int) -> Problem:
    problem = Problem.objects.filter(pk=problem_id).first()
    if problem is None:
        raise NotFound()
    return problem
