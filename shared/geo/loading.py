"""Reads the IBGE files shipped in `shared/geo/data/`; used by the data migration."""

import csv
from collections.abc import Iterator
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(filename: str) -> Iterator[dict[str, str]]:
    with (DATA_DIR / filename).open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def federative_units() -> Iterator[dict[str, object]]:
    for row in _rows("estados.csv"):
        yield {
            "ibge_code": int(row["codigo_uf"]),
            "abbreviation": row["uf"],
            "name": row["nome"],
            "region": row["regiao"],
        }


def municipalities() -> Iterator[dict[str, object]]:
    for row in _rows("municipios.csv"):
        yield {
            "ibge_code": int(row["codigo_ibge"]),
            "name": row["nome"],
            "uf_id": int(row["codigo_uf"]),
            "latitude": row["latitude"],
            "longitude": row["longitude"],
            "is_capital": row["capital"] == "1",
            "area_code": int(row["ddd"]),
            "timezone": row["fuso_horario"],
        }
