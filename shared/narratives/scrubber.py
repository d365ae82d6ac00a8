"""Scrub a consumer's narrative of personal data before a person moderates and publishes it.

`scrub(text, keep=..., also_redact=...)` replaces each datum by a placeholder ("[CPF]",
"[NOME]") and lists what it replaced, in the original text's positions. Recall comes first:
a malformed CPF is still redacted, and overlapping findings merge so that no part of a datum
survives. `keep` holds what is public and must stay (the company's names and CNPJ);
`also_redact` what the platform knows is personal (the consumer's name, the attendant's).
Scrubbing scrubbed text changes nothing: placeholders are never findings.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from shared.narratives.addresses import find_addresses
from shared.narratives.kinds import PLACEHOLDERS, PRIORITY, Kind
from shared.narratives.names import _PARTICLES, covered, everyday_word, find_names, fold
from shared.narratives.patterns import FINDERS, digits

_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))
# Control characters other than tab and newlines: kept in the text, never part of a finding.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: Kind
    replacement: str


@dataclass(frozen=True)
class Scrubbed:
    text: str
    spans: tuple[Span, ...]


def _occurrences(text: str, folded_text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """Where each needle occurs as whole words, ignoring case and accents."""
    found = []
    for needle in needles:
        needle = needle.strip()
        if len(needle) < 2:
            continue
        pattern = re.compile(r"(?<![\w])" + re.escape(fold(needle)) + r"(?![\w])")
        found += [(m.start(), m.end()) for m in pattern.finditer(folded_text)]
    return found


def _merge(candidates: list[tuple[int, int, Kind]]) -> list[tuple[int, int, Kind]]:
    """Overlapping findings become one, of the kind of its longest part (then the likelier kind)."""
    merged: list[tuple[int, int, Kind]] = []
    for start, end, kind in sorted(candidates):
        if merged and start < merged[-1][1]:
            m_start, m_end, m_kind = merged[-1]
            best = max(
                [(m_end - m_start, PRIORITY[m_kind], m_kind), (end - start, PRIORITY[kind], kind)]
            )[2]
            merged[-1] = (m_start, max(m_end, end), best)
        else:
            merged.append((start, end, kind))
    return merged


def find(
    text: str, *, keep: Iterable[str] = (), also_redact: Iterable[str] = ()
) -> list[tuple[int, int, Kind]]:
    keep = [k for k in keep if k and k.strip()]
    folded = fold(text)
    placeholders = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
    kept_numbers = {digits(k) for k in keep if len(digits(k)) >= 8}
    protected = placeholders + _occurrences(text, folded, [k for k in keep if len(digits(k)) < 8])

    candidates: list[tuple[int, int, Kind]] = []
    for finder in FINDERS:
        candidates += finder(text)
    candidates += find_addresses(text)
    candidates = [
        c
        for c in candidates
        if digits(text[c[0] : c[1]]) not in kept_numbers or c[2] in (Kind.ADDRESS, Kind.NAME)
    ]
    # A name may run into a street word ("Daniel de Estrada Brito"): the merge joins the two.
    numbered = protected + [(s, e) for s, e, k in candidates if k not in (Kind.NAME, Kind.ADDRESS)]
    candidates += find_names(text, protected=numbered)

    personal = list(also_redact)
    parts = {
        word
        for name in personal
        for word in re.findall(r"[^\W\d_]{3,}", name)
        if word.lower() not in _PARTICLES
    }
    candidates += [(s, e, Kind.NAME) for s, e in _occurrences(text, folded, personal)]
    # A part that is also an everyday word ("Luz", "Rosa") counts only written with a capital.
    candidates += [
        (s, e, Kind.NAME)
        for s, e in _occurrences(text, folded, parts)
        if text[s].isupper() or not everyday_word(text[s:e])
    ]

    taken = covered(protected)
    found = []
    for start, end, kind in _merge([c for c in candidates if not taken(c[0], c[1])]):
        while start < end and (text[start].isspace() or _CONTROL.match(text[start])):
            start += 1
        while end > start and (text[end - 1].isspace() or _CONTROL.match(text[end - 1])):
            end -= 1
        if start < end:
            found.append((start, end, kind))
    return found


def scrub(text: str, *, keep: Iterable[str] = (), also_redact: Iterable[str] = ()) -> Scrubbed:
    """The text with each personal datum replaced by its placeholder, and what was replaced."""
    spans = tuple(
        Span(start, end, kind, PLACEHOLDERS[kind])
        for start, end, kind in find(text, keep=keep, also_redact=also_redact)
    )
    pieces, cursor = [], 0
    for span in spans:
        pieces += [text[cursor : span.start], span.replacement]
        cursor = span.end
    pieces.append(text[cursor:])
    return Scrubbed("".join(pieces), spans)
