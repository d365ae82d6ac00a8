"""The catalogue's hierarchy, area → subject → problem: which problems the filing forms offer
under a subject, and the check every filing (web, API, counter) makes on the pair.

The relation is seeded from consumidor.gov.br's (Área, Assunto, Grupo Problema, Problema)
pairs (`data/consumidorgov_2014-2015_area_assunto_grupoproblema_problema.csv`) and curated by
the Procon's administrator on the catalogue pages. Fallback: a subject with no active related
problem (a subject the Procon added, or one the data never paired) offers every active problem,
so that no subject is a dead end.
"""

import csv
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tenants.catalogue.models import Problem, Subject
from tenants.catalogue.selectors import OFFERED, problem_list

DATA_DIR = Path(__file__).resolve().parent / "data"
SUBJECT_PROBLEM_CSV = DATA_DIR / "consumidorgov_2014-2015_area_assunto_grupoproblema_problema.csv"
PROBLEM_NOT_UNDER_SUBJECT = "problem_not_under_subject"


def seeded_pairs() -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """((area, subject), (group, problem)) as published, names case-folded."""
    with SUBJECT_PROBLEM_CSV.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)  # header
        return [
            (
                (area.strip().casefold(), subject.strip().casefold()),
                (group.strip().casefold(), problem.strip().casefold()),
            )
            for area, subject, group, problem, *_count in reader
        ]


def link_seeded_problems(subject_model: type, problem_model: type) -> int:
    """Relate the current schema's subjects to the problems the data records under them (rows
    added by the Procon are left as they are); returns how many links were added. Takes the
    models so that a data migration can pass its historical ones."""
    subjects = {
        (area.casefold(), name.casefold()): pk
        for pk, area, name in subject_model.objects.values_list("pk", "area__name", "name")
    }
    problems = {
        (group.casefold(), name.casefold()): pk
        for pk, group, name in problem_model.objects.values_list("pk", "group__name", "name")
    }
    through = subject_model.problems.through
    links = {
        (subjects[subject], problems[problem])
        for subject, problem in seeded_pairs()
        if subject in subjects and problem in problems
    }
    before = through.objects.count()
    through.objects.bulk_create(
        [through(subject_id=s, problem_id=p) for s, p in sorted(links)], ignore_conflicts=True
    )
    return through.objects.count() - before


def _related() -> dict[int, frozenset[int]]:
    """Subject id -> the ids of its active related problems, as this process remembers this
    schema's catalogue (forgotten with the rest of it on any change: selectors.OFFERED)."""

    def load() -> dict[int, frozenset[int]]:
        pairs: dict[int, set[int]] = {}
        rows = Subject.problems.through.objects.filter(problem__active=True)
        for subject_id, problem_id in rows.values_list("subject_id", "problem_id"):
            pairs.setdefault(subject_id, set()).add(problem_id)
        return {subject_id: frozenset(ids) for subject_id, ids in pairs.items()}

    return OFFERED.get((connection.schema_name, "catalogue:subject-problems"), load)


def problems_for(subject: Subject) -> QuerySet[Problem]:
    """The active problems offered under `subject`: its related ones, or every active problem
    when none of its related ones is active."""
    related = _related().get(subject.pk)
    return problem_list().filter(pk__in=related) if related else problem_list()


def problem_fits(subject: Subject, problem: Problem) -> bool:
    """Whether `problem` may be filed under `subject` (the rule of `problems_for`)."""
    related = _related().get(subject.pk)
    return not related or problem.pk in related


def check_subject_problem(subject: Subject, problem: Problem, *, field: str = "problem") -> None:
    """Refuse a problem that does not occur under the subject, the error on `field`: the one
    check of the pair for every form and API that files or reclassifies a case."""
    if not problem_fits(subject, problem):
        raise ValidationError(
            {
                field: ValidationError(
                    _(
                        "This problem does not belong to the chosen subject: choose one from its list."
                    ),
                    code=PROBLEM_NOT_UNDER_SUBJECT,
                )
            }
        )
