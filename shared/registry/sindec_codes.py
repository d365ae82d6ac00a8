"""SINDEC's subject and problem codes for the SINDEC export, from SINDEC's own published lists
(data/SOURCE.md): a subject written as SINDEC writes it gets its CodigoAssunto, and a problem its
CodigoProblema within that subject's group (the same text carries one code per group)."""

import csv
import functools
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SUBJECTS_CSV = DATA / "sindec_cnrf_assuntos_2017-2019.csv"
PAIRS_CSV = DATA / "sindec_cnrf_assunto_problema_pares_2017-2019.csv"


def text_key(text: str) -> str:
    """SINDEC's texts compared as SINDEC's files spell them: case and spacing aside."""
    return " ".join((text or "").split()).casefold()


def csv_rows(path: Path) -> list[dict[str, str]]:
    """The rows of one of the SINDEC data files (`;`-separated, with a header)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@functools.cache
def _tables() -> tuple[dict[str, str], dict[tuple[str, str], str], dict[str, str]]:
    # SINDEC spells a few subjects alike under two codes: the more used code is taken.
    by_text: dict[str, Counter[str]] = {}
    for row in csv_rows(SUBJECTS_CSV):
        by_text.setdefault(text_key(row["DescricaoAssunto"]), Counter())[row["CodigoAssunto"]] += (
            int(row["n_total"] or 0)
        )
    subjects = {key: codes.most_common(1)[0][0] for key, codes in by_text.items()}
    in_subject: dict[tuple[str, str], Counter[str]] = {}
    anywhere: dict[str, Counter[str]] = {}
    for row in csv_rows(PAIRS_CSV):
        count = int(row["n_total"] or 0)
        problem = text_key(row["DescricaoProblema"])
        in_subject.setdefault((row["CodigoAssunto"], problem), Counter())[
            row["CodigoProblema"]
        ] += count
        anywhere.setdefault(problem, Counter())[row["CodigoProblema"]] += count
    return (
        subjects,
        {key: codes.most_common(1)[0][0] for key, codes in in_subject.items()},
        {key: codes.most_common(1)[0][0] for key, codes in anywhere.items()},
    )


def subject_code(subject: str) -> str:
    return _tables()[0].get(text_key(subject), "")


def problem_code(*, subject: str, problem: str) -> str:
    """The problem's code in the subject's group; without a coded subject, its most used code."""
    _subjects, in_subject, anywhere = _tables()
    code = subject_code(subject)
    if code and (code, text_key(problem)) in in_subject:
        return in_subject[(code, text_key(problem))]
    return anywhere.get(text_key(problem), "")
