"""Cut `reclamacoes_2014-08_2015-01.csv.gz` from the monthly consumidor.gov.br files kept in the
public repository taiar/tp2-ibd (README.md of this folder names the commit).

    git clone https://github.com/taiar/tp2-ibd && \
        python tests/data/consumidorgov/make_sample.py tp2-ibd/dados

Reads the six files of 2014-08 to 2015-01 (Windows-1252, `;`-separated, no header line, the 23
columns named below), keeps every row and only the columns the triage benchmark needs (the
consumer's sex, age band and rating are left out), writes UTF-8 with a header, gzip without a
timestamp so that the same input gives the same bytes. Not collected by pytest.
"""

import csv
import gzip
import io
import sys
from pathlib import Path

MONTHS = ["2014-08", "2014-09", "2014-10", "2014-11", "2014-12", "2015-01"]
SOURCE_COLUMNS = [
    "Região", "UF", "Cidade", "Sexo", "Faixa Etária", "Ano Abertura", "Mês Abertura",
    "Data Abertura", "Data Resposta", "Data Finalização", "Tempo Resposta", "Nome Fantasia",
    "Segmento de Mercado", "Área", "Assunto", "Grupo Problema", "Problema",
    "Como Comprou Contratou", "Procurou Empresa", "Respondida", "Situação",
    "Avaliação Reclamação", "Nota do Consumidor",
]  # fmt: skip
KEPT = [
    "Arquivo", "Data Abertura", "Data Finalização", "UF", "Cidade", "Nome Fantasia",
    "Segmento de Mercado", "Área", "Assunto", "Grupo Problema", "Problema",
    "Como Comprou Contratou", "Procurou Empresa", "Respondida", "Situação",
    "Avaliação Reclamação",
]  # fmt: skip
OUT = Path(__file__).with_name("reclamacoes_2014-08_2015-01.csv.gz")


def main(folder: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(KEPT)
    rows = 0
    for month in MONTHS:
        with (folder / f"{month}.csv").open(encoding="cp1252", newline="") as source:
            for values in csv.reader(source, delimiter=";"):
                if len(values) != len(SOURCE_COLUMNS):
                    raise ValueError(f"{month}: {len(values)} columns in {values!r}")
                row = dict(zip(SOURCE_COLUMNS, values, strict=True), Arquivo=month)
                writer.writerow([row[name].strip() for name in KEPT])
                rows += 1
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(buffer.getvalue().encode("utf-8"))
    print(f"{rows} rows -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
