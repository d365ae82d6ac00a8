"""Names of people: a capitalised run of words that opens with a Brazilian given name (the 2010
census list, data/first_names.tsv) or follows words that introduce a person ("o atendente",
"Sra.", "meu nome é", "falei com"), with the surnames and particles (da, de, dos, e) after it.

A given name that is also a common Portuguese word (data/common_words.txt: "Natal", "Claro",
"Santos") counts only with a surname after it or a word that introduces a person before it;
a lone given name counts when at least LONE_MIN people bear it. Runs that open with São, Santo
or Santa are places or saints ("São Paulo", "Santa Catarina"), unless a person is introduced.
"""

import bisect
import csv
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from shared.narratives.kinds import Kind

DATA = Path(__file__).resolve().parent / "data"
# The IBGE list of the 5,570 municipalities the platform already ships (shared/geo).
MUNICIPALITIES = Path(__file__).resolve().parents[1] / "geo" / "data" / "municipios.csv"
# A given name standing alone (no surname, no introducing word) counts from this many bearers.
LONE_MIN = 500
# A given name typed in lower case after such a word counts from this many bearers.
LOWER_CASE_MIN = 100
# ... and anywhere from this many, unless it is a word (_LOWER_CASE_WORDS): "maria", "carlos".
ANYWHERE_MIN = 5000

_TOKEN = re.compile(
    r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’]*(?:-[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’]*)*"
)
_PARTICLES = frozenset(
    {
        "da",
        "de",
        "do",
        "das",
        "dos",
        "d'",
        "di",
        "van",
        "von",
        "der",
        "den",
        "del",
        "della",
        "la",
        "le",
        "du",
    }
)
_PLACE_OPENERS = frozenset(
    {"SAO", "SANTO", "SANTA", "SANTANA", "NOSSA", "VILA", "JARDIM", "PARQUE"}
)
# Words that open sentences or name things and are in the census list nonetheless.
_NOT_NAMES = frozenset(
    [
        "A",
        "AO",
        "AOS",
        "AS",
        "ATE",
        "APOS",
        "AINDA",
        "ALEM",
        "ASSIM",
        "BOM",
        "CADA",
        "CASO",
        "COM",
        "COMO",
        "CONFORME",
        "DA",
        "DAS",
        "DE",
        "DEPOIS",
        "DESDE",
        "DO",
        "DOS",
        "E",
        "ELA",
        "ELE",
        "ELES",
        "ENTAO",
        "ESSA",
        "ESSE",
        "ESTA",
        "ESTE",
        "EU",
        "FOI",
        "HOJE",
        "JA",
        "LOGO",
        "MAS",
        "ME",
        "MEU",
        "MINHA",
        "NA",
        "NAS",
        "NO",
        "NOS",
        "NAO",
        "NEM",
        "CPF",
        "CNPJ",
        "RG",
        "CEP",
        "PIX",
        "UF",
        "SSP",
        "SUS",
        "INSS",
        "FGTS",
        "CNH",
        "RS",
        "US",
        "S",
        "O",
        "OS",
        "OU",
        "PARA",
        "PELA",
        "PELO",
        "POIS",
        "POREM",
        "POR",
        "QUE",
        "QUANDO",
        "SE",
        "SEM",
        "SEU",
        "SUA",
        "SIM",
        "SO",
        "TAMBEM",
        "UM",
        "UMA",
        "PRO",
        "PLUS",
        "VOCE",
        "SENHOR",
        "SENHORA",
        "PROCON",
        "CDC",
        "SAC",
        "LTDA",
        "EIRELI",
        "ME",
        "BANCO",
        "LOJA",
        "CLARO",
        "VIVO",
        "TIM",
        "OI",
        "NET",
        "SKY",
        "JANEIRO",
        "FEVEREIRO",
        "ABRIL",
        "MAIO",
        "JUNHO",
        "JULHO",
        "AGOSTO",
        "SETEMBRO",
        "OUTUBRO",
        "NOVEMBRO",
        "DEZEMBRO",
        "DOMINGO",
        "SEGUNDA",
        "TERCA",
        "QUARTA",
        "QUINTA",
        "SEXTA",
        "SABADO",
        "NATAL",
        "PASCOA",
        "BRASIL",
        "BRASILIA",
        "REAL",
        "REAIS",
        "DR",
        "DRA",
        "SR",
        "SRA",
        "SRTA",
        "PROF",
        "PROFA",
        "DONA",
    ]
)
_TRIGGER = re.compile(
    r"(?i:(?:\b(?:sr|sra|srta|dr|dra|d|prof|profa)\.\s?)|(?:(?<![\w.@/-])(?:senhor|senhora|dona|seu|atendente|"
    r"funcion[áa]ri[oa]|gerente|vendedor|vendedora|t[ée]cnic[oa]|supervisor|supervisora|operador|"
    r"operadora|consultor|consultora|analista|preposto|preposta|motorista|entregador|entregadora|"
    r"corretor|corretora|promotor|promotora|colaborador|colaboradora|agente|representante|"
    r"advogad[oa]|filh[oa]|espos[oa]|marido|m[ãa]e|pai|irm[ãa]o?|av[óô]|net[oa]|sogr[oa]|genro|nora|"
    r"ti[oa]|prim[oa]|vizinh[oa]|titular|chamad[oa]|nome(?:\s+(?:é|e|de|do|da|completo))?|me chamo|"
    r"sou|eu|aqui [ée]|quem escreve [ée]|quem fala(?: [ée])?|com|pix para|transfer[iê]ncia para|"
    r"dep[óo]sito para|porteir[oa]|recepcionista|assistente|testemunha|obrigad[oa]|grat[oa]|"
    r"falei com|conversei com|atendid[oa] (?:pel[oa]|por)|assinado|atenciosamente|"
    r"att|cordialmente|benefici[áa]ri[oa]|dependente|cliente|consumidor[a]?|reclamante|"
    r"respons[áa]vel|protocolad[oa] por|recebid[oa] por|assinad[oa] por|identificou como|"
    r"chama-se|se chama|tal de|atendeu|foi|vendeu|quem|motoboy|rapaz|moç[ao]|menin[ao]|senhorita|"
    r"atendentes|t[ée]cnicos|cunhad[oa]|amig[oa]|namorad[oa]|noiv[oa]|patr[ãa]o|chefe)\b"
    r"(?:\s+d[aoe]s?\s+[\wÀ-ÿ]+\s*,)?\s*[:,-]?\s*(?:(?:o|a|os|as)\s+)?)|\batt\.\s*)$"
)

