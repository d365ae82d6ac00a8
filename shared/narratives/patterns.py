"""The personal data that has a shape: documents, phones, e-mails, postal codes, street
addresses, cards, bank accounts, number plates and the numbers that point at one customer
(protocols, orders, contracts).

Each finder yields (start, end, kind); the scrubber resolves overlaps and the `keep` set.
Every pattern is linear on hostile input: bounded repetitions, no nested quantifiers.
"""

import re
from collections.abc import Iterator

from validate_docbr import CNPJ, CPF

from shared.narratives.kinds import Kind

_cpf = CPF()
_cnpj = CNPJ()

Found = tuple[int, int, Kind]

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}+@[\w-]{1,63}+(?:\.[\w-]{1,63}+){1,6}+")
# Eleven digits punctuated as a CPF (or bare), not inside a longer number.
_CPF = re.compile(r"(?<![\d.,/-])\d{3}[. ]?\d{3}[. ]?\d{3} ?[-./ ]? ?\d{2}(?![\d]|[.,/-]\d)")
_CNPJ = re.compile(
    r"(?<![\w.,/-])[\dA-Z]{2}\.?[\dA-Z]{3}\.?[\dA-Z]{3} ?/ ?[\dA-Z]{4} ?-? ?\d{2}(?!\d)"
    r"|(?<![\d.,/-])\d{14}(?!\d)"
)
_CEP = re.compile(
    r"(?<![\d.,/-])\d{2}\.?\d{3}-\d{3}(?!\d)|(?i:\bCEP\b)[\s:nº°.]{0,5}(\d{8}|\d{5} \d{3})(?!\d)"
)
_RG_LABELLED = re.compile(
    r"(?i:\b(?:RG|R\.G\.|identidade|carteira de identidade|documento de identidade|CI)\b)"
    r"(?:\s*(?i:n[º°o.]*|número|num\.?)\s*|\s*[:.]\s*|\s+)"
    r"((?:[A-Z]{2}[- ]?)?\d[\d.\-]{3,13}[\dXx](?:[- ]?(?:SSP|SDS|SESP|DETRAN|IFP|PC)(?:[/-][A-Z]{2})?)?)"
)
_RG_SHAPED = re.compile(r"(?<![\d.,/-])\d{1,2}\.\d{3}\.\d{3}-[\dXx](?![\d\w])")
# +55, a DDD with or without parentheses, an optional 9, then 4 + 4 digits.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+ ?55 ?|0055 ?)?(?:\( ?0?\d{2} ?\) ?|0?\d{2}[ -.]?)?9?[ .]?\d{4}[-. ]?\d{4}(?![\d]|[.,]\d)"
)
_PHONE_CONTEXT = re.compile(
    r"(?i:tel\.?|telefone|fone|celular|cel\.?|whats ?app|zap|contato|liguei|ligar|ligou|n[úu]mero)\W{0,6}$"
)
# Companies' national numbers, which are not personal: 0800, 0300, 0500, 0900 and 3003/4003/4004/4020.
_BUSINESS_PHONE = re.compile(r"^(?:0[3589]00|3003|400[0234]|4020|4090)")
_CARD = re.compile(r"(?<![\d.,])\d(?:[ -]?\d){12,18}(?![\w]|[.,]\d)")
_ACCOUNT = re.compile(
    r"(?i:\b(?:ag[eê]ncia|ag\.|ag|conta(?:[- ]corrente| poupan[cç]a| sal[áa]rio| digital| pagamento)?|"
    r"c/c|cc|c\.c\.|op(?:era[cç][ãa]o)?\.?)\b)"
    r"(?:\s*(?i:n[º°o.]*|número)\s*|\s*[:.]\s*|\s+)(\d[\d.]{1,14}(?:\s?-\s?[\dXx]{1,2})?)(?![\d])"
)
_UUID = re.compile(
    r"(?i)(?<![\w-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])"
)
_PLATE = re.compile(r"(?<![\w-])[A-Z]{3}-?\d[A-Z0-9]\d{2}(?![\w-])")
_PROTOCOL = re.compile(
    r"(?i:\b(?:protocolos?|pedidos?|contratos?|matr[íi]cula|instala[cç][ãa]o|nota fiscal|NF-?e?|"
    r"ordem de servi[çc]o|O\.?S\.?|c[óo]digo (?:do|de) cliente|n[úu]mero (?:do|de) cliente|"
    r"unidade consumidora|UC|ap[óo]lice|sinistro|chamado|ticket|boleto|fatura|conta contrato|"
    r"linha|IMEI|rastreio|c[óo]digo de rastreamento|localizador|reserva|cupom|nosso n[úu]mero)\b)"
    r"(?:\s*(?i:n[º°o.]{1,2}|n[úu]mero|de|do|da|é|e|atendimento|sob|o|[:#.])\s*|\s+){1,5}"
    r"((?=[\w./-]*\d[\w./-]*\d[\w./-]*\d[\w./-]*\d)[A-Z0-9][\w./-]{3,40}[A-Z0-9])"
)
# An unlabelled run of ten or more digits (eight without separators, or after a letter or
# three): a protocol, an account or a document nobody named.
_LONG_NUMBER = re.compile(
    r"(?<![\d.,])\d(?:[ ./-]?\d){9,29}(?![\w]|[.,]\d)|(?<![\w.,/-])[A-Z]{0,3}\d{8,}(?![\w]|[.,/-]\d)"
)
_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")
# A figure that is a sum of money, a date or a law: never personal.
_MONEY_OR_LAW = re.compile(
    r"(?i:R\$|US\$|€|\blei\b|\bart(?:igo)?\.?|\bdecreto\b|\bs[úu]mula\b|\bresolu[cç][ãa]o\b|"
    r"\bportaria\b|\binciso\b|§)\W{0,12}$"
)


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def luhn_ok(number: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(number)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _money_or_law_before(text: str, start: int) -> bool:
    return bool(_MONEY_OR_LAW.search(text[max(0, start - 24) : start]))


def find_emails(text: str) -> Iterator[Found]:
    for m in _EMAIL.finditer(text):
        yield m.start(), m.end(), Kind.EMAIL


def find_documents(text: str) -> Iterator[Found]:
    """CPF (valid or not: a typo still identifies), CNPJ (punctuated, or bare and valid), RG."""
    for m in _CNPJ.finditer(text):
        if not m.group().isdigit() or _cnpj.validate(m.group()):  # a bare one must check
            yield m.start(), m.end(), Kind.CNPJ
    for m in _CPF.finditer(text):
        number = digits(m.group())
        if _money_or_law_before(text, m.start()):
            continue
        bare = number == m.group()
        if bare and not _cpf.validate(number) and number[2] == "9":
            yield m.start(), m.end(), Kind.PHONE  # DDD + 9 + eight digits
        else:
            yield m.start(), m.end(), Kind.CPF
    for m in _RG_LABELLED.finditer(text):
        yield m.start(1), m.end(1), Kind.RG
    for m in _RG_SHAPED.finditer(text):
        yield m.start(), m.end(), Kind.RG


def find_postcodes(text: str) -> Iterator[Found]:
    for m in _CEP.finditer(text):
        start, end = (m.start(1), m.end(1)) if m.group(1) else (m.start(), m.end())
        yield start, end, Kind.CEP


def find_phones(text: str) -> Iterator[Found]:
    for m in _PHONE.finditer(text):
        raw = m.group()
        number = digits(raw)
        stripped = number[2:] if number.startswith("55") and len(number) >= 12 else number
        if _BUSINESS_PHONE.match(stripped) or _BUSINESS_PHONE.match(raw.lstrip("( ")):
            continue
        if _money_or_law_before(text, m.start()):
            continue
        punctuated = any(c in raw for c in "-() +.") and not raw.endswith(" ")
        if (
            len(number) == 8
            and not punctuated
            and not _PHONE_CONTEXT.search(text[max(0, m.start() - 30) : m.start()])
        ):
            continue
        if len(number) < 8:
            continue
        yield m.start(), m.end(), Kind.PHONE


def find_cards_and_accounts(text: str) -> Iterator[Found]:
    for m in _CARD.finditer(text):
        number = digits(m.group())
        if number.startswith(("0800", "0300", "0500", "0900")):
            continue
        if luhn_ok(number) or re.fullmatch(r"\d{4}([ -])\d{4}\1\d{4}\1\d{4}", m.group()):
            yield m.start(), m.end(), Kind.CARD
    for m in _ACCOUNT.finditer(text):
        if len(digits(m.group(1))) >= 3 or "-" in m.group(1):
            yield m.start(1), m.end(1), Kind.ACCOUNT
    for m in _UUID.finditer(text):
        yield m.start(), m.end(), Kind.ACCOUNT


def find_plates(text: str) -> Iterator[Found]:
    for m in _PLATE.finditer(text):
        yield m.start(), m.end(), Kind.PLATE


def find_identifiers(text: str) -> Iterator[Found]:
    """Numbers that point at one customer's case: labelled ones, and any long run of digits."""
    for m in _PROTOCOL.finditer(text):
        if not _DATE.fullmatch(m.group(1)):
            yield m.start(1), m.end(1), Kind.PROTOCOL
    for m in _LONG_NUMBER.finditer(text):
        if _money_or_law_before(text, m.start()) or _BUSINESS_PHONE.match(m.group()):
            continue
        if not _DATE.search(m.group()):
            yield m.start(), m.end(), Kind.PROTOCOL


FINDERS = (
    find_emails,
    find_documents,
    find_postcodes,
    find_phones,
    find_cards_and_accounts,
    find_plates,
    find_identifiers,
)
