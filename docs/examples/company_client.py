#!/usr/bin/env python3
"""A company's system answering its Procon Digital cases through API v1.

It polls the company's inbox on the platform's host (every Procon's cases against the company's
CNPJ root in one list), reads each case waiting for the company, and answers it. Only Python 3's
standard library is used. Replace `compose_answer` with your own rules (or a hand-off to your
customer-service system); everything else is the API as docs/api.md describes it.

    PROCON_API_URL=http://localhost:8000 PROCON_API_KEY=<key> python3 docs/examples/company_client.py --once

PROCON_API_KEY is a company API key (`pdk_…`, sent as `Authorization: Bearer`) with the scopes
cases:read and cases:answer, or a person's API token (`pd_…`, sent as `Authorization: Token`) of
one of the company's agents. Exit status: 0 when every case was answered or skipped, 1 when an
answer was refused for a reason other than the case having moved on, 2 for bad credentials.
"""

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

API = "/api/v1"
# Cases the company can answer: waiting for its answer, or past the deadline (a late answer).
ANSWERABLE = ("cip_sent", "cip_lapsed")


class ApiError(Exception):
    def __init__(self, status: int, body: Any) -> None:
        super().__init__(f"HTTP {status}: {body}")
        self.status = status
        self.body = body


class Client:
    def __init__(self, base_url: str, key: str, timeout: float = 30) -> None:
        self.base_url = base_url.rstrip("/")
        # A company API key is a bearer credential; a person's token uses the Token keyword.
        scheme = "Bearer" if key.startswith("pdk_") else "Token"
        self.headers = {
            "Authorization": f"{scheme} {key}",
            "Accept": "application/json",
            "Accept-Language": "en",
        }
        self.timeout = timeout

    def request(self, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
        if url.startswith("/"):
            url = self.base_url + url
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"not an HTTP URL: {url}")
        data = None
        headers = dict(self.headers)
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        # The scheme was checked above: only http and https are opened.
        request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                raw = response.read()
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                payload = json.loads(raw)
            except ValueError:
                payload = raw.decode(errors="replace")
            raise ApiError(error.code, payload) from None
        return json.loads(raw) if raw else None

    def pages(self, path: str, query: dict[str, str]) -> Any:
        """Every row of a keyset-paginated list: follow `next` until it is null."""
        url: str | None = f"{path}?{urllib.parse.urlencode(query)}"
        while url:
            page = self.request("GET", url)
            yield from page["results"]
            url = page["next"]


def compose_answer(case: dict[str, Any]) -> dict[str, str]:
    """The company's answer to one case. `answer_type` is one of: solved_monetary,
    solved_non_monetary, explained, refused_not_customer, refused_duplicate, refused_other."""
    return {
        "answer_type": "explained",
        "text": (
            f"Prezado(a) {case['consumer_name']}, recebemos a reclamação {case['number']} "
            "e nossa equipe entrará em contato em até 2 dias úteis para resolver o caso."
        ),
    }


def answer_open_cases(client: Client, *, procon: str | None = None) -> tuple[int, int]:
    """Answer every case waiting for the company; returns (answered, refused)."""
    answered = refused = 0
    for status in ANSWERABLE:
        query = {"status": status, "sort": "deadline"}
        if procon:
            query["procon"] = procon
        for row in list(client.pages(f"{API}/inbox/", query)):
            slug, number = row["procon"]["slug"], row["number"]
            case = client.request("GET", f"{API}/inbox/{slug}/{number}/")
            if not case["can_answer"]:
                continue
            try:
                client.request(
                    "POST", f"{API}/inbox/{slug}/{number}/answer/", body=compose_answer(case)
                )
            except ApiError as error:
                if error.status == 409:
                    # The case moved on since the list was read (answered by a colleague,
                    # closed by the Procon): nothing to do.
                    print(f"skipped {slug} {number}: {error.body.get('code')}", flush=True)
                    continue
                if error.status == 400:
                    print(f"refused {slug} {number}: {error.body}", file=sys.stderr, flush=True)
                    refused += 1
                    continue
                raise
            print(f"answered {slug} {number}", flush=True)
            answered += 1
    return answered, refused


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url",
        default=os.environ.get("PROCON_API_URL", "http://localhost:8000"),
        help="the platform's host (default: $PROCON_API_URL or http://localhost:8000)",
    )
    parser.add_argument("--procon", help="only this Procon's cases (its slug: santos ...)")
    parser.add_argument("--once", action="store_true", help="poll once and exit")
    parser.add_argument("--interval", type=float, default=60, help="seconds between polls")
    args = parser.parse_args()
    key = os.environ.get("PROCON_API_KEY", "")
    if not key:
        print("set PROCON_API_KEY to a company API key or an agent's token", file=sys.stderr)
        return 2
    client = Client(args.url, key)
    while True:
        try:
            answered, refused = answer_open_cases(client, procon=args.procon)
        except ApiError as error:
            if error.status in (401, 403):
                print(f"credentials refused: {error.body}", file=sys.stderr)
                return 2
            raise
        print(f"{answered} answered, {refused} refused", flush=True)
        if args.once:
            return 1 if refused else 0
        time.sleep(args.interval)


if __name__ == "__main__":
    sys.exit(main())
