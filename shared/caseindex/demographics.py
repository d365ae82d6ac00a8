"""The demographic columns the figures and the national files read, derived from what the
consumer chose to give: the age band at the date the atendimento was opened (from the birth
date), the sex as stated, and the CEP as published (its first five digits).

The bands and their labels are SINDEC's (the `FaixaEtariaConsumidor` column of the national
Procon files, also the `Faixa Etária` of consumidor.gov.br's): up to 20, then by decades to 70,
and over 70. The codes are what the index stores; the labels are what the files write."""

from datetime import date

# (code, oldest age in the band, published label), youngest first; the last band has no top.
AGE_BANDS: tuple[tuple[str, int | None, str], ...] = (
    ("ate_20", 20, "até 20 anos"),
    ("21_30", 30, "entre 21 a 30 anos"),
    ("31_40", 40, "entre 31 a 40 anos"),
    ("41_50", 50, "entre 41 a 50 anos"),
    ("51_60", 60, "entre 51 a 60 anos"),
    ("61_70", 70, "entre 61 a 70 anos"),
    ("mais_70", None, "mais de 70 anos"),
)
AGE_BAND_LABELS: dict[str, str] = {code: label for code, _top, label in AGE_BANDS}
# The published label of an unknown age and sex.
AGE_UNKNOWN = "Não informada"
SEX_UNKNOWN = "Não informado"
SEX_LABELS: dict[str, str] = {"F": "Feminino", "M": "Masculino"}
# How many leading digits of the CEP are published: the CEP's sector and subsector (a
# district of thousands of addresses); the full CEP can name a street or a building.
PUBLISHED_CEP_DIGITS = 5


def age_on(birth_date: date, on: date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def age_band(birth_date: date | None, on: date) -> str:
    """The band code of a person born on `birth_date`, on the date `on`; "" when unknown."""
    if birth_date is None or birth_date > on:
        return ""
    age = age_on(birth_date, on)
    for code, top, _label in AGE_BANDS:
        if top is None or age <= top:
            return code
    return ""  # pragma: no cover (the last band has no top)


def published_cep(cep: str) -> str:
    """The part of a CEP's digits the index keeps and the files publish ("" when none)."""
    return cep[:PUBLISHED_CEP_DIGITS] if len(cep) == 8 else ""


def age_band_label(code: str) -> str:
    return AGE_BAND_LABELS.get(code, AGE_UNKNOWN)


def sex_label(code: str) -> str:
    return SEX_LABELS.get(code, SEX_UNKNOWN)