# Words after which the next word is the name, whatever it is ("me chamo wenke").
_NAMING = re.compile(
    r"(?i:\b(?:me chamo|meu nome [ée]|quem fala [ée](?: [oa])?|chama-se|se chama|"
    r"identificou como|aqui quem fala [ée](?: [oa])?)\s*[:,]?\s*)$"
)
# What follows a person's name in a complaint: their documents, status or phone.
_HOLDER_AFTER = re.compile(
    r"^\s?[,(/–-]?\s?\(?(?i:CPF|RG|CNPJ|portador|inscrit|residente|brasileir|solteir|casad|"
    r"divorciad|vi[úu]v|telefone|tel\b|e-mail|\d{2}\)? ?9? ?\d{4}[-. ]?\d{4}\b)"
)
# Frequent given names that are also everyday words, in lower case (kinship, devotions, things).
_LOWER_CASE_WORDS = frozenset(
    [
        "FILHA",
        "FILHO",
        "IRMA",
        "IRMAO",
        "MAE",
        "PAI",
        "TIA",
        "TIO",
        "AVO",
        "NETA",
        "NETO",
        "ROSA",
        "VITORIA",
        "GLORIA",
        "APARECIDA",
        "SOCORRO",
        "CONCEICAO",
        "GRACA",
        "GRACAS",
        "FATIMA",
        "JESUS",
        "DORES",
        "LUZ",
        "PAZ",
        "ESPERANCA",
        "AMOR",
        "AIR",
        "LINDA",
        "BELA",
        "CLARA",
        "CRUZ",
        "DIVINA",
        "PENHA",
        "LOURDES",
        "NEVES",
        "PRAZERES",
        "GUIA",
        "SALETE",
        "PIEDADE",
        "AUXILIADORA",
        "MERCES",
        "LUA",
        "SOL",
        "FLOR",
        "DIAS",
    ]
)
_BETWEEN_NAMES = frozenset({" e ", ", ", " ou ", " e a ", " e o ", " e com ", ", a ", ", o "})
_TITLE = re.compile(r"(?i:\b(?:sr|sra|srta|dr|dra)\.\s?|\b(?:dona|senhor|senhora)\s)$")


