"""SINDEC's codes for the catalogue's consumidor.gov.br subjects and problems (docs/open-data.md,
"SINDEC codes"), read from data committed in the project:

- `data/sindec_crosswalk_subjects.csv`: each catalogue subject (Área;Assunto) and the SINDEC
  subject (CodigoAssunto) closest to it, `exact` when the texts are equal, else `curated`;
- `data/sindec_crosswalk_problems.csv`: each catalogue problem and the SINDEC problem texts that
  say the same thing, in order of preference (SINDEC words a problem differently per group);
- SINDEC's own subject-problem pairs (`shared/registry/data`), from which the groups and the
  problem codes come.

SINDEC gives a problem one code per subject (e.g. "Produto com vício" is 2,488 under subject 87
and 2,502 under subject 101) and words its problems per group of subjects. The groups are
derived from the pairs: two subjects are in one group when, for at least two problem texts,
their codes run in sequence (the later subject's code is after the earlier one's by no more
than the distance between the subjects' codes, and by at most `MAX_STEP`), the way SINDEC
numbers one problem across the subjects of a group. Codes that SINDEC's tables give to more
than one subject or text are left out as noise. The components of two or more subjects are the
groups' cores; a core lying within another's code span joins it, and every other subject joins
the nearest core that starts at or before its code (SINDEC numbers its subjects by group), or
the first core.
"""

import functools
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path

from shared.registry.sindec_codes import PAIRS_CSV, SUBJECTS_CSV, csv_rows, text_key

DATA = Path(__file__).resolve().parent / "data"
SUBJECT_CROSSWALK_CSV = DATA / "sindec_crosswalk_subjects.csv"
PROBLEM_CROSSWALK_CSV = DATA / "sindec_crosswalk_problems.csv"
MAX_STEP = 40
MIN_SUPPORT = 2
NO_CODE = {"", "NULL", "0"}
# The name SINDEC gives each group, by the lowest subject code of its core.
GROUP_NAMES = {
    "2": "Alimentos",
    "53": "Assuntos Financeiros",
    "80": "Habitação",
    "87": "Produtos",
    "156": "Serviços Essenciais",
    "199": "Saúde",
    "233": "Serviços Privados",
}


@functools.cache
def _pairs() -> list[dict[str, str]]:
    return [
        row
        for row in csv_rows(PAIRS_CSV)
        if row["CodigoAssunto"] not in NO_CODE and row["CodigoProblema"] not in NO_CODE
    ]


@functools.cache
def subject_groups() -> dict[str, str]:
    """SINDEC subject code -> the name of its group."""
    subjects = sorted({row["CodigoAssunto"] for row in csv_rows(SUBJECTS_CSV)} - NO_CODE, key=int)
    pairs = _pairs()
    code_subjects: dict[str, set[str]] = defaultdict(set)
    code_texts: dict[str, set[str]] = defaultdict(set)
    per_subject_text = Counter((row["CodigoAssunto"], row["DescricaoProblema"]) for row in pairs)
    for row in pairs:
        code_subjects[row["CodigoProblema"]].add(row["CodigoAssunto"])
        code_texts[row["CodigoProblema"]].add(row["DescricaoProblema"])
    by_text: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in pairs:
        code = row["CodigoProblema"]
        if (
            len(code_subjects[code]) == 1
            and len(code_texts[code]) == 1
            and per_subject_text[(row["CodigoAssunto"], row["DescricaoProblema"])] == 1
        ):
            by_text[row["DescricaoProblema"]].append((int(row["CodigoAssunto"]), int(code)))
    support: dict[tuple[int, int], set[str]] = defaultdict(set)
    for text, runs in by_text.items():
        runs.sort()
        for (s1, c1), (s2, c2) in pairwise(runs):
            if 0 < c2 - c1 <= min(s2 - s1, MAX_STEP):
                support[(s1, s2)].add(text)
    parent = {int(s): int(s) for s in subjects}

    def find(node: int) -> int:
        while parent[node] != node:
            node = parent[node]
        return node

    for (s1, s2), texts in support.items():
        if len(texts) >= MIN_SUPPORT:
            parent[find(s2)] = find(s1)
    components: dict[int, list[int]] = defaultdict(list)
    for subject in parent:
        components[find(subject)].append(subject)
    cores = sorted(
        (min(members), max(members), members)
        for members in components.values()
        if len(members) >= 2
    )
    # A small core (two subjects) inside a larger core's span joins the narrowest such core.
    large = [core for core in cores if len(core[2]) > MIN_SUPPORT]
    merged = [(low, high, list(members)) for low, high, members in large]
    for low, high, members in cores:
        if len(members) > MIN_SUPPORT:
            continue
        around = [core for core in merged if core[0] <= low and high <= core[1]]
        if around:
            min(around, key=lambda core: core[1] - core[0])[2].extend(members)
        else:
            merged.append((low, high, list(members)))
    merged.sort()
    groups: dict[str, str] = {}
    for subject in parent:
        owner = merged[0]
        for core in merged:
            if subject in core[2]:
                owner = core
                break
            if core[0] <= subject:
                owner = core
        groups[str(subject)] = GROUP_NAMES.get(str(owner[0]), str(owner[0]))
    return groups


