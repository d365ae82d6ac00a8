"""Replay of consumidor.gov.br's open data through the triage suggestion (shared/triage).

    .venv/bin/python tests/bench/bench_triage.py [--uf SP] [--known filed] [--since 2014-10-01]

Reads tests/data/consumidorgov/reclamacoes_2014-08_2015-01.csv.gz (40,102 finalised complaints,
see its README) and walks the days in order. Before the complaints opened on a day are suggested,
the history receives every complaint *finalised* before that day (`--known decided`, the default:
what a Procon has decided so far) or every complaint *opened* before it (`--known filed`: the
subject and problem are set at filing, so an open case's labels are known too). Complaints opened
before `--since` only feed the history (the sample holds no case finalised before August 2014).
For each complaint it asks for three subjects and three problems from the company named, its
segment and the purchase channel, with no text (the public data carries none), and counts how
often the labelled Assunto / Problema is first, or among the three: the problem before the
attendant picks a subject and once the labelled subject is picked; beside them, the Procon's three
commonest subjects and the ceiling of any suggestion from the same fields (an oracle that knows
each company and channel's commonest labels among the scored complaints). `--no-segment` leaves
the complaint's segment out, as on the platform. It also times every call, wall clock and CPU.
Pure Python, no database; not collected by pytest (bench_*.py).
"""

import argparse
import csv
import gzip
import io
import os
import statistics
import sys
import time
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]

from shared.triage.suggest import (  # noqa: E402  (after the path is set)
    CaseHistory,
    DecidedCase,
    NewComplaint,
    Ranked,
    Smoothing,
    suggest,
)

SAMPLE = ROOT / "tests" / "data" / "consumidorgov" / "reclamacoes_2014-08_2015-01.csv.gz"
BUCKETS = [(0, 0, "0"), (1, 9, "1-9"), (10, 99, "10-99"), (100, 10**9, "100+")]


def _day(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


def load(uf: str | None) -> list[dict[str, str]]:
    with gzip.open(SAMPLE, "rb") as raw:
        reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"), delimiter=";")
        return [row for row in reader if uf is None or row["UF"] == uf]


def outcome(row: dict[str, str]) -> str:
    return row["Avaliação Reclamação"] if row["Respondida"] == "S" else "Não respondida"


def case(row: dict[str, str]) -> DecidedCase:
    return DecidedCase(
        company=row["Nome Fantasia"],
        segment=row["Segmento de Mercado"],
        channel=row["Como Comprou Contratou"],
        city=row["Cidade"],
        subject=row["Assunto"],
        problem=row["Problema"],
        outcome=outcome(row),
    )


def complaint(row: dict[str, str], *, channel: bool, segment: bool) -> NewComplaint:
    return NewComplaint(
        company=row["Nome Fantasia"],
        segment=row["Segmento de Mercado"] if segment else "",
        channel=row["Como Comprou Contratou"] if channel else "",
        city=row["Cidade"],
    )


class Tally:
    def __init__(self) -> None:
        self.n = 0
        self.hits: Counter[str] = Counter()

    def count(self, name: str, label: str, ranked: list[Ranked]) -> None:
        labels = [item.label for item in ranked]
        self.hits[f"{name} top-1"] += labels[:1] == [label]
        self.hits[f"{name} top-3"] += label in labels[:3]

    def share(self, key: str) -> str:
        return f"{100 * self.hits[key] / self.n:.1f} %" if self.n else "-"


def replay(
    rows: list[dict[str, str]],
    *,
    known: str,
    since: date,
    until: date = date.max,
    smoothing: Smoothing,
    channel: bool = True,
    segment: bool = True,
) -> dict:
    arrivals: defaultdict[date, list] = defaultdict(list)
    for row in rows:
        arrivals[_day(row["Data Abertura"])].append(row)
    key = "Data Finalização" if known == "decided" else "Data Abertura"
    feed = sorted(rows, key=lambda row: _day(row[key]))
    history, fed = CaseHistory(smoothing=smoothing), 0
    tallies: defaultdict[str, Tally] = defaultdict(Tally)
    times: list[float] = []  # wall clock
    cpu_times: list[float] = []  # this process's CPU time
    outcome_hits = outcome_n = 0
    for day in sorted(arrivals):
        while fed < len(feed) and _day(feed[fed][key]) < day:
            history.add(case(feed[fed]))
            fed += 1
        if not since <= day < until:
            continue
        for row in arrivals[day]:
            new = complaint(row, channel=channel, segment=segment)
            past = history.company_cases(new.company)
            started, cpu = time.perf_counter(), time.process_time()
            suggestion = suggest(history, new, k=3)
            times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu)
            picked = suggest(history, new, k=3, subject=row["Assunto"])
            bucket = next(name for low, high, name in BUCKETS if low <= past <= high)
            # the baseline: the Procon's three commonest subjects, whoever the company
            commonest = [Ranked(label, 0.0) for label, _ in history.subjects.most_common(3)]
            for tally in (tallies["all"], tallies[bucket]):
                tally.n += 1
                tally.count("subject", row["Assunto"], suggestion.subjects)
                tally.count("problem", row["Problema"], suggestion.problems)
                tally.count("problem | subject", row["Problema"], picked.problems)
                tally.count("commonest subjects", row["Assunto"], commonest)
            usual = history.usual_outcome(new.company, min_cases=5)
            if usual is not None:
                outcome_n += 1
                outcome_hits += usual.outcome == outcome(row)
    times.sort()
    cpu_times.sort()
    evaluated = [row for day in arrivals if since <= day < until for row in arrivals[day]]
    return {
        "ceiling": {
            "subject": ceiling(evaluated, ["Nome Fantasia", "Como Comprou Contratou"], "Assunto"),
            "problem": ceiling(evaluated, ["Nome Fantasia", "Como Comprou Contratou"], "Problema"),
            "problem | subject": ceiling(evaluated, ["Nome Fantasia", "Assunto"], "Problema"),
        },
        "tallies": tallies,
        "history": history.cases,
        "ms_p50": 1000 * statistics.median(times),
        "ms_p95": 1000 * times[int(0.95 * (len(times) - 1))],
        "ms_max": 1000 * times[-1],
        "cpu_ms_p50": 1000 * statistics.median(cpu_times),
        "cpu_ms_p95": 1000 * cpu_times[int(0.95 * (len(cpu_times) - 1))],
        "cpu_ms_max": 1000 * cpu_times[-1],
        "outcome": (outcome_hits, outcome_n),
    }


