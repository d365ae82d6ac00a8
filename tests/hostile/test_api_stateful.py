"""schemathesis's state machine over each host's served schema, as each main role: scenarios chain
operations along the schema's OpenAPI links (config/openapi.py: a filed complaint's number into
its steps, a created token's id into its revocation, a list's first row into its item), so
requests reach real objects in real states, not only the 404s of made-up ids. Checks as in
test_api_fuzzing.py: no 5xx, every documented response matches its schema.

A case at CIP sent (the consumer's complaint against the company administrator's company, sent
by the attendant) is there from the start, so the lists' links lead somewhere for every role."""

import os
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django_tenants.utils import tenant_context
from hypothesis import HealthCheck, Phase, settings
from schemathesis.generation.stateful.state_machine import StepInput, StepOutput

from shared.accounts.models import User
from shared.accounts.roles import CompanyRole, StaffRole
from shared.procons.models import Procon
from tests.factories import CompanyFactory, ConsumerFactory, company_agent, staff
from tests.hostile.test_api_fuzzing import CHECKS, RUNS, fuzz_target, in_process
from tests.tenants.complaints.factories import at_cip_sent

pytestmark = pytest.mark.django_db

# Scenarios per host and role, and the most steps in one; `make test` runs a few short ones,
# `make test-deep` raises both (HOSTILE_SCENARIOS, HOSTILE_SCENARIO_STEPS).
SCENARIOS = int(os.environ.get("HOSTILE_SCENARIOS", "2"))
STEPS = int(os.environ.get("HOSTILE_SCENARIO_STEPS", "5"))


def seeded_callers(procon: Procon, state_procon: Procon) -> dict[str, User]:
    """The five roles, with one case at CIP sent between the consumer and the company."""
    company = CompanyFactory()
    callers = {
        "consumer": ConsumerFactory(),
        "attendant": staff(procon, StaffRole.ATTENDANT),
        "tenant_admin": staff(procon, StaffRole.TENANT_ADMIN),
        "company_agent": company_agent(company, CompanyRole.ADMIN),
        "supervisor": staff(state_procon, StaffRole.SUPERVISOR),
    }
    with tenant_context(procon):
        at_cip_sent(callers["attendant"], consumer=callers["consumer"], company=company)
    return callers


@pytest.mark.parametrize(("host_name", "caller_name"), RUNS)
def test_linked_scenarios_never_fail_or_break_the_schema(
    host_name: str,
    caller_name: str,
    procon: Procon,
    state_procon: Procon,
    record_property: Callable[[str, object], None],
) -> None:
    # given: the host's served schema with its links, and a token of the caller
    user = seeded_callers(procon, state_procon)[caller_name]
    base_url, schema, wsgi_app, headers = fuzz_target(
        host_name, procon, state_procon, user, token_name="stateful"
    )
    counts = {"steps": 0, "linked": 0, "scenarios": 0}

    class Scenarios(schema.as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            counts["scenarios"] += 1

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"base_url": base_url, "headers": headers}

        def step(self, input: StepInput) -> StepOutput:
            counts["steps"] += 1
            counts["linked"] += input.transition is not None and input.is_applied
            # A savepoint per request: one request's database error cannot poison the next,
            # and what a request created stays for the scenario's next step.
            with transaction.atomic():
                return super().step(input)

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            case.validate_response(
                response, checks=CHECKS, transport_kwargs=kwargs or None, recorder=self.recorder
            )

    # when: scenarios follow the links from whatever the host answers
    with in_process(wsgi_app):
        Scenarios.run(
            settings=settings(
                max_examples=SCENARIOS,
                stateful_step_count=STEPS,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
        )

    # then: no check failed (run() raises otherwise), and the links were followed
    record_property(
        "schemathesis_stateful",
        {"cases": counts["steps"], "linked": counts["linked"], "scenarios": counts["scenarios"]},
    )
    print(
        f"schemathesis stateful {host_name} as {caller_name}: {counts['scenarios']} scenarios, "
        f"{counts['steps']} cases, {counts['linked']} along a link"
    )
    assert counts["steps"] >= SCENARIOS