def _crosswalk_subjects() -> dict[tuple[str, str], str]:
    return {
        (text_key(row["Área"]), text_key(row["Assunto"])): row["CodigoAssunto"]
        for row in csv_rows(SUBJECT_CROSSWALK_CSV)
    }


def _crosswalk_problems() -> dict[tuple[str, str], list[str]]:
    texts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in csv_rows(PROBLEM_CROSSWALK_CSV):
        texts[(text_key(row["Grupo Problema"]), text_key(row["Problema"]))].append(
            row["DescricaoProblema"]
        )
    return dict(texts)


@functools.cache
def _codes() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """(subject code, problem text) -> the problem's code under that subject, and (group,
    problem text) -> its most used code in the group (for a pair SINDEC never recorded)."""
    groups = subject_groups()
    in_subject: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    in_group: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in _pairs():
        count = int(row["n_total"] or 0) + 1
        text = text_key(row["DescricaoProblema"])
        in_subject[(row["CodigoAssunto"], text)][row["CodigoProblema"]] += count
        group = groups.get(row["CodigoAssunto"], "")
        in_group[(group, text)][row["CodigoProblema"]] += count
    best = {key: codes.most_common(1)[0][0] for key, codes in in_subject.items()}
    return best, {key: codes.most_common(1)[0][0] for key, codes in in_group.items()}


def problem_code_for(*, subject_code: str, texts: list[str]) -> str:
    """The code of the first of `texts` SINDEC records under the subject; else the most used
    code of the first of them recorded in the subject's group; else empty."""
    in_subject, in_group = _codes()
    for text in texts:
        if (subject_code, text_key(text)) in in_subject:
            return in_subject[(subject_code, text_key(text))]
    group = subject_groups().get(subject_code, "")
    for text in texts:
        if (group, text_key(text)) in in_group:
            return in_group[(group, text_key(text))]
    return ""


def apply_codes(subject_model: type, problem_model: type) -> None:
    """Fill the SINDEC codes of the current schema's catalogue rows that the crosswalks name
    (a subject or problem the Procon added itself keeps empty codes). Takes the models so that
    a data migration can pass its historical ones."""
    subjects = _crosswalk_subjects()
    groups = subject_groups()
    coded = []
    for subject in subject_model.objects.select_related("area"):
        code = subjects.get((text_key(subject.area.name), text_key(subject.name)), "")
        if code and (subject.sindec_code, subject.sindec_group) != (code, groups.get(code, "")):
            subject.sindec_code, subject.sindec_group = code, groups.get(code, "")
            coded.append(subject)
    subject_model.objects.bulk_update(coded, ["sindec_code", "sindec_group"])
    subject_codes = sorted(set(subjects.values()), key=int)
    problems = _crosswalk_problems()
    coded = []
    for problem in problem_model.objects.select_related("group"):
        texts = problems.get((text_key(problem.group.name), text_key(problem.name)))
        if not texts:
            continue
        codes = {
            code: found
            for code in subject_codes
            if (found := problem_code_for(subject_code=code, texts=texts))
        }
        if problem.sindec_codes != codes:
            problem.sindec_codes = codes
            coded.append(problem)
    problem_model.objects.bulk_update(coded, ["sindec_codes"])
