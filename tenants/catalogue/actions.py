"""Writes on the current schema's subject catalogue."""

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from shared.caseindex.actions import do_index_complaint
from tenants.catalogue.errors import CatalogueErrorCode
from tenants.catalogue.hierarchy import link_seeded_problems
from tenants.catalogue.merge import listed_duplicates, repoint_subject
from tenants.catalogue.models import Problem, ProblemGroup, PurchaseChannel, Subject, SubjectArea
from tenants.catalogue.selectors import OFFERED
from tenants.catalogue.sindec import apply_codes
from tenants.complaints.models import Complaint

DATA_DIR = Path(__file__).resolve().parent / "data"
AREA_SUBJECT_CSV = DATA_DIR / "consumidorgov_2014-2015_area_assunto.csv"
GROUP_PROBLEM_CSV = DATA_DIR / "consumidorgov_2014-2015_grupoproblema_problema.csv"
OTHER_DOMAINS_CSV = DATA_DIR / "consumidorgov_2014-2015_outros_dominios.csv"
PURCHASE_CHANNEL_COLUMN = "Como Comprou Contratou"
POSITION_STEP = 10


@dataclass(frozen=True)
class SeedResult:
    subjects_added: int
    problems_added: int
    purchase_channels_added: int


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)  # header
        for row in reader:
            if row:
                yield [value.strip() for value in row]


def _pairs(
    path: Path, *, leave_out: frozenset[tuple[str, str]] = frozenset()
) -> list[tuple[str, str]]:
    """(parent, child) pairs in file order; names that differ only in case are one name (the
    first spelling wins), as the published data spells one area two ways. Pairs in `leave_out`
    (case-folded) are skipped."""
    parents: dict[str, str] = {}
    seen: set[tuple[str, str]] = set(leave_out)
    pairs = []
    for parent, child, *_count in _rows(path):
        parent = parents.setdefault(parent.casefold(), parent)
        key = (parent.casefold(), child.casefold())
        if key not in seen:
            seen.add(key)
            pairs.append((parent, child))
    return pairs


def _seed_tree(
    pairs: list[tuple[str, str]],
    parent_model: type[SubjectArea] | type[ProblemGroup],
    child_model: type[Subject] | type[Problem],
    parent_field: str,
) -> int:
    parent_model.objects.bulk_create(
        [parent_model(name=name) for name in dict.fromkeys(p for p, _c in pairs)],
        ignore_conflicts=True,
    )
    parent_ids = {
        name.casefold(): pk for pk, name in parent_model.objects.values_list("pk", "name")
    }
    before = child_model.objects.count()
    child_model.objects.bulk_create(
        [
            child_model(
                **{f"{parent_field}_id": parent_ids[parent.casefold()]},
                name=child,
                position=index * POSITION_STEP,
            )
            for index, (parent, child) in enumerate(pairs)
        ],
        ignore_conflicts=True,
    )
    return child_model.objects.count() - before


def do_seed_catalogue() -> SeedResult:
    """Load consumidor.gov.br's subjects, problems and purchase channels into the current
    schema, the problems related to the subjects they occur under, with their SINDEC codes (tenants/catalogue/sindec.py). Idempotent: only missing
    entries are added; the Procon's own changes (deactivated or added entries) are kept."""
    with transaction.atomic():
        # A duplicate subject the data has is never created (tenants/catalogue/merge.py).
        subjects = _seed_tree(
            _pairs(AREA_SUBJECT_CSV, leave_out=frozenset(listed_duplicates())),
            SubjectArea,
            Subject,
            "area",
        )
        problems = _seed_tree(_pairs(GROUP_PROBLEM_CSV), ProblemGroup, Problem, "group")
        channels = [
            value
            for column, value, *_n in _rows(OTHER_DOMAINS_CSV)
            if column == PURCHASE_CHANNEL_COLUMN
        ]
        before = PurchaseChannel.objects.count()
        PurchaseChannel.objects.bulk_create(
            [
                PurchaseChannel(name=name, position=index * POSITION_STEP)
                for index, name in enumerate(channels)
            ],
            ignore_conflicts=True,
        )
        added_channels = PurchaseChannel.objects.count() - before
        apply_codes(Subject, Problem)
        link_seeded_problems(Subject, Problem)
        OFFERED.changed()  # bulk writes send no signal
    return SeedResult(subjects, problems, added_channels)


