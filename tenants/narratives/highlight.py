"""A scrubbed text cut at its placeholders, for pages that mark them: the template escapes every
piece and wraps only the placeholders, so no markup is ever written into a person's words."""

import re

from shared.narratives.kinds import PLACEHOLDERS

_PLACEHOLDER = re.compile("(" + "|".join(re.escape(p) for p in PLACEHOLDERS.values()) + ")")
_ORDER = {placeholder: n for n, placeholder in enumerate(PLACEHOLDERS.values())}

Segment = tuple[str, bool]


def highlighted(text: str) -> list[list[Segment]]:
    """The text's lines, each a list of (piece, is_placeholder)."""
    lines = []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        pieces = _PLACEHOLDER.split(line)
        # re.split with one group alternates text and match: odd positions are placeholders.
        lines.append([(piece, n % 2 == 1) for n, piece in enumerate(pieces) if piece])
    return lines


def redaction_counts(redactions: dict[str, int]) -> list[tuple[str, int]]:
    """How many data of each kind the scrub replaced, in the placeholders' order."""
    return sorted(
        ((placeholder, count) for placeholder, count in (redactions or {}).items() if count),
        key=lambda item: (_ORDER.get(item[0], len(_ORDER)), item[0]),
    )
