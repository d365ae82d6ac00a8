"""The rows every Procon starts with, read from the CSV files in `data/` and written by the data
migration and by `do_seed_rules`.

`data/provisions.csv` holds the articles of the Consumer Defence Code (Lei 8.078/1990) and of
Decreto 2.181/1997 that autos de infração commonly cite, with a short summary of their text; the
default groups are proposals the Procon checks against its own fine rules.
`data/circumstances.csv` holds Decreto 2.181/1997 arts. 25 and 26; their 1/6 fractions are
unverified defaults, except the verified-company seal (Procon-SP: at least 1/6). A row's position
is its order in the file. docs/sanctions.md describes the columns.
"""

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
PROVISIONS_CSV = DATA_DIR / "provisions.csv"
CIRCUMSTANCES_CSV = DATA_DIR / "circumstances.csv"

UFIR_FROZEN_ON = date(2000, 1, 1)
UFIR_FROZEN_VALUE = Decimal("1.0641")
POSITION_STEP = 10
_BOOLEANS = {"true": True, "false": False}


@dataclass(frozen=True)
class ProvisionRow:
    code: str
    title: str
    text: str
    law: str
    default_group: str
    sets_sanction: bool
    position: int


@dataclass(frozen=True)
class CircumstanceRow:
    code: str
    kind: str
    label: str
    numerator: int
    denominator: int
    legal_basis: str
    verified: bool
    position: int


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row as a dict with its position (file order × POSITION_STEP)."""
    with path.open(encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle, strict=True)):
            yield index * POSITION_STEP, row


def _boolean(path: Path, row: dict[str, str], column: str) -> bool:
    try:
        return _BOOLEANS[row[column]]
    except KeyError:
        raise ValueError(
            f"{path.name}: {column} must be true or false, not {row[column]!r}"
        ) from None


@cache
def provisions() -> tuple[ProvisionRow, ...]:
    return tuple(
        ProvisionRow(
            code=row["code"],
            title=row["title"],
            text=row["text"],
            law=row["law"],
            default_group=row["default_group"],
            sets_sanction=_boolean(PROVISIONS_CSV, row, "sets_sanction"),
            position=position,
        )
        for position, row in _rows(PROVISIONS_CSV)
    )


@cache
def circumstances() -> tuple[CircumstanceRow, ...]:
    return tuple(
        CircumstanceRow(
            code=row["code"],
            kind=row["kind"],
            label=row["label"],
            numerator=int(row["numerator"]),
            denominator=int(row["denominator"]),
            legal_basis=row["legal_basis"],
            verified=_boolean(CIRCUMSTANCES_CSV, row, "verified"),
            position=position,
        )
        for position, row in _rows(CIRCUMSTANCES_CSV)
    )


def seed_rules(provision_model: type, ufir_model: type, circumstance_model: type) -> None:
    """Add what is missing; rows the Procon changed are left as they are."""
    existing = {code.casefold() for code in provision_model.objects.values_list("code", flat=True)}
    provision_model.objects.bulk_create(
        [
            provision_model(**vars(row))
            for row in provisions()
            if row.code.casefold() not in existing
        ]
    )
    ufir_model.objects.get_or_create(
        valid_from=UFIR_FROZEN_ON, defaults={"value": UFIR_FROZEN_VALUE}
    )
    circumstance_model.objects.bulk_create(
        [circumstance_model(**vars(row)) for row in circumstances()], ignore_conflicts=True
    )
