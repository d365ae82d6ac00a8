"""Locust users for bench_load.py (run headless by it; the plan comes from BENCH_LOAD_PLAN, a JSON
file it writes): consumers filing complaints through the API, consumers reading their cases, and
the same endpoints (`/healthz`, and `/api/v1/me/` with a token: a few queries) on the platform's
host and on a Procon's host."""

import json
import os
import random
import uuid

from locust import FastHttpUser, constant, task

PLAN = json.loads(open(os.environ["BENCH_LOAD_PLAN"]).read())  # noqa: SIM115
SCENARIO = os.environ["BENCH_LOAD_SCENARIO"]


class Consumer(FastHttpUser):
    """One of the bench consumers, on the host of the Procon that serves them."""

    wait_time = constant(0)

    def on_start(self) -> None:
        self.me = random.choice(PLAN["consumers"])
        self.headers = {"Host": self.me["host"], "Authorization": f"Token {self.me['token']}"}

    @task
    def act(self) -> None:
        if SCENARIO == "file":
            self._file()
        elif SCENARIO == "read":
            self._read()
        elif SCENARIO == "health-public":
            self.client.get(
                "/healthz", headers={"Host": PLAN["public_host"]}, name="healthz public"
            )
        elif SCENARIO == "health-tenant":
            host = random.choice(PLAN["consumers"])["host"]
            self.client.get("/healthz", headers={"Host": host}, name="healthz tenant")
        elif SCENARIO == "me-public":
            headers = {**self.headers, "Host": PLAN["public_host"]}
            self.client.get("/api/v1/me/", headers=headers, name="me public")
        elif SCENARIO == "me-tenant":
            self.client.get("/api/v1/me/", headers=self.headers, name="me tenant")

    def _file(self) -> None:
        key = uuid.uuid4().hex
        with self.client.post(
            "/api/v1/complaints/",
            json={
                "company_id": self.me["company_id"],
                "subject_id": self.me["subject_id"],
                "problem_id": self.me["problem_id"],
                "contacted_company_first": True,
                "facts": "Comprei uma geladeira que chegou quebrada e a loja não troca.",
                "request": "Quero a troca do produto.",
                "lgpd_consent": True,
            },
            headers={**self.headers, "Idempotency-Key": key},
            name="file complaint",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                response.failure(f"{response.status_code}: {response.text[:200]}")
            else:
                number = response.json()["number"]
                # One line per accepted complaint: bench_load.py checks each is stored and indexed.
                print(f"FILED {self.me['host']} {number}", flush=True)

    def _read(self) -> None:
        number = random.choice(self.me["numbers"])
        self.client.get(f"/api/v1/complaints/{number}/", headers=self.headers, name="read case")
