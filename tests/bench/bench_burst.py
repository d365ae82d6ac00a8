"""A burst of duplicate filings against a running `make run`: how long until every copy is
answered.

    make run                                   # in another terminal (or RUN_ADDR=... make run)
    .venv/bin/python tests/bench/bench_burst.py [--url http://127.0.0.1:8000] [--procon santos]
                                                [--filings 65] [--copies 2] [--rounds 3]

Sets up, in `make run`'s database (the development settings, the same PGPORT), four consumers
with API tokens and a valid filing for the Procon; then, per round, opens one connection per copy
and releases them all at once: `--filings` complaints, each sent `--copies` times at the same
instant with one Idempotency-Key. It prints the time from the release to the last answer, the
slowest single answer and the status codes, then checks one 201 per key (every repeat 200 with
the same number), no error, no dropped connection, and every complaint once in its schema and
in the case index. Exits non-zero on any of those. Not collected by pytest (bench_*.py).
"""

import argparse
import os
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "tests" / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import harness  # noqa: E402 (after the path)


def prepare(procon_slug: str, consumers: int) -> tuple[object, list[str], dict]:
    import django

    django.setup()
    from django.db import connection
    from validate_docbr import CNPJ

    from shared.accounts.actions import do_issue_api_token
    from shared.companies.actions import do_register_company
    from shared.procons.models import Procon
    from tests.factories import ConsumerFactory

    procon = Procon.objects.get(slug=procon_slug)
    tokens = [
        do_issue_api_token(
            ConsumerFactory(email=f"rajada-{uuid.uuid4().hex[:12]}@exemplo.test"), name="rajada"
        )[1]
        for _ in range(consumers)
    ]
    company = do_register_company(cnpj=CNPJ().generate(), legal_name="Loja da Rajada Ltda")
    body = harness.filing_body(
        procon,
        company,
        facts="Comprei um fogão que nunca foi entregue e a loja não responde.",
        request="Quero a entrega ou o dinheiro de volta.",
    )
    connection.close()
    return procon, tokens, body


def burst(url: str, host: str, tokens: list[str], body: dict, filings: int, copies: int) -> dict:
    run = uuid.uuid4().hex[:8]
    plan = [
        (f"rajada-{run}-{index}", tokens[index % len(tokens)])
        for index in range(filings)
        for _copy in range(copies)
    ]
    # Every copy on its own new connection, all released at the same instant.
    gate = threading.Barrier(len(plan) + 1)
    released = [0.0]

    def send(index: int) -> tuple[str, int | None, str, float]:
        key, token = plan[index]
        gate.wait()
        try:
            response = requests.post(
                f"{url}/api/v1/complaints/",
                json=body,
                headers={"Host": host, "Authorization": f"Token {token}", "Idempotency-Key": key},
                timeout=60,
            )
        except requests.RequestException as error:
            return key, None, repr(error), time.perf_counter()
        number = response.json().get("number", "") if response.status_code < 300 else ""
        return key, response.status_code, number or response.text[:200], time.perf_counter()

    with ThreadPoolExecutor(max_workers=len(plan)) as pool:
        futures = [pool.submit(send, index) for index in range(len(plan))]
        time.sleep(0.2)
        released[0] = time.perf_counter()
        gate.wait()
        answers = [future.result() for future in futures]
    return {"run": run, "released": released[0], "answers": answers}


def check(procon: object, result: dict, filings: int) -> list[str]:
    from django.db import connection
    from django_tenants.utils import schema_context, tenant_context

    from shared.caseindex.models import CaseIndexEntry
    from tenants.complaints.models import Complaint

    problems = []
    by_key: dict[str, list[tuple[int | None, str]]] = defaultdict(list)
    for key, code, number, _at in result["answers"]:
        by_key[key].append((code, number))
    for key, replies in by_key.items():
        codes = sorted(code or 0 for code, _ in replies)
        if codes != [200] * (len(replies) - 1) + [201] or len({n for _, n in replies}) != 1:
            problems.append(f"{key}: {replies}")
    numbers = {
        number for replies in by_key.values() for code, number in replies if code in (200, 201)
    }
    with tenant_context(procon):
        stored = Complaint.objects.filter(
            idempotency_key__startswith=f"rajada-{result['run']}-"
        ).count()
    with schema_context("public"):
        indexed = CaseIndexEntry.objects.filter(procon=procon, number__in=numbers).count()
    connection.close()
    if stored != filings or indexed != filings:
        problems.append(f"stored {stored}, indexed {indexed}, expected {filings}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--procon", default="santos")
    parser.add_argument("--filings", type=int, default=65)
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    port = args.url.rsplit(":", 1)[-1].strip("/")
    procon, tokens, body = prepare(args.procon, consumers=4)
    host = f"{procon.slug}.localhost:{port}"
    failed = False
    print(f"{args.filings} filings x {args.copies} simultaneous copies against {args.url} ({host})")
    for round_number in range(1, args.rounds + 1):
        result = burst(args.url, host, tokens, body, args.filings, args.copies)
        ends = [at - result["released"] for *_rest, at in result["answers"]]
        codes = Counter(code for _key, code, _number, _at in result["answers"])
        problems = check(procon, result, args.filings)
        failed |= bool(problems)
        print(
            f"round {round_number}: all {len(ends)} answers in {max(ends):.2f} s "
            f"(median answer {sorted(ends)[len(ends) // 2]:.2f} s); codes {dict(codes)}; "
            f"{'OK' if not problems else 'PROBLEMS: ' + '; '.join(problems[:3])}",
            flush=True,
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
