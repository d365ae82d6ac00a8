"""Reads of the current schema's subject catalogue."""

from django.db.models import QuerySet

from kernel.selectors import first_or_not_found
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
    return first_or_not_found(Subject.objects.filter(pk=subject_id))


def access_problem(*, problem_id: int) -> Problem:
    return first_or_not_found(Problem.objects.filter(pk=problem_id))
