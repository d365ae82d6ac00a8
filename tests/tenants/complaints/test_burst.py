"""A burst of filings, each sent several times with one Idempotency-Key (some copies at the same
instant, some 20-60 ms later, some after a client's timeout), through the web server `make run`
uses (deploy/scripts/web.sh). One 201 per key, every repeat 200 with the same complaint, no
error, no dropped connection, no duplicate, nothing lost. The data is committed, so it runs in
the session's committed Procon (Sorocaba)."""

import random
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django_tenants.utils import schema_context, tenant_context
from validate_docbr import CNPJ

from shared.accounts.actions import do_issue_api_token
from shared.caseindex.models import CaseIndexEntry
from shared.companies.actions import do_register_company
from shared.procons.models import Procon
from tenants.complaints.models import Complaint
from tests.bench.harness import filing_body
from tests.factories import ConsumerFactory
from tests.support import processes

KEYS = 60
CONSUMERS = 4


@pytest.fixture(scope="module")
def run_server(web_server) -> Iterator[int]:
    """gunicorn started by `make run`'s own script, on a free port, against the test database."""
    start, what = processes.start_run_web_server, "the web server of make run"
    with web_server(start, "burst-web.log", what=what) as port:
        yield port


def _filing(procon: Procon) -> dict[str, object]:
    company = do_register_company(cnpj=CNPJ().generate(), legal_name="Loja da Rajada Ltda")
    return filing_body(
        procon,
        company,
        company_protocol="RAJ-1",
        facts="Comprei um fogão que nunca foi entregue e a loja não responde.",
        request="Quero a entrega ou o dinheiro de volta.",
    )


def _copies(index: int, rng: random.Random) -> list[float]:
    """When each copy of one key leaves, in seconds after the key's first copy."""
    stagger = rng.uniform(0.020, 0.060)
    return [
        [0.0, 0.0],  # a double click: both at once
        [0.0, 0.0, 0.0],  # three at once
        [0.0, stagger],  # a repeat 20-60 ms later
        [0.0, 0.0, stagger, 0.5],  # at once, soon after, and a retry after a timeout
    ][index % 4]


def test_a_burst_of_repeated_filings_files_each_once_answers_every_copy_and_drops_nothing(
    committed: Procon, run_server: int
) -> None:
    # given consumers with API tokens and a valid filing
    tokens = []
    for _ in range(CONSUMERS):
        _token, key = do_issue_api_token(ConsumerFactory(), name="rajada")
        tokens.append(key)
    body = _filing(committed)
    run = uuid.uuid4().hex[:8]
    rng = random.Random(13)
    plan = []  # (key, token, delay after the burst starts)
    for index in range(KEYS):
        key = f"rajada-{run}-{index}"
        start = index * 0.05
        plan += [(key, tokens[index % CONSUMERS], start + delay) for delay in _copies(index, rng)]
    url = f"http://127.0.0.1:{run_server}/api/v1/complaints/"
    host = f"{committed.host}:{run_server}"
    begin = time.monotonic() + 0.5

    def send(key: str, token: str, at: float) -> tuple[str, int | None, str]:
        time.sleep(max(0.0, begin + at - time.monotonic()))
        try:
            response = requests.post(
                url,
                json=body,
                headers={
                    "Host": host,
                    "Authorization": f"Token {token}",
                    "Idempotency-Key": key,
                    "Accept-Language": "en",
                },
                timeout=30,
            )
        except requests.RequestException as error:
            return key, None, repr(error)
        number = response.json().get("number", "") if response.status_code < 300 else ""
        return key, response.status_code, number or response.text[:300]

    # when every copy is sent on schedule, each on its own connection
    with ThreadPoolExecutor(max_workers=len(plan)) as pool:
        answers = list(pool.map(lambda p: send(*p), plan))

    # then no copy was dropped or refused
    dropped = [a for a in answers if a[1] is None]
    assert not dropped, f"{len(dropped)} of {len(answers)} connections got no answer: {dropped[:3]}"
    errors = [a for a in answers if a[1] not in (200, 201)]
    assert not errors, f"{len(errors)} of {len(answers)} copies were refused: {errors[:5]}"
    by_key: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for key, code, number in answers:
        by_key[key].append((code, number))
    # one 201 per key, every other copy 200 with the same complaint
    for key, replies in by_key.items():
        codes = sorted(code for code, _ in replies)
        assert codes == [200] * (len(replies) - 1) + [201], (key, replies)
        assert len({number for _, number in replies}) == 1, (key, replies)
    numbers = {replies[0][1] for replies in by_key.values()}
    assert len(numbers) == KEYS

    # and each key filed exactly one complaint, in the schema and in the case index
    with tenant_context(committed):
        filed = list(
            Complaint.objects.filter(idempotency_key__startswith=f"rajada-{run}-").values_list(
                "number", flat=True
            )
        )
    assert sorted(filed) == sorted(numbers)
    with schema_context("public"):
        indexed = CaseIndexEntry.objects.filter(procon=committed, number__in=numbers).count()
    assert indexed == KEYS


def test_the_run_server_serves_static_files_on_every_host(
    committed: Procon, run_server: int
) -> None:
    for host in ("localhost", committed.host):
        response = requests.get(
            f"http://127.0.0.1:{run_server}/static/css/site.css",
            headers={"Host": f"{host}:{run_server}"},
            timeout=30,
        )
        assert response.status_code == 200, (host, response.status_code)
        assert response.headers["Content-Type"].startswith("text/css")