def ceiling(rows: list[dict[str, str]], given: list[str], label: str) -> tuple[float, float]:
    """Top-1 and top-3 accuracy of an oracle that knows, for each value of the `given` columns,
    the commonest labels among these very rows (the future included): the most any suggestion
    from those columns alone could score."""
    groups: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for row in rows:
        groups[tuple(row[name] for name in given)][row[label]] += 1
    top = [sum(n for _, n in counts.most_common(k)) for k in (1, 3) for counts in groups.values()]
    half = len(groups)
    n = max(len(rows), 1)
    return 100 * sum(top[:half]) / n, 100 * sum(top[half:]) / n


def report(result: dict, title: str) -> None:
    tallies = result["tallies"]
    columns = ["subject", "problem", "problem | subject"]
    suggested, history = tallies["all"].n, result["history"]
    print(f"\n{title}: {suggested} complaints suggested, history at the end {history}")
    print(
        "| company's past cases | complaints | "
        + " | ".join(f"{name} top-1 | {name} top-3" for name in columns)
        + " | most frequent subjects top-3 |"
    )
    for _, _, name in [(0, 0, "all"), *BUCKETS]:
        tally = tallies.get(name)
        if tally is None or not tally.n:
            continue
        cells = [tally.share(f"{c} top-{k}") for c in columns for k in (1, 3)]
        print(
            f"| {name} | {tally.n} | "
            + " | ".join(cells)
            + f" | {tally.share('commonest subjects top-3')} |"
        )
    oracle = " | ".join(
        f"{name} {top1:.1f} % / {top3:.1f} %" for name, (top1, top3) in result["ceiling"].items()
    )
    print(f"ceiling (top-1 / top-3 of an oracle knowing each group's commonest labels): {oracle}")
    hits, n = result["outcome"]
    print(
        f"time per suggestion: p50 {result['ms_p50']:.2f} ms, p95 {result['ms_p95']:.2f} ms, "
        f"max {result['ms_max']:.2f} ms (wall); CPU p50 {result['cpu_ms_p50']:.2f} ms, "
        f"p95 {result['cpu_ms_p95']:.2f} ms, max {result['cpu_ms_max']:.2f} ms; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    if n:
        share = 100 * hits / n
        print(f"usual outcome (companies with 5 decided cases or more) = the case's: {share:.1f} %")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--uf", default=None, help="only this state's rows (history and replay)")
    parser.add_argument("--known", choices=["decided", "filed"], default="decided")
    parser.add_argument("--since", default="2014-10-01")
    parser.add_argument("--no-channel", action="store_true", help="the purchase channel unknown")
    parser.add_argument(
        "--no-segment",
        action="store_true",
        help="the complaint's segment unknown (as on the platform, whose companies have none): "
        "the one most of the company's past cases carry",
    )
    args = parser.parse_args()
    rows = load(args.uf)
    since = date.fromisoformat(args.since)
    result = replay(
        rows,
        known=args.known,
        since=since,
        smoothing=Smoothing(),
        channel=not args.no_channel,
        segment=not args.no_segment,
    )
    unknown = [name for name in ("channel", "segment") if getattr(args, f"no_{name}")]
    report(
        result,
        f"{args.uf or 'all states'}, {len(rows)} rows, known={args.known}, since {since}"
        + (f", without {' and '.join(unknown)}" if unknown else ""),
    )


if __name__ == "__main__":
    main()
