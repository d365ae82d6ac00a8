"""The facts text's part of a suggestion: which decided cases read like the new complaint.

`TextScorer` is the interface; the platform backs it with PostgreSQL (Portuguese full-text search
and trigram similarity over the decided cases' facts). `InMemoryTextScorer` is the pure version
used by the tests and by anyone without a database: TF-IDF cosine over accent-free lower-case
words, Portuguese stop words left out.
"""

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

# The commonest Portuguese function words (of three letters or more: shorter ones are never
# words here) and the words every complaint uses.
STOP_WORDS = frozenset((
    "aos", "ate", "com", "como", "das", "dela", "dele", "dos", "ela", "ele", "entre", "era",
    "essa", "esse", "esta", "este", "foi", "for", "isso", "mais", "mas", "mesmo", "meu", "minha",
    "nao", "nas", "nem", "nos", "nossa", "para", "pela", "pelo", "por", "qual", "que", "sem",
    "ser", "seu", "sua", "tambem", "tem", "ter", "uma", "umas", "uns", "voce", "empresa",
    "consumidor", "reclamacao", "dia", "dias", "fiz", "foram", "estou", "sao",
))  # fmt: skip
WORD = re.compile(r"[a-z0-9]{3,}")


def plain(text: str) -> str:
    """Lower case without accents or repeated blanks: the key names and words are compared by."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.split())


def words(text: str) -> list[str]:
    return [word for word in WORD.findall(plain(text)) if word not in STOP_WORDS]


@dataclass(frozen=True, slots=True)
class SimilarCase:
    """A decided case that reads like the new complaint, with what was decided on it."""

    case_id: str
    subject: str
    problem: str
    outcome: str
    similarity: float  # 0 (nothing shared) to 1 (the same words)


class CaseWithText(Protocol):
    """What the in-memory scorer reads of a decided case (`suggest.DecidedCase` has it all)."""

    case_id: str
    subject: str
    problem: str
    outcome: str
    text: str


class TextScorer(Protocol):
    def similar(self, text: str, *, limit: int) -> list[SimilarCase]:
        """The decided cases whose facts read most like `text`, most similar first; none when
        the text is empty or shares no word with any case."""
        ...


@dataclass(frozen=True, slots=True)
class _Document:
    case_id: str
    subject: str
    problem: str
    outcome: str
    weights: dict[str, float]


class InMemoryTextScorer:
    """TF-IDF cosine similarity over the cases given at construction (their `text`)."""

    def __init__(self, cases: Iterable[CaseWithText]) -> None:
        bags = []
        document_frequency: Counter[str] = Counter()
        for case in cases:
            bag = Counter(words(case.text))
            if bag:
                bags.append((case, bag))
                document_frequency.update(bag.keys())
        total = len(bags)
        self._idf = {
            word: math.log((1 + total) / (1 + count)) + 1
            for word, count in document_frequency.items()
        }
        self._documents = [
            _Document(
                case_id=case.case_id,
                subject=case.subject,
                problem=case.problem,
                outcome=case.outcome,
                weights=self._unit({word: count * self._idf[word] for word, count in bag.items()}),
            )
            for case, bag in bags
        ]

    @staticmethod
    def _unit(weights: dict[str, float]) -> dict[str, float]:
        norm = math.sqrt(sum(value * value for value in weights.values()))
        return {word: value / norm for word, value in weights.items()} if norm else {}

    def similar(self, text: str, *, limit: int) -> list[SimilarCase]:
        bag = Counter(word for word in words(text) if word in self._idf)
        query = self._unit({word: count * self._idf[word] for word, count in bag.items()})
        if not query or limit <= 0:
            return []
        scored = []
        for document in self._documents:
            similarity = sum(
                weight * document.weights.get(word, 0.0) for word, weight in query.items()
            )
            if similarity > 0:
                scored.append((similarity, document))
        scored.sort(key=lambda item: (-item[0], item[1].case_id))
        return [
            SimilarCase(
                case_id=document.case_id,
                subject=document.subject,
                problem=document.problem,
                outcome=document.outcome,
                similarity=round(min(similarity, 1.0), 6),
            )
            for similarity, document in scored[:limit]
        ]
