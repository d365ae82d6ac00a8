"""Suggest the subject and problem of a new complaint from the cases already decided.

What is known when a complaint arrives: the company named, its market segment, how the consumer
bought (the purchase channel) and, on the platform, the facts text. The subject is estimated
from the company's own history under that channel, backing off to the company's whole history,
then its segment's, then the whole Procon's, each level smoothed towards the next (a
hierarchical Dirichlet estimate: `(count + strength × next level) / (total + strength)`), the
last towards a uniform share over every subject seen. The problem is estimated the same way given
a subject (the company's cases of that subject, the segment's, every case of that subject, every
case); before the attendant picks a subject the problems are ranked by their share summed over
the likeliest subjects. The facts text, when a scorer is given, mixes in the subjects and
problems of the most similar decided cases (`text.py`). docs/triage.md has the method and its
measure on consumidor.gov.br's open data.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from shared.triage.text import SimilarCase, TextScorer, plain


@dataclass(frozen=True, slots=True)
class DecidedCase:
    """One decided case as the suggestion sees it; names are compared without case or accents."""

    company: str
    subject: str
    problem: str
    segment: str = ""
    channel: str = ""  # how the consumer bought ("Como Comprou Contratou")
    city: str = ""
    outcome: str = ""  # the company's answer as decided: resolved, not resolved, not answered...
    case_id: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class NewComplaint:
    company: str
    segment: str = ""  # empty: the segment most of the company's decided cases carry
    channel: str = ""
    city: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class Ranked:
    label: str
    score: float  # the estimated share, 0 to 1


@dataclass(frozen=True, slots=True)
class Suggestion:
    subjects: list[Ranked]
    problems: list[Ranked]
    basis: str  # the narrowest level that had cases: "company", "segment", "procon" or "none"
    similar: list[SimilarCase] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class UsualOutcome:
    outcome: str
    share: float
    cases: int


@dataclass(frozen=True, slots=True)
class Smoothing:
    """How many cases of the next level one level's history is worth: the smaller, the sooner
    a company's own history outweighs its segment's."""

    channel: float = 4.0  # the company's cases under this purchase channel vs all its cases
    company: float = 2.0  # the company vs its segment
    segment: float = 4.0  # the segment vs the whole Procon
    procon: float = 1.0  # the whole Procon vs a uniform share over every label seen
    problem_company: float = 2.0  # the company's cases of a subject vs the segment's
    problem_segment: float = 4.0  # the segment's cases of a subject vs every case of it
    problem_subject: float = 1.0  # every case of a subject vs every case
    subjects_mixed: int = 5  # the likeliest subjects whose problems are summed before a pick
    text_weight: float = (
        0.5  # the similar cases' share of the estimate when a text scorer finds any
    )
    text_cases: int = 20  # how many similar cases that share is taken from


Chain = list[Counter[str]]


def _estimate(chain: Chain, strengths: Sequence[float], labels: Iterable[str]) -> dict[str, float]:
    """The smoothed share of each label: the first counter backed off to the next, the last to
    a uniform share over `labels`. Levels without cases pass the next level's estimate through."""
    candidates = list(labels)
    if not candidates:
        return {}
    estimate = {label: 1.0 / len(candidates) for label in candidates}
    for counts, strength in zip(reversed(chain), reversed(strengths), strict=True):
        total = sum(counts.values())
        if total:
            estimate = {
                label: (counts.get(label, 0) + strength * share) / (total + strength)
                for label, share in estimate.items()
            }
    return estimate


def _top(shares: dict[str, float], k: int) -> list[Ranked]:
    ordered = sorted(shares.items(), key=lambda item: (-item[1], item[0]))
    return [Ranked(label, round(score, 6)) for label, score in ordered[:k] if score > 0]


