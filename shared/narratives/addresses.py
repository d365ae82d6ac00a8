"""Street addresses: a street type, its name, the number and the complement (flat, block, house),
and the neighbourhood when the text names it as one. The city and state are not personal and stay.
"""

import re
from collections.abc import Iterator

from shared.narratives.kinds import Kind

_WORD = r"[A-Za-zÀ-ÿ'’][\wÀ-ÿ'’.-]{0,30}"
_NAME_WORD = rf"(?:{_WORD}|\d{{1,4}}(?:º|ª)?)"
_STREET_TYPE = (
    r"(?:Rua|R\.|Avenida|Av\.?|Avda\.?|Travessa|Tv\.|Trav\.|Alameda|Al\.|Estrada|Estr\.|Est\.|"
    r"Rodovia|Rod\.|Pra[çc]a|P[çc]a\.|Largo|Viela|Beco|Ladeira|Passagem|Servid[ãa]o|Via|Vila|"
    r"Conjunto|Residencial|Condom[íi]nio|Quadra|Qd\.?|SQN|SQS|SHIS|SHIN|QI|QL|CLN|CLS)"
)
# The number: "123", "nº 123", ", 123-A", "s/n", "km 12".
_NUMBER = (
    r"(?:,?\s*(?:n[º°o.]{1,2}\s*|número\s*|km\s*)?(?:\d{1,5}(?:-?[A-Za-z])?\b|s/\s?n(?:º)?\b))"
)
_COMPLEMENT = (
    r"(?:[,\s-]{1,3}(?:apto?\.?|apartamento|ap\.|bloco|bl\.?|casa|cs\.?|sala|sl\.?|lote|lt\.?|"
    r"quadra|qd\.?|conjunto|conj\.?|andar|fundos|frente|torre|unidade|box|loja|galp[ãa]o)"
    r"(?:\s*n?[º°]?\s*[\w-]{1,6})?)"
)
_NEIGHBOURHOOD = (
    rf"(?:[,\s-]{{1,3}}(?i:bairro)\s*:?\s*{_WORD}(?:\s+(?:d[aeo]s?\s+)?{_WORD}){{0,4}})"
)
_ADDRESS = re.compile(
    rf"(?<![\wÀ-ÿ])(?:{_STREET_TYPE}|(?-i:rua|avenida|travessa|alameda|estrada|rodovia)\b)"
    rf"\s+(?:d[aeo]s?\s+)?{_NAME_WORD}(?:\s+(?:d[aeo]s?\s+|e\s+)?{_NAME_WORD}){{0,7}}?"
    rf"(?:{_NUMBER}(?:{_COMPLEMENT}){{0,3}}(?:{_NEIGHBOURHOOD})?|(?=[,.;)\n]|$))"
)
# The place words that open a street address but also open other things ("Via Varejo",
# "Vila Olímpia" as a neighbourhood): counted only with a number after them.
_NEEDS_NUMBER = re.compile(r"^(?:Via|Vila|Conjunto|Residencial|Condom[íi]nio|Quadra|Qd\.?|Largo)\b")


def find_addresses(text: str) -> Iterator[tuple[int, int, Kind]]:
    for m in _ADDRESS.finditer(text):
        found = m.group()
        if _NEEDS_NUMBER.match(found) and not re.search(r"\d|s/\s?n", found):
            continue
        end = m.end()
        while end > m.start() and text[end - 1] in " ,-.":
            end -= 1
        yield m.start(), end, Kind.ADDRESS