def fold(word: str) -> str:
    """Upper case without accents, one character for one: positions survive."""
    return "".join(unicodedata.normalize("NFKD", c)[0] for c in word).upper()


@cache
def given_names() -> dict[str, int]:
    rows = (
        line.split("\t")
        for line in (DATA / "first_names.tsv").read_text(encoding="utf-8").splitlines()
    )
    return {name: int(count) for name, count in rows}


@cache
def common_words() -> frozenset[str]:
    return frozenset((DATA / "common_words.txt").read_text(encoding="utf-8").split())


@cache
def places() -> dict[str, list[tuple[str, ...]]]:
    """Municipality names by their first word, folded, longest first."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    with MUNICIPALITIES.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            words = tuple(fold(w) for w in _TOKEN.findall(row["nome"]))
            if words:
                by_first.setdefault(words[0], []).append(words)
    for options in by_first.values():
        options.sort(key=len, reverse=True)
    return by_first


_UF_AFTER = re.compile(r"^\s?(?:/|-|,|\(|–)\s?(?:[A-Z]{2}\b|CEP\b)")
_PLACE_BEFORE = re.compile(
    r"(?i:\b(?:em|para|at[ée]|cidade de|munic[íi]pio de|comarca de|loja de|voo de)\s|(?:\d|s/n|\]),\s)$"
)


def _place_length(
    text: str, tokens: list[tuple[int, int, str]], i: int, names: dict[str, int]
) -> int:
    """How many tokens from i name a municipality (0 if none): a name of several words always;
    one word when it is no common given name, or when the state follows or "em" precedes it."""
    folded = [fold(t[2]) for t in tokens[i : i + 8]]
    for option in places().get(folded[0], ()):
        length = len(option)
        if tuple(w for w in folded[:length]) != option:
            continue
        step = _continues(text, tokens, i + length - 1)
        if step > 1 or (step == 1 and fold(tokens[i + length][2]) in names):
            return 0  # "Maria Helena de Clark", "Vitória da Almeida": a person's name
        if length > 1 or names.get(option[0], 0) < LONE_MIN:
            return length
        end = tokens[i][1]
        if _UF_AFTER.match(text[end : end + 6]) or _PLACE_BEFORE.search(
            text[max(0, tokens[i][0] - 20) : tokens[i][0]]
        ):
            return 1
    return 0


def covered(intervals: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether [start, end) overlaps any of the intervals, in logarithmic time."""
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [m[0] for m in merged]

    def overlaps(start: int, end: int) -> bool:
        index = bisect.bisect_right(starts, end - 1) - 1
        return index >= 0 and merged[index][1] > start

    return overlaps


def _continues(text: str, tokens: list[tuple[int, int, str]], last: int) -> int:
    """How many tokens after `last` carry a name on: a capitalised word, or up to two particles
    and one ("van der Dussen"); 0 if none."""
    for particles in range(3):
        following = last + particles + 1
        if following >= len(tokens) or not all(
            _joined(text, tokens[k], tokens[k + 1]) for k in range(last, following)
        ):
            return 0
        if particles and tokens[following - 1][2].lower() not in _PARTICLES:
            return 0
        word = tokens[following][2]
        if _is_capitalised(word) and fold(word) not in _NOT_NAMES:
            return particles + 1
    return 0


def everyday_word(word: str) -> bool:
    """A given name that is also a common word, or a name-word written in lower case ("luz")."""
    key = fold(word)
    return key in common_words() or key in _LOWER_CASE_WORDS or key in _NOT_NAMES


