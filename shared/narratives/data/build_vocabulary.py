"""Rebuild `portuguese_words.tsv` and `surnames.txt` from their sources (see SOURCE.md).

    python shared/narratives/data/build_vocabulary.py PT_BR_DIC_WITHOUT_EXTENSION SURNAME_CSV

Needs the `wordfreq` package (3.1.1) importable and the `hunspell` command (Debian's `hunspell`);
neither is a dependency of the platform. Not imported at run time.
"""

import csv
import subprocess
import sys
import unicodedata
from pathlib import Path

import wordfreq

HERE = Path(__file__).resolve().parent
# A word rarer than this in Portuguese text (Zipf scale: 2.0 = once in ten million words) is
# left out, and so counts as unknown.
MIN_ZIPF = 2.0
# A word the dictionary does not know still counts as Portuguese from this frequency when no
# census name spells it: abbreviations and loans of informal writing ("vc", "pq", "app").
INFORMAL_ZIPF = 3.5


def fold(word: str) -> str:
    return "".join(unicodedata.normalize("NFKD", c)[0] for c in word).upper()


def main(dictionary: str, surname_csv: str) -> None:
    frequencies = {
        w: wordfreq.zipf_frequency(w, "pt")
        for w in wordfreq.get_frequency_dict("pt")
        if w.isalpha() and w.islower()
    }
    # hunspell -G prints the words the pt_BR dictionary accepts (in lower case: a proper noun
    # such as "Tyler" is not accepted as "tyler").
    accepted = set(
        subprocess.run(  # noqa: S603 - a fixed command, run by hand to rebuild the file
            ["hunspell", "-d", dictionary, "-G", "-i", "utf-8"],  # noqa: S607
            input="\n".join(frequencies),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )
    census = {
        line.split("\t")[0]
        for line in (HERE / "first_names.tsv").read_text(encoding="utf-8").splitlines()
    }
    words: dict[str, float] = {}
    for word, zipf in frequencies.items():
        key = fold(word)
        if word in accepted or (zipf >= INFORMAL_ZIPF and key not in census):
            words[key] = max(words.get(key, 0.0), zipf)
    (HERE / "portuguese_words.tsv").write_text(
        "".join(
            f"{key}\t{round(zipf * 10)}\n"
            for key, zipf in sorted(words.items())
            if zipf >= MIN_ZIPF
        ),
        encoding="utf-8",
    )
    in_text = {fold(w) for w in wordfreq.get_frequency_dict("pt") if w.isalpha()}
    with open(surname_csv, encoding="utf-8") as rows:
        surnames = sorted(
            {
                row["name"]
                for row in csv.DictReader(rows)
                if row["name"].isalpha() and len(row["name"]) >= 2 and row["name"] in in_text
            }
        )
    (HERE / "surnames.txt").write_text("".join(f"{s}\n" for s in surnames), encoding="utf-8")
    print(f"{sum(z >= MIN_ZIPF for z in words.values())} words, {len(surnames)} surnames")


if __name__ == "__main__":
    main(*sys.argv[1:3])
