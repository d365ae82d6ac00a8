"""The worked example of docs/api.md (docs/examples/company_client.py) runs as documented against
a real server: it answers the company's open case at Sorocaba, and a second run finds nothing
left to answer. The data is committed (the server is another process) at Sorocaba, the Procon
kept for committed data, under a company of its own."""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "company_client.py"


@dataclass(frozen=True)
class OpenCase:
    key: str
    number: str


@pytest.fixture(scope="session")
def open_case(committed_procon, django_db_blocker) -> OpenCase:
    """A case waiting for the company's answer at Sorocaba, and a company API key (cases:read,
    cases:answer) as docs/api.md tells a company to use."""
    from django.db import connection
    from django_tenants.utils import tenant_context
    from validate_docbr import CNPJ, CPF

    from shared.accounts.actions import (
        do_create_user,
        do_grant_company_role,
        do_grant_staff_role,
    )
    from shared.companies.actions import do_issue_company_api_key, do_register_company
    from tests.tenants.complaints.factories import at_cip_sent

    with django_db_blocker.unblock():
        suffix = CPF().generate()[:6]

        def person(role: str, **extra: str):
            return do_create_user(
                email=f"exemplo.{role}.{suffix}@exemplo.test",
                full_name=f"Pessoa {role}",
                password="senha-do-exemplo-2026",
                email_verified=True,
                **extra,
            )

        attendant = person("atendente")
        do_grant_staff_role(attendant, procon=committed_procon, role="attendant")
        consumer = person("consumidor", cpf=CPF().generate())
        company = do_register_company(
            cnpj=CNPJ().generate(), legal_name="Exemplo Integrado Ltda", trade_name="Exemplo"
        )
        # The company's administrator issues the key its system runs with.
        admin = person("administradora")
        do_grant_company_role(admin, company=company, role="admin")
        _, key = do_issue_company_api_key(
            company, actor=admin, name="sistema da empresa", scopes=["cases:read", "cases:answer"]
        )
        with tenant_context(committed_procon):
            complaint = at_cip_sent(attendant, consumer=consumer, company=company)
        connection.set_schema_to_public()
    return OpenCase(key, complaint.number)


def run_example(url: str, key: str) -> subprocess.CompletedProcess[str]:
    """The command docs/api.md gives, against `url`."""
    return subprocess.run(
        [sys.executable, str(EXAMPLE), "--once", "--procon", "sorocaba"],
        env={**os.environ, "PROCON_API_URL": url, "PROCON_API_KEY": key},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_documented_company_client_answers_the_open_case(
    live_server_url: str, open_case: OpenCase, committed_procon, django_db_blocker
) -> None:
    from django_tenants.utils import tenant_context

    from tenants.complaints.models import Complaint

    # when the example runs once against the server
    first = run_example(live_server_url, open_case.key)

    # then it answered the case, and the case is answered with its text
    assert first.returncode == 0, first.stdout + first.stderr
    assert f"answered sorocaba {open_case.number}" in first.stdout
    with django_db_blocker.unblock(), tenant_context(committed_procon):
        complaint = Complaint.objects.get(number=open_case.number)
        assert complaint.status == "answered"
        assert open_case.number in complaint.answers.get().text

    # and a second run has nothing left to answer
    second = run_example(live_server_url, open_case.key)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "0 answered, 0 refused" in second.stdout


def test_the_documented_company_client_stops_on_a_refused_key(live_server_url: str) -> None:
    refused = run_example(live_server_url, "pdk_not-a-key")

    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "credentials refused" in refused.stderr
