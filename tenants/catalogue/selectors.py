"""Reads of the current schema's subject catalogue."""

import copy

from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from kernel.process_cache import ProcessCache
from kernel.selectors import first_or_not_found
from tenants.catalogue.models import Problem, ProblemGroup, PurchaseChannel, Subject, SubjectArea

# Every filing looks up its subject, problem and purchase channel: each process remembers each
# schema's active rows, forgotten everywhere when any row of the catalogue changes.
OFFERED = ProcessCache("catalogue:offered", alias_setting="PROCESS_CACHE_ALIAS")
for _model in (SubjectArea, Subject, ProblemGroup, Problem, PurchaseChannel):
    post_save.connect(OFFERED.changed, sender=_model, weak=False)
    post_delete.connect(OFFERED.changed, sender=_model, weak=False)
m2m_changed.connect(OFFERED.changed, sender=Subject.problems.through, weak=False)


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


def offered(model: type[Model], pk: int) -> Model | None:
    """The active `model` row (Subject, Problem or PurchaseChannel) of this schema with that id,
    as `subject_list()` and its siblings load it (a copy), or None."""
    lists = {Subject: subject_list, Problem: problem_list, PurchaseChannel: purchase_channel_list}
    rows = OFFERED.get(
        (connection.schema_name, model._meta.label),
        lambda: {row.pk: row for row in lists[model]()},
    )
    row = rows.get(pk)
    return None if row is None else copy.copy(row)
