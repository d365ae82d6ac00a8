"""schemathesis against each host's own OpenAPI schema, as each main role: whatever it generates
(valid input and, for negative testing, input the schema forbids), no operation answers 5xx and
every documented response matches its schema. Operations are read from the served schema, so a
new API operation is fuzzed as soon as it is routed."""

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from shared.accounts.actions import do_issue_api_token
from shared.accounts.models import User
from shared.accounts.roles import CompanyRole, StaffRole
from shared.procons.models import Procon
from tests.factories import CompanyFactory, ConsumerFactory, company_agent, staff

pytestmark = pytest.mark.django_db

# Examples generated per operation and role, for valid and for invalid input; raise them locally
# with HOSTILE_EXAMPLES (the defaults keep the whole matrix near a minute on two cores).
EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "2"))
MODES = {GenerationMode.POSITIVE: EXAMPLES, GenerationMode.NEGATIVE: max(1, EXAMPLES - 1)}
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@dataclass(frozen=True)
class Caller:
    name: str
    make: Callable[[Procon, Procon], User]


CALLERS = {
    "consumer": Caller("consumer", lambda procon, state: ConsumerFactory()),
    "attendant": Caller("attendant", lambda procon, state: staff(procon, StaffRole.ATTENDANT)),
    "tenant_admin": Caller(
        "tenant_admin", lambda procon, state: staff(procon, StaffRole.TENANT_ADMIN)
    ),
    "company_agent": Caller(
        "company_agent", lambda procon, state: company_agent(CompanyFactory(), CompanyRole.ADMIN)
    ),
    "supervisor": Caller("supervisor", lambda procon, state: staff(state, StaffRole.SUPERVISOR)),
}

# (host, caller): Santos's host for the Procon roles, the state Procon's host for the supervisor;
# on the platform's host a Procon administrator holds no more than an attendant, so one of them.
RUNS = [
    ("santos", "consumer"),
    ("santos", "attendant"),
    ("santos", "tenant_admin"),
    ("santos", "company_agent"),
    ("sp", "supervisor"),
    ("platform", "consumer"),
    ("platform", "attendant"),
    ("platform", "company_agent"),
    ("platform", "supervisor"),
]


_SERVED: dict[str, bytes] = {}
# (host, operation) whose negative generation found nothing to negate (no input, or only plain
# strings in the path): Hypothesis spends about 2 s proving it, and the answer is the same for
# every caller of that host's schema (derandomized generation, one schema per host), so each
# worker proves it once per host instead of once per run.
_NOTHING_TO_NEGATE: set[tuple[str, str]] = set()


def served_schema(host: str) -> dict[str, object]:
    """The OpenAPI document the host serves at /api/v1/schema/, fetched once per host and run."""
    if host not in _SERVED:
        response = Client(HTTP_HOST=host).get("/api/v1/schema/", {"format": "json"})
        assert response.status_code == 200
        _SERVED[host] = response.content
    return json.loads(_SERVED[host])


@contextmanager
def in_process(app: WSGIHandler) -> Iterator[WSGIHandler]:
    """Django's WSGI application called in this process, on the test's connection and
    transaction: as Django's test client does, the end of a request must not close the
    connection (no test client request may run inside, it would reconnect the signals)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield app
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def fuzz_target(
    host_name: str, procon: Procon, state_procon: Procon, user: User, *, token_name: str
) -> tuple[str, schemathesis.BaseSchema, WSGIHandler, dict[str, str]]:
    """The host's base URL, its served schema bound to the in-process application, that
    application, and the header of a new API token of the caller."""
    host = {"santos": procon.host, "sp": state_procon.host, "platform": "localhost"}[host_name]
    schema = schemathesis.openapi.from_dict(served_schema(host))
    wsgi_app = get_wsgi_application()
    schema.app = wsgi_app
    _, key = do_issue_api_token(user, name=token_name)
    return f"http://{host}", schema, wsgi_app, {"Authorization": f"Token {key}"}


# The runs of one host go to one xdist worker (`--dist loadgroup` in the Makefile), where the
# first proves which operations have nothing to negate and the others skip them.
@pytest.mark.parametrize(
    ("host_name", "caller_name"),
    [pytest.param(*run, marks=pytest.mark.xdist_group(f"fuzz-{run[0]}")) for run in RUNS],
)
def test_no_operation_fails_or_breaks_its_schema(
    host_name: str,
    caller_name: str,
    procon: Procon,
    state_procon: Procon,
    record_property: Callable[[str, object], None],
) -> None:
    # given: the host's served schema and a token of the caller
    user = CALLERS[caller_name].make(procon, state_procon)
    base_url, schema, wsgi_app, headers = fuzz_target(
        host_name, procon, state_procon, user, token_name="fuzzing"
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    cases = 0
    failures: list[str] = []

    # when: every operation is called with generated input
    with in_process(wsgi_app):
        for operation in operations:
            for mode, examples in MODES.items():
                if (host_name, operation.label, mode) in _NOTHING_TO_NEGATE:
                    continue
                strategy = operation.as_strategy(generation_mode=mode)

                @settings(
                    max_examples=examples,
                    deadline=None,
                    database=None,
                    derandomize=True,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=list(HealthCheck),
                )
                @given(case=strategy)
                def run(case) -> None:
                    nonlocal cases
                    cases += 1
                    # A savepoint per request: one request's database error cannot poison the next.
                    with transaction.atomic():
                        case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)

                try:
                    run()
                except Unsatisfiable:
                    # nothing to negate: the operation takes no input
                    _NOTHING_TO_NEGATE.add((host_name, operation.label, mode))
                except (Exception, FailureGroup) as error:
                    failures.append(f"{operation.label} [{mode.value}]: {error}")

    # then
    record_property("schemathesis", {"operations": len(operations), "cases": cases})
    print(f"schemathesis {host_name} as {caller_name}: {len(operations)} operations, {cases} cases")
    assert operations, "the schema lists no operation"
    assert not failures, "\n\n".join(failures)