class CaseHistory:
    """Counts of the decided cases by company, segment, channel, subject and problem. Built once
    from rows (or aggregated rows, through `count`) and kept current with `add`."""

    def __init__(self, cases: Iterable[DecidedCase] = (), *, smoothing: Smoothing | None = None):
        self.smoothing = smoothing or Smoothing()
        self.cases = 0
        self.subjects: Counter[str] = Counter()
        self.problems: Counter[str] = Counter()
        self.by_company: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.by_company_channel: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.by_segment: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.problems_by_subject: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.problems_by_company: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.problems_by_segment: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.segments_of_company: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.outcomes_of_company: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for case in cases:
            self.add(case)

    def add(self, case: DecidedCase, *, count: int = 1) -> None:
        company, segment, channel = plain(case.company), plain(case.segment), plain(case.channel)
        subject, problem = case.subject, case.problem
        self.cases += count
        self.subjects[subject] += count
        self.problems[problem] += count
        self.by_company[company][subject] += count
        self.by_company_channel[company, channel][subject] += count
        self.problems_by_subject[subject][problem] += count
        self.problems_by_company[company, subject][problem] += count
        if segment:
            self.by_segment[segment][subject] += count
            self.problems_by_segment[segment, subject][problem] += count
            self.segments_of_company[company][segment] += count
        if case.outcome:
            self.outcomes_of_company[company][case.outcome] += count

    def company_cases(self, company: str) -> int:
        return sum(self.by_company.get(plain(company), Counter()).values())

    def segment_of(self, company: str) -> str:
        segments = self.segments_of_company.get(plain(company))
        return min(segments, key=lambda name: (-segments[name], name)) if segments else ""

    def _segment(self, complaint: NewComplaint) -> str:
        return plain(complaint.segment) or self.segment_of(complaint.company)

    def subject_shares(self, complaint: NewComplaint) -> dict[str, float]:
        company, channel = plain(complaint.company), plain(complaint.channel)
        s = self.smoothing
        chain: Chain = [
            self.by_company_channel.get((company, channel), Counter()) if channel else Counter(),
            self.by_company.get(company, Counter()),
            self.by_segment.get(self._segment(complaint), Counter()),
            self.subjects,
        ]
        return _estimate(chain, [s.channel, s.company, s.segment, s.procon], self.subjects)

    def problem_shares(self, complaint: NewComplaint, subject: str) -> dict[str, float]:
        company, segment = plain(complaint.company), self._segment(complaint)
        s = self.smoothing
        chain: Chain = [
            self.problems_by_company.get((company, subject), Counter()),
            self.problems_by_segment.get((segment, subject), Counter()),
            self.problems_by_subject.get(subject, Counter()),
            self.problems,
        ]
        strengths = [s.problem_company, s.problem_segment, s.problem_subject, s.procon]
        return _estimate(chain, strengths, self.problems)

    def basis(self, complaint: NewComplaint) -> str:
        if self.company_cases(complaint.company):
            return "company"
        if self.by_segment.get(self._segment(complaint)):
            return "segment"
        return "procon" if self.cases else "none"

    def usual_outcome(self, company: str, *, min_cases: int = 1) -> UsualOutcome | None:
        """The commonest outcome of the company's decided cases (ties: alphabetical), or None
        under `min_cases` cases with an outcome."""
        outcomes = self.outcomes_of_company.get(plain(company))
        total = sum(outcomes.values()) if outcomes else 0
        if not outcomes or total < max(min_cases, 1):
            return None
        outcome = min(outcomes, key=lambda name: (-outcomes[name], name))
        return UsualOutcome(outcome, round(outcomes[outcome] / total, 6), total)


def _text_shares(similar: list[SimilarCase], label: str) -> dict[str, float]:
    weights: Counter[str] = Counter()
    for case in similar:
        weights[getattr(case, label)] += case.similarity
    total = sum(weights.values())
    return {name: weight / total for name, weight in weights.items()} if total else {}


def _mix(prior: dict[str, float], text: dict[str, float], weight: float) -> dict[str, float]:
    if not text:
        return prior
    return {
        label: (1 - weight) * prior.get(label, 0.0) + weight * text.get(label, 0.0)
        for label in prior.keys() | text.keys()
    }


def suggest(
    history: CaseHistory,
    complaint: NewComplaint,
    *,
    k: int = 3,
    subject: str | None = None,
    scorer: TextScorer | None = None,
) -> Suggestion:
    """The top `k` subjects and problems for `complaint`; with `subject` (the attendant's pick)
    the problems are those of that subject. An empty history suggests nothing."""
    s = history.smoothing
    similar: list[SimilarCase] = []
    if scorer is not None and complaint.text.strip():
        similar = scorer.similar(complaint.text, limit=s.text_cases)
    subjects = _mix(
        history.subject_shares(complaint), _text_shares(similar, "subject"), s.text_weight
    )
    if subject is not None:
        problems = history.problem_shares(complaint, subject)
        same_subject = [case for case in similar if case.subject == subject]
        problems = _mix(problems, _text_shares(same_subject, "problem"), s.text_weight)
    else:
        problems = Counter()
        for ranked in _top(subjects, s.subjects_mixed):
            for problem, share in history.problem_shares(complaint, ranked.label).items():
                problems[problem] += ranked.score * share
        problems = _mix(dict(problems), _text_shares(similar, "problem"), s.text_weight)
    return Suggestion(
        subjects=_top(subjects, k),
        problems=_top(problems, k),
        basis=history.basis(complaint),
        similar=similar[:3],
    )
