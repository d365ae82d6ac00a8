"""Triage suggestions for the attendant (shared/triage, docs/triage.md): the subject and problem
the decided cases suggest for a new complaint, the company's usual answer and the three closed
cases of this Procon whose facts read most like it.

The counts come from the public case index, state-wide and anonymised (only how many closed
complaints each company, segment, purchase channel, subject and problem had; no case is named).
The similar cases are this Procon's own closed complaints, found by PostgreSQL's full-text search
in Portuguese over their facts (the GIN index of migration 0015) and linked for its staff."""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.cache import cache
from django.db.models import Count, F, Max

from shared.caseindex.models import CaseIndexEntry
from shared.triage.suggest import CaseHistory, DecidedCase, NewComplaint, suggest
from shared.triage.text import SimilarCase
from tenants.catalogue.models import Problem, Subject
from tenants.complaints.lifecycle import Classification, ComplaintStatus
from tenants.complaints.models import AnswerType, CompanyAnswer, Complaint

# The statuses in which classifying the complaint is still the attendant's work.
TRIAGE_STATUSES = frozenset(
    {ComplaintStatus.REGISTERED, ComplaintStatus.AWAITING_CONSUMER, ComplaintStatus.ACCEPTED}
)
HISTORY_SECONDS = 15 * 60
FACTS_VECTOR = SearchVector("facts", config="portuguese")
SIMILAR_LIMIT = 20


def _history() -> CaseHistory:
    """Every closed complaint of the platform, counted by company, segment (subject area),
    purchase channel, subject, problem and classification: one grouped query, kept 15 minutes
    or until a complaint closes."""

    def build() -> CaseHistory:
        history = CaseHistory()
        rows = (
            CaseIndexEntry.objects.filter(kind=CaseIndexEntry.Kind.COMPLAINT, status="closed")
            .exclude(subject="")
            .values(
                "company_id",
                "subject_area",
                "purchase_channel",
                "subject",
                "problem",
                "classification",
            )
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            history.add(
                DecidedCase(
                    company=str(row["company_id"]),
                    segment=row["subject_area"],
                    channel=row["purchase_channel"],
                    subject=row["subject"],
                    problem=row["problem"],
                    outcome=row["classification"],
                ),
                count=row["n"],
            )
        return history

    # Keyed by how many closed complaints there are and the last change among them: a closing
    # anywhere gives the next suggestion a fresh history.
    stamp = CaseIndexEntry.objects.filter(
        kind=CaseIndexEntry.Kind.COMPLAINT, status="closed"
    ).aggregate(n=Count("id"), last=Max("updated_at"))
    key = f"triage:history:{stamp['n']}:{stamp['last'].timestamp() if stamp['last'] else 0}"
    history = cache.get(key)
    if history is None:
        history = build()
        cache.set(key, history, HISTORY_SECONDS)
    return history


class ProconTextScorer:
    """This Procon's closed complaints whose facts read most like a text (Portuguese stemming and
    stop words, ranked by ts_rank), the complaint itself left out."""

    def __init__(self, *, exclude_id: int) -> None:
        self.exclude_id = exclude_id

    def similar(self, text: str, *, limit: int) -> list[SimilarCase]:
        # Any shared word, not every one: the text's words joined by OR.
        query = SearchQuery(
            " | ".join(query_terms(text)) or "''", config="portuguese", search_type="raw"
        )
        rows = (
            Complaint.objects.filter(status=ComplaintStatus.CLOSED)
            .exclude(pk=self.exclude_id)
            .annotate(vector=FACTS_VECTOR)
            .filter(vector=query)
            .annotate(rank=SearchRank(F("vector"), query))
            .order_by("-rank", "-id")
            .values_list("number", "subject__name", "problem__name", "classification", "rank")[
                :limit
            ]
        )
        top = None
        found = []
        for number, subject, problem, classification, rank in rows:
            top = top or rank or 1.0
            found.append(SimilarCase(number, subject, problem, classification, rank / top))
        return found


def query_terms(text: str) -> list[str]:
    """The words of `text` as tsquery terms: letters and digits only (accents kept, for the
    Portuguese stemmer), so that nothing the consumer typed is read as tsquery syntax."""
    seen: dict[str, None] = {}
    for word in re.findall(r"\w+", text.lower()):
        if word.isalnum() and len(word) > 2:
            seen.setdefault(word)
    return list(seen)[:64]


@dataclass(frozen=True)
class Option:
    """A suggested subject or problem, with the catalogue entry it names here (None when this
    Procon's catalogue has no active entry of that name)."""

    name: str
    share: float
    entry_id: int | None


@dataclass(frozen=True)
class TriageSuggestion:
    subjects: list[Option]
    problems: list[Option]
    basis: str
    usual_answer: str  # the label of the company's commonest answer type here, or ""
    usual_answer_share: float | None
    similar: list[SimilarCase]

    @property
    def pairs(self) -> list[tuple[Option, Option]]:
        """The first suggested subject with each suggested problem the catalogue has."""
        if not self.subjects or self.subjects[0].entry_id is None:
            return []
        return [(self.subjects[0], p) for p in self.problems if p.entry_id is not None]


def _options(ranked: list, model: type, field: str = "name") -> list[Option]:
    names = [r.label for r in ranked]
    ids = dict(
        model.objects.filter(active=True, **{f"{field}__in": names}).values_list(field, "pk")
    )
    return [Option(r.label, r.score, ids.get(r.label)) for r in ranked]


def _usual_answer(company_id: int) -> tuple[str, float | None]:
    counts = list(
        CompanyAnswer.objects.filter(complaint__company_id=company_id)
        .exclude(answer_type="")
        .values_list("answer_type")
        .annotate(n=Count("id"))
        .order_by("-n", "answer_type")
    )
    total = sum(n for _kind, n in counts)
    if not total:
        return "", None
    kind, n = counts[0]
    return str(AnswerType(kind).label), round(n / total, 4)


def triage_suggestion(complaint: Complaint) -> TriageSuggestion:
    """What the decided cases suggest for `complaint` (docs/triage.md)."""
    new = NewComplaint(
        company=str(complaint.company_id),
        channel=complaint.purchase_channel.name if complaint.purchase_channel_id else "",
        text=complaint.facts,
    )
    found = suggest(_history(), new, k=3, scorer=ProconTextScorer(exclude_id=complaint.pk))
    usual, share = _usual_answer(complaint.company_id)
    return TriageSuggestion(
        subjects=_options(found.subjects, Subject),
        problems=_options(found.problems, Problem),
        basis=found.basis,
        usual_answer=usual,
        usual_answer_share=share,
        similar=found.similar,
    )


def outcome_label(classification: str) -> str:
    return str(Classification(classification).label) if classification else ""