def _duplicate(field_label: str) -> ValidationError:
    return ValidationError(
        {
            "name": ValidationError(
                _("%(what)s with this name already exists here.") % {"what": field_label},
                code=CatalogueErrorCode.DUPLICATE_NAME,
            )
        }
    )


def _add_entry[E: Subject | Problem](
    model: type[E], *, within: str, parent: SubjectArea | ProblemGroup, name: str, what: str
) -> E:
    """Append the entry at the end of its area or group; `what` names it in the refusal."""
    name = name.strip()
    with transaction.atomic():
        type(parent).objects.select_for_update().get(pk=parent.pk)
        siblings = model.objects.filter(**{within: parent})
        if siblings.filter(name__iexact=name).exists():
            raise _duplicate(what)
        last = siblings.aggregate(last=Max("position"))["last"]
        entry = model(**{within: parent}, name=name, position=(last or 0) + POSITION_STEP)
        entry.full_clean()
        entry.save()
    return entry


def do_add_subject(*, area: SubjectArea, name: str) -> Subject:
    return _add_entry(Subject, within="area", parent=area, name=name, what=_("A subject"))


def do_add_problem(*, group: ProblemGroup, name: str) -> Problem:
    return _add_entry(Problem, within="group", parent=group, name=name, what=_("A problem"))


def _set_active[E: Subject | Problem](entry: E, active: bool) -> E:
    """An inactive entry stays on existing complaints but is no longer offered."""
    with transaction.atomic():
        entry = type(entry).objects.select_for_update().get(pk=entry.pk)
        entry.active = active
        entry.save(update_fields=["active"])
    return entry


def do_set_subject_active(subject: Subject, *, active: bool) -> Subject:
    return _set_active(subject, active)


def do_set_problem_active(problem: Problem, *, active: bool) -> Problem:
    return _set_active(problem, active)


def do_set_subject_problems(subject: Subject, *, problems: list[Problem]) -> Subject:
    """The problems offered under `subject` (none: every problem is offered)."""
    with transaction.atomic():
        subject = Subject.objects.select_for_update().get(pk=subject.pk)
        subject.problems.set(problems)
        OFFERED.changed()
    return subject


def do_merge_subject(duplicate: Subject, *, into: Subject) -> Subject:
    """Merge `duplicate` into `into`: complaints (and any other rows) re-pointed, their index rows
    rewritten, `into` offered with the duplicate's problems too, the duplicate removed."""
    if duplicate.pk == into.pk:
        raise ValidationError(
            {
                "into": ValidationError(
                    _("Choose another subject to merge into."), code=CatalogueErrorCode.SAME_SUBJECT
                )
            }
        )
    with transaction.atomic():
        # Both rows locked in id order, so two opposite merges cannot deadlock.
        rows = {
            s.pk: s
            for s in Subject.objects.select_for_update()
            .filter(pk__in=[duplicate.pk, into.pk])
            .order_by("pk")
        }
        if len(rows) < 2:
            raise ValidationError({"into": _("This subject no longer exists.")})
        duplicate, into = rows[duplicate.pk], rows[into.pk]
        moved = repoint_subject(Subject, duplicate, into)
        complaint_ids = moved.get(Complaint._meta.label, [])
        for complaint in Complaint.objects.filter(pk__in=complaint_ids).select_related(
            "subject__area", "problem__group", "purchase_channel"
        ):
            do_index_complaint(complaint)
        OFFERED.changed()
    return into
