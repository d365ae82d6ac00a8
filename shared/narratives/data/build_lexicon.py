"""Rebuild `first_names.tsv` and `common_words.txt` from their sources (see SOURCE.md).

    python shared/narratives/data/build_lexicon.py GENDER_BY_NAME_JSON PT_BR_DIC

Not imported at run time; the scrubber reads the two files it writes.
"""

import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
# A name this rare or rarer is left out (the census file starts at about 20 people).
MIN_PEOPLE = 20
# A common word that is also a given name counts as ambiguous below this many people.
AMBIGUOUS_BELOW = 20000


def fold(word: str) -> str:
    return "".join(unicodedata.normalize("NFKD", c)[0] for c in word).upper()


def main(census_json: str, dic_path: str) -> None:
    census = json.loads(Path(census_json).read_text(encoding="utf-8"))
    people = {
        name: int(info["frequency_female"] + info["frequency_male"])
        for name, info in census.items()
        if name.isalpha()
    }
    names = {name: count for name, count in people.items() if count >= MIN_PEOPLE}
    words: set[str] = set()
    for line in Path(dic_path).read_text(encoding="utf-8").splitlines()[1:]:
        stem, _, flags = line.partition("/")
        stem = stem.strip()
        if stem and stem.isalpha() and stem[0].islower():
            words.add(fold(stem))
            if flags:
                words.add(fold(stem) + "S")
    (HERE / "first_names.tsv").write_text(
        "".join(f"{name}\t{count}\n" for name, count in sorted(names.items())), encoding="utf-8"
    )
    common = sorted(
        name for name, count in names.items() if name in words and count < AMBIGUOUS_BELOW
    )
    (HERE / "common_words.txt").write_text("".join(f"{w}\n" for w in common), encoding="utf-8")
    print(f"{len(names)} names, {len(common)} of them common words")


if __name__ == "__main__":
    main(*sys.argv[1:3])
