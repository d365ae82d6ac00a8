"""The name and CNPJ under which a company appears in a public file (open data, registry,
SINDEC, publications): never a person's CPF or name, never a name nobody checked.

A sole trader's (MEI, empresário individual) legal name is the owner's name followed by their
CPF ("VINICIUS SOUZA DE OLIVEIRA 36241338889"); a consumer may type any name for an unverified
company. Such a company is published by its trade name when that one is clean, else as
"Pessoa física", with the CNPJ root only (the branch digits add nothing to a one-person firm).

A supplier identified by CPF (SINDEC Tipo 0, `Company.kind == "cpf"`, its `cnpj` empty) is a
person: always "Pessoa física", with neither its CPF nor the name the consumer typed.
"""

import re
from dataclasses import dataclass

from shared.documents import format_cnpj

PERSON = "Pessoa física"
# The label of a company whose name nobody has checked (the consumer typed it): its CNPJ root.
UNVERIFIED = "Empresa não verificada (CNPJ {root})"
# A supplier a consumer named without a CNPJ or CPF (the attendant has not completed it).
NOT_IDENTIFIED = "Fornecedor não identificado"
# Eleven digits, punctuated as a CPF or not, not part of a longer number.
_CPF_SHAPED = re.compile(r"(?<![0-9])[0-9]{3}\.?[0-9]{3}\.?[0-9]{3}[-./ ]?[0-9]{2}(?![0-9])")
# Words that name a one-person firm, whose name is its owner's.
_SOLE_TRADER = re.compile(
    r"\b(MEI|MICROEMPREENDEDOR INDIVIDUAL|EMPRES[AÁ]RIO INDIVIDUAL|PESSOA F[IÍ]SICA)\b",
    re.IGNORECASE,
)


# The same two tests in PostgreSQL's regular expressions (\y is its word boundary), for searches
# that must not find a sole trader by the owner's name.
PERSONAL_NAME_SQL_REGEX = (
    r"(^|[^0-9])[0-9]{3}\.?[0-9]{3}\.?[0-9]{3}[-./ ]?[0-9]{2}([^0-9]|$)"
    r"|\y(MEI|MICROEMPREENDEDOR INDIVIDUAL|EMPRES[AÁ]RIO INDIVIDUAL|PESSOA F[IÍ]SICA)\y"
)


def looks_personal(name: str) -> bool:
    """A CPF-shaped number in the name, or a sole trader's marker."""
    return bool(_CPF_SHAPED.search(name or "") or _SOLE_TRADER.search(name or ""))


def cnpj_root_display(cnpj: str) -> str:
    return format_cnpj(cnpj)[:10] if len(cnpj) == 14 else cnpj[:8]


@dataclass(frozen=True)
class PublicCompany:
    cnpj: str
    legal_name: str
    trade_name: str
    person: bool

    @property
    def name(self) -> str:
        """One name for a single-name column (open data's "Nome Fantasia")."""
        return self.trade_name or self.legal_name


def public_company(*, cnpj: str, legal_name: str, trade_name: str) -> PublicCompany:
    if not cnpj:
        return PublicCompany(cnpj="", legal_name=PERSON, trade_name="", person=True)
    trade = "" if looks_personal(trade_name) else (trade_name or "").strip()
    if looks_personal(legal_name):
        return PublicCompany(
            cnpj=cnpj[:8], legal_name=trade or PERSON, trade_name=trade, person=True
        )
    return PublicCompany(cnpj=cnpj, legal_name=legal_name, trade_name=trade, person=False)


def open_data_company_name(
    *, cnpj: str, legal_name: str, trade_name: str, verified: bool, kind: str = "cnpj"
) -> str:
    """The registered name once the company is verified; before that only its CNPJ root (the
    name was typed by a consumer and nobody has checked it). A supplier the consumer named
    without a document (`kind` "name") is neither a person nor a checked name."""
    if kind == "name":
        return NOT_IDENTIFIED
    if not cnpj:
        return PERSON
    if not verified:
        return UNVERIFIED.format(root=cnpj_root_display(cnpj))
    return public_company(cnpj=cnpj, legal_name=legal_name, trade_name=trade_name).name
