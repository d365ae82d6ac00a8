"""Names of people: a capitalised run of words that opens with a Brazilian given name (the 2010
census list, data/first_names.tsv) or follows words that introduce a person ("o atendente",
"Sra.", "meu nome é", "falei com"), with the surnames and particles (da, de, dos, e) after it.

A given name that is also a common Portuguese word (data/common_words.txt: "Natal", "Claro",
"Santos") counts only with a surname after it or a word that introduces a person before it;
a lone given name counts when at least LONE_MIN people bear it. Runs that open with São, Santo
or Santa are places or saints ("São Paulo", "Santa Catarina"), unless a person is introduced.

In lower case (informal writing), after a word that introduces a person, a word counts as a
name when it is likelier a name than a Portuguese word (data/portuguese_words.tsv: a word no
Portuguese text uses, or a given name borne by many people for how often the word is written),
or when a given name or a surname follows it. A word no list knows before a known surname
(data/surnames.txt) and a given name after an article inside a sentence ("paguei a Hellena")
are names too.
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
# A given name that is also a Portuguese word counts after a word that introduces a person when
# its bearers reach 10 ** (the word's Zipf frequency - NAME_OVER_WORD).
NAME_OVER_WORD = 0.5

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
        "UBER",
        "RENNER",
        "DELL",
        "STONE",
        "AMIL",
        "NEON",
        "ARNO",
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
# Shorthand of informal writing that the word list lacks ("eu msm", "a atendente do whats").
_SHORTHAND = frozenset(
    {
        "MSM",
        "WHATS",
        "WPP",
        "ZAP",
        "ZAPZAP",
        "BLZ",
        "OBG",
        "VLW",
        "TDS",
        "QDO",
        "QND",
        "QTO",
        "DPS",
        "AGR",
        "CMG",
        "CTZ",
        "PFV",
        "PFVR",
        "FLW",
        "KKK",
        "KKKK",
        "SQN",
        "MSG",
        "MSGS",
        "NGM",
        "MDS",
        "AFF",
        "OQ",
        "NEH",
        "TMB",
        "TBM",
        "VCS",
        "VC",
        "PQ",
        "HJ",
    }
)
# Endings of Portuguese verb forms, adverbs and derived nouns: a word no list knows with such an
# ending is a rare word or a misspelling ("negativado", "guinchado"), not a name.
_INFLECTED = re.compile(
    r"(?:ADO|ADA|ADOS|ADAS|IDO|IDA|IDOS|IDAS|ANDO|ENDO|INDO|OU|ARAM|ERAM|IRAM|AVA|AVAM|MENTE|"
    r"CAO|COES|SAO|SOES|DADE|DADES|AGEM|ISMO|ISTA|OSO|OSA|AVEL|IVEL|EIRO|EIRA|ARIA|ARIO|ANCIA|"
    r"ENCIA)$"
)
_BETWEEN_NAMES = frozenset({" e ", ", ", " ou ", " e a ", " e o ", " e com ", ", a ", ", o "})
# The most common surnames of Brazil (IBGE, "Nomes no Brasil" from the 2022 Census, published
# in November 2025: the national top ten, then the next ones of the São Paulo and Rio Grande do
# Sul lists): after a given name typed in lower case they are surnames typed in lower case too
# ("joao silva", "maria dos santos").
_COMMON_SURNAMES = frozenset(
    {
        "SILVA",
        "SANTOS",
        "OLIVEIRA",
        "SOUZA",
        "PEREIRA",
        "FERREIRA",
        "LIMA",
        "ALVES",
        "RODRIGUES",
        "COSTA",
        "GOMES",
        "ALMEIDA",
        "RIBEIRO",
        "NASCIMENTO",
        "ARAUJO",
        "MARTINS",
        "ROSA",
        "MACHADO",
        "SILVEIRA",
    }
)
# A definite article inside a sentence: "nada a Henry", "e o Matteo do financeiro".
_ARTICLE_BEFORE = re.compile(r"[\w,;)]\s(?:a|o)\s$")
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
def portuguese_words() -> dict[str, float]:
    """Words of Portuguese text (folded) and their frequency on the Zipf scale (data/SOURCE.md)."""
    rows = (
        line.split("\t")
        for line in (DATA / "portuguese_words.tsv").read_text(encoding="utf-8").splitlines()
    )
    return {word: int(tenths) / 10 for word, tenths in rows}


@cache
def surnames() -> frozenset[str]:
    return frozenset((DATA / "surnames.txt").read_text(encoding="utf-8").split())


def name_rather_than_word(key: str, names: dict[str, int]) -> bool:
    """Whether a folded word is likelier a given name than a Portuguese word: a word no
    Portuguese text uses, or a given name borne by many people for how often the word is
    written ("luna", "jade", "benjamim": yes; "nova", "daria", "pastor": no)."""
    if key in _SHORTHAND:
        return False
    zipf = portuguese_words().get(key)
    if zipf is None:
        return key in names or not _INFLECTED.search(key)
    return names.get(key, 0) >= max(LOWER_CASE_MIN, 10 ** (zipf - NAME_OVER_WORD))


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
    r"(?i:\b(?:em|para|at[ée]|cidade de|munic[íi]pio de|comarca de|loja de|voo de)\s|(?:\d|s/n|\]),\s|\bbairro\s[^,]{1,30},\s|\()$"
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
        if (step > 1 or (step == 1 and fold(tokens[i + length][2]) in names)) and (
            option[0] not in _PLACE_OPENERS
        ):
            return 0  # "Maria Helena de Clark", "Vitória da Almeida": a person's name
        # "em Santa Maria Lucca Prado": no person's name opens with Santa, the place ends first.
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
    text: str,
    word: str,
    start: int,
    names: dict[str, int],
    common: frozenset[str],
    *,
    after_name: bool = False,
) -> bool:
    """Whether a word typed in lower case is a given name: any word after "me chamo"; a given
    name of ANYWHERE_MIN bearers that is no everyday word, anywhere; after a word that
    introduces a person, a given name of LOWER_CASE_MIN bearers or a word likelier a name than
    a Portuguese word (name_rather_than_word: "tyler", "luna"). start < 0: the word follows such
    a name, right after it (after_name: "maria clara", "ester rhavi") or after "e" ("ana e
    joana"), where everyday words that are given names count too."""
    key = fold(word)
    if not word.islower() or key in _NOT_NAMES:
        return False
    if start >= 0 and _NAMING.search(text[max(0, start - 30) : start]):
        return True
    known = names.get(key, 0) >= LOWER_CASE_MIN and key not in common
    if start < 0:
        if len(word) < 3:
            return False
        if after_name:
            # "maria flor", "maria das dores": everyday words that are given names count here.
            return (
                known
                or (names.get(key, 0) >= LOWER_CASE_MIN and key in _LOWER_CASE_WORDS)
                or name_rather_than_word(key, names)
            )
        return known or (key in names and name_rather_than_word(key, names))
    if key in _LOWER_CASE_WORDS:
        return False
    if names.get(key, 0) >= ANYWHERE_MIN and key not in common:
        return True
    return (
        len(word) >= 3
        and (known or name_rather_than_word(key, names))
        and bool(_TRIGGER.search(text[max(0, start - 40) : start]))
    )


def _lower_case_surname(text: str, tokens: list[tuple[int, int, str]], last: int) -> int:
    """How many tokens after a lower-case given name carry on as one of the most common
    Brazilian surnames in lower case, after at most one particle ("maria da silva",
    "joao santos"); 0 if none."""
    for particles in range(2):
        following = last + particles + 1
        if following >= len(tokens) or not all(
            _joined(text, tokens[k], tokens[k + 1]) for k in range(last, following)
        ):
            return 0
        if particles and tokens[following - 1][2] not in _PARTICLES:
            return 0
        word = tokens[following][2]
        if word.islower() and fold(word) in _COMMON_SURNAMES:
            return particles + 1
    return 0


def _paired_name(
    text: str, tokens: list[tuple[int, int, str]], i: int, names: dict[str, int], common
) -> bool:
    """A lower-case given name that is also a word ("gael", "henry") after a word that
    introduces a person counts when another given name or a surname follows it: "a vizinha henry
    gabriel", "sou gael Keudel"."""
    word = tokens[i][2]
    key = fold(word)
    if (
        len(word) < 3
        or names.get(key, 0) < LOWER_CASE_MIN
        or key in _NOT_NAMES
        or key in _LOWER_CASE_WORDS
        or i + 1 >= len(tokens)
        or not _joined(text, tokens[i], tokens[i + 1])
    ):
        return False
    following = tokens[i + 1][2]
    next_key = fold(following)
    if following.islower():
        paired = names.get(next_key, 0) >= LOWER_CASE_MIN and next_key not in common
    else:
        paired = next_key not in _NOT_NAMES and (next_key in surnames() or next_key in names)
    start = tokens[i][0]
    return paired and bool(_TRIGGER.search(text[max(0, start - 40) : start]))


def _after_article(
    text: str, start: int, key: str, names: dict[str, int], common: frozenset[str]
) -> bool:
    """ "paguei a Hellena do telemarketing": a capitalised given name after an article inside a
    sentence, unless it is likelier a word ("o Natal", "a Graça")."""
    return (
        key in names
        and (key not in common or name_rather_than_word(key, names))
        and bool(_ARTICLE_BEFORE.search(text[max(0, start - 12) : start]))
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
            if (
                _lower_case_name(text, word, -1 if joined else start, names, common)
                or _paired_name(text, tokens, i, names, common)
            ) and free(tokens[i]):
                last = i  # "falei com a atendente maria eduarda"
                while (
                    last + 1 < len(tokens)
                    and _joined(text, tokens[last], tokens[last + 1])
                    and _lower_case_name(
                        text, tokens[last + 1][2], -1, names, common, after_name=True
                    )
                    and free(tokens[last + 1])
                ):
                    last += 1
                while (step := _lower_case_surname(text, tokens, last)) and free(
                    tokens[last + step]
                ):
                    last += step  # "joao dos santos"
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
            introduced = (
                chained
                or bool(_TRIGGER.search(text[max(0, start - 40) : start]))
                or _after_article(text, start, key.split("-")[0], names, common)
            )
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
        # "Giampiero da Nascimento": a word no list knows before a known surname.
        surnamed = (
            last > i
            and not known
            and key not in portuguese_words()
            and any(
                fold(tokens[k][2]) in surnames()
                for k in range(i + 1, last + 1)
                if tokens[k][2].lower() not in _PARTICLES
            )
        )
        if not (introduced or holder or surnamed) and (
            not known or key in _PLACE_OPENERS or re.match(r" [A-Za-z]*\d", after)
        ):
            i = last + 1 if known else i + 1  # a place, a saint, a product and its model number
            continue
        if (
            introduced
            or holder
            or last > i
            or (names[key] >= LONE_MIN and (key not in common or name_rather_than_word(key, names)))
        ):
            yield start, tokens[last][1], Kind.NAME
            i, previous = last + 1, tokens[last][1]
        else:
            i += 1
