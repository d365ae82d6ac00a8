"""Recall and precision of the narrative scrubber on the labelled sample, and its time on CPU.

    .venv/bin/python tests/bench/bench_scrubber.py [--split SPLIT|all] [--errors] [--reps 5]

SPLIT is one of SPLITS (tests/data/narratives/README.md says how each was made and used).

A gold datum is *found* when every one of its non-blank characters is inside some redaction
(of any kind: a phone taken for a CPF is still not published). A redaction is *right* when it
overlaps a gold datum; one that overlaps none redacted something public. Recall = found / gold,
precision = right / redactions, per kind (recall by the gold kind, precision by the kind the
scrubber gave) and overall. Two runs: as the platform calls it (the company's names and CNPJ in
`keep`, the consumer's own name in `also_redact`) and without the consumer's name. `--errors`
prints the misses and the wrong redactions of the tuning split (a held-out split is for
measuring; docs/narratives.md tells which split was read when). Not collected by pytest (bench_*.py). No database.
"""

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]

from shared.narratives.scrubber import find  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "narratives"
# In the order they were written; each held-out split was measured once before its errors were read.
SPLITS = [
    "tuning",
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
]


def load(split: str) -> list[dict]:
    lines = (SAMPLE / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def evaluate(records: list[dict], *, hinted: bool = True, errors: list | None = None) -> dict:
    gold, found, predicted, right = Counter(), Counter(), Counter(), Counter()
    for record in records:
        text = record["text"]
        hints = [record["consumer"]] if hinted and record.get("consumer") else []
        spans = find(text, keep=record["keep"], also_redact=hints)
        covered = set()
        for start, end, _kind in spans:
            covered.update(range(start, end))
        for g in record["spans"]:
            gold[g["kind"]] += 1
            if all(i in covered or text[i].isspace() for i in range(g["start"], g["end"])):
                found[g["kind"]] += 1
            elif errors is not None:
                errors.append(
                    ("missed", g["kind"], text[g["start"] : g["end"]], record["id"], text)
                )
        for start, end, kind in spans:
            predicted[kind.value] += 1
            if any(g["start"] < end and start < g["end"] for g in record["spans"]):
                right[kind.value] += 1
            elif errors is not None:
                errors.append(("wrong", kind.value, text[start:end], record["id"], text))
    return {"gold": gold, "found": found, "predicted": predicted, "right": right}


def _ratio(a: int, b: int) -> str:
    return f"{100 * a / b:6.2f} %" if b else "    —   "


def report(title: str, result: dict) -> None:
    print(f"\n{title}")
    print(
        f"{'kind':10} {'gold':>5} {'found':>6} {'recall':>9}   {'redacted':>8} {'right':>6} {'precision':>9}"
    )
    kinds = sorted(set(result["gold"]) | set(result["predicted"]))
    for kind in kinds:
        g, f = result["gold"][kind], result["found"][kind]
        p, r = result["predicted"][kind], result["right"][kind]
        print(f"{kind:10} {g:5} {f:6} {_ratio(f, g):>9}   {p:8} {r:6} {_ratio(r, p):>9}")
    g, f = sum(result["gold"].values()), sum(result["found"].values())
    p, r = sum(result["predicted"].values()), sum(result["right"].values())
    print(f"{'all':10} {g:5} {f:6} {_ratio(f, g):>9}   {p:8} {r:6} {_ratio(r, p):>9}")


def timing(records: list[dict], reps: int) -> None:
    per_narrative = []
    for _ in range(reps):
        for record in records:
            began = time.perf_counter()
            find(record["text"], keep=record["keep"], also_redact=[record.get("consumer") or ""])
            per_narrative.append(time.perf_counter() - began)
    per_narrative.sort()
    mean_chars = statistics.mean(len(r["text"]) for r in records)
    print(
        f"\ntime per narrative ({len(per_narrative)} runs, mean {mean_chars:.0f} characters):"
        f" p50 {1000 * per_narrative[len(per_narrative) // 2]:.2f} ms,"
        f" p95 {1000 * per_narrative[int(len(per_narrative) * 0.95)]:.2f} ms,"
        f" max {1000 * per_narrative[-1]:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="all", choices=[*SPLITS, "all"])
    parser.add_argument("--errors", action="store_true", help="print the tuning split's errors")
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    # Load the word lists and the municipalities before timing.
    find("Sra. Maria Helena mora em Juiz de Fora.", keep=["Vivo"], also_redact=["Ana"])
    splits = SPLITS if args.split == "all" else [args.split]
    for split in splits:
        records = load(split)
        errors: list | None = [] if args.errors and split == "tuning" else None
        report(
            f"{split}: {len(records)} narratives, keep + the consumer's name",
            evaluate(records, errors=errors),
        )
        report(f"{split}: keep only (no name given)", evaluate(records, hinted=False))
        timing(records, args.reps)
        for error in errors or []:
            print(" | ".join(error[:4]))


if __name__ == "__main__":
    main()