def _lower_case_name(
    text: str, word: str, start: int, names: dict[str, int], common: frozenset[str]
) -> bool:
    """Whether a word typed in lower case is a given name: any word after "me chamo"; a given
    name of ANYWHERE_MIN bearers that is no everyday word, anywhere; one of LOWER_CASE_MIN
    after a word that introduces a person. start < 0: the word follows such a name ("maria
    clara", "ana e joana"), where everyday words that are given names count too."""
    key = fold(word)
    if not word.islower() or key in _NOT_NAMES:
        return False
    if start >= 0 and _NAMING.search(text[max(0, start - 30) : start]):
        return True
    if start < 0:
        return len(word) >= 3 and names.get(key, 0) >= LOWER_CASE_MIN and key not in common
    if key in _LOWER_CASE_WORDS:
        return False
    if names.get(key, 0) >= ANYWHERE_MIN and key not in common:
        return True
    return (
        len(word) >= 3
        and names.get(key, 0) >= LOWER_CASE_MIN
        and key not in common
        and bool(_TRIGGER.search(text[max(0, start - 40) : start]))
    )


def _is_capitalised(word: str) -> bool:
    return word[0].isupper()


def _joined(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    gap = text[left[1] : right[0]]
    return 0 < len(gap) <= 2 and gap.strip(" ") == ""


def find_names(text: str, *, protected: list[tuple[int, int]]) -> Iterator[tuple[int, int, Kind]]:
    """Each run of a person's name, as (start, end, Kind.NAME)."""
    names = given_names()
    common = common_words()
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]

    taken = covered(protected)

    def free(token: tuple[int, int, str]) -> bool:
        return not taken(token[0], token[1])

    def surname(token: tuple[int, int, str]) -> bool:
        return _is_capitalised(token[2]) and fold(token[2]) not in _NOT_NAMES and free(token)

    i, previous = 0, -10
    while i < len(tokens):
        start, _end, word = tokens[i]
        # "os atendentes Luigi e Edoardo": a name right after a name is introduced by it.
        chained = text[previous:start] in _BETWEEN_NAMES
        if not (_is_capitalised(word) or word in _PARTICLES):
            joined = text[previous:start] in (" e ", " ou ")  # "maria e joana"
            if _lower_case_name(text, word, -1 if joined else start, names, common) and free(
                tokens[i]
            ):
                last = i  # "falei com a atendente maria eduarda"
                while (
                    last + 1 < len(tokens)
                    and _joined(text, tokens[last], tokens[last + 1])
                    and _lower_case_name(text, tokens[last + 1][2], -1, names, common)
                    and free(tokens[last + 1])
                ):
                    last += 1
                while (step := _continues(text, tokens, last)) and free(tokens[last + step]):
                    last += step  # "daniela Rios"
                yield start, tokens[last][1], Kind.NAME
                i, previous = last + 1, tokens[last][1]
                continue
            i += 1
            continue
        key = fold(word)
        if word in _PARTICLES:
            if not (
                _TITLE.search(text[max(0, start - 12) : start])
                and i + 1 < len(tokens)
                and _joined(text, tokens[i], tokens[i + 1])
                and surname(tokens[i + 1])
            ):
                i += 1
                continue
            word, key = tokens[i + 1][2], fold(tokens[i + 1][2])  # "a Sra. da Cruz"
            introduced = True
        elif (
            key in _NOT_NAMES
            or word == "Março"
            or (len(word) == 1 and text[tokens[i][1] : tokens[i][1] + 1] != ".")
            or not free(tokens[i])
        ):
            i += 1
            continue
        else:
            introduced = chained or bool(_TRIGGER.search(text[max(0, start - 40) : start]))
        key = key.split("-")[0]
        known = key in names and not (word.isupper() and len(word) <= 4 and names[key] < LONE_MIN)
        place = 0 if introduced else _place_length(text, tokens, i, names)
        if place:
            i += place
            continue
        last = i
        while (step := _continues(text, tokens, last)) and free(tokens[last + step]):
            last += step
        after = text[tokens[last][1] : tokens[last][1] + 16]
        holder = last > i and bool(_HOLDER_AFTER.match(after))
        if not (introduced or holder) and (
            not known or key in _PLACE_OPENERS or re.match(r" [A-Za-z]*\d", after)
        ):
            i = last + 1 if known else i + 1  # a place, a saint, a product and its model number
            continue
        if introduced or holder or last > i or (key not in common and names[key] >= LONE_MIN):
            yield start, tokens[last][1], Kind.NAME
            i, previous = last + 1, tokens[last][1]
        else:
            i += 1
