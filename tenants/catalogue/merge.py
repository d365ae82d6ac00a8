"""Duplicate subjects, and merging one into another: every row that points to the duplicate
(complaints, and any other app's rows) is re-pointed to the subject kept, the kept one gains the
duplicate's problems, and the duplicate is removed.

Duplicates are found two ways: names equal once case, accents, punctuation and spaces are set
aside, within an area (`duplicate_subjects`); and the ones consumidor.gov.br's data really has,
listed with their reason in `data/subject_merges.csv` (one subject published in two areas, or
worded two ways). Seeding never creates a listed duplicate; migration 0005 merges the ones an
older schema holds.
"""

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from django.db.models import Model

DATA_DIR = Path(__file__).resolve().parent / "data"
SUBJECT_MERGES_CSV = DATA_DIR / "subject_merges.csv"

Key = tuple[str, str]


def name_key(text: str) -> str:
    """A name without case, accents, punctuation or repeated spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def listed_merges() -> list[tuple[Key, Key]]:
    """((area, subject) of the duplicate, (area, subject) kept), names case-folded."""
    with SUBJECT_MERGES_CSV.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)  # header
        return [
            ((area.casefold(), subject.casefold()), (kept_area.casefold(), kept.casefold()))
            for area, subject, kept_area, kept, *_reason in reader
        ]


def listed_duplicates() -> set[Key]:
    return {duplicate for duplicate, _kept in listed_merges()}


def duplicate_subjects(subjects: list) -> list[tuple[object, list]]:
    """Subjects (rows with `pk`, `name`, `area_id`) whose names are equal within their area once
    normalised: (the one to keep, the others), the oldest row kept."""
    groups: dict[tuple[int, str], list] = defaultdict(list)
    for subject in sorted(subjects, key=lambda s: s.pk):
        groups[(subject.area_id, name_key(subject.name))].append(subject)
    return [(rows[0], rows[1:]) for rows in groups.values() if len(rows) > 1]


def repoint_subject(subject_model: type[Model], duplicate: Model, into: Model) -> dict[str, list]:
    """Re-point every row of every model that refers to `duplicate` to `into`, give `into` the
    duplicate's problems and delete the duplicate; returns {model label: ids re-pointed}. Takes
    the model so that a data migration can pass its historical one."""
    through = subject_model.problems.through
    moved: dict[str, list] = {}
    for relation in subject_model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue
        if not (relation.one_to_many or relation.one_to_one):
            continue
        model = relation.related_model
        if model is through:
            continue
        rows = model._base_manager.filter(**{relation.field.name: duplicate})
        ids = list(rows.values_list("pk", flat=True))
        if ids:
            model._base_manager.filter(pk__in=ids).update(**{relation.field.name: into})
            moved[model._meta.label] = ids
    problem_ids = set(
        through.objects.filter(subject_id=duplicate.pk).values_list("problem_id", flat=True)
    )
    through.objects.bulk_create(
        [through(subject_id=into.pk, problem_id=pk) for pk in sorted(problem_ids)],
        ignore_conflicts=True,
    )
    through.objects.filter(subject_id=duplicate.pk).delete()
    duplicate.delete()
    return moved


def merge_listed(subject_model: type[Model]) -> list[tuple[Model, Model, dict[str, list]]]:
    """Merge the listed duplicates the current schema holds (and those its names make equal
    within an area); (duplicate, kept, moved) for each merge made."""
    rows = {
        (subject.area.name.casefold(), subject.name.casefold()): subject
        for subject in subject_model.objects.select_related("area")
    }
    merges = []
    for duplicate_key, kept_key in listed_merges():
        duplicate, kept = rows.get(duplicate_key), rows.get(kept_key)
        if duplicate is not None and kept is not None and duplicate.pk != kept.pk:
            merges.append((duplicate, kept))
            rows.pop(duplicate_key)
    for kept, others in duplicate_subjects(list(rows.values())):
        merges.extend((other, kept) for other in others)
    done = []
    for duplicate, kept in merges:
        # Captured before the delete clears the duplicate's primary key.
        label = (duplicate.pk, duplicate.name, duplicate.area.name)
        moved = repoint_subject(subject_model, duplicate, kept)
        done.append((label, kept, moved))
    # An area left without subjects (all of Habitação's were duplicates) goes too, as a schema
    # seeded afterwards never has it.
    emptied = {duplicate.area_id for duplicate, _kept in merges}
    area_model = subject_model._meta.get_field("area").related_model
    area_model.objects.filter(pk__in=emptied, subjects__isnull=True).delete()
    return done
