"""Load benchmark: complaint filing and case reading through gunicorn, with 650 Procons provisioned,
driven by locust (headless), plus the cost of tenancy side by side.

    .venv/bin/python tests/bench/bench_load.py [--tenants 650] [--users 16] [--seconds 30] [--reuse]

Creates its own database (`procon_bench_load` on DATABASE_URL's server, `BENCH_DATABASE_NAME` to
change; never the development or test database): the public schema, the template, `--tenants`
Procons made by cloning the template (bench_migrate's helper), each with its host name and
active; `--load-tenants` of them get their catalogue, a consumer with an API token, and are the
hosts the load goes to. `--reuse` keeps a database made by an earlier run.

Then gunicorn (`--workers` processes × 4 threads, settings `tests.bench.load_settings`) on a free
port, and locust runs each scenario for `--seconds`:

- file: consumers POST /api/v1/complaints/ on their Procon's host (201 expected);
- read: consumers GET /api/v1/complaints/<number>/ of the complaints they filed;
- healthz on the public host vs on a Procon's host (database + broker check; the Procon's host
  also resolves its domain and switches the schema), with TENANT_LIMIT_SET_CALLS off and on
  (gunicorn restarted between the two).

Prints requests/s, p50/p95/p99 and errors per scenario, then checks that every complaint locust
saw accepted (201) is in its Procon's schema and in the public case index. Exits non-zero on any
error or anything lost. Not collected by pytest (bench_*.py).
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "tests" / "bench")]
os.environ.setdefault("BENCH_DATABASE_NAME", "procon_bench_load")

import bench_migrate  # noqa: E402 (after the path and the database name)
import harness  # noqa: E402

BENCH_DB = os.environ["BENCH_DATABASE_NAME"]

BIN = Path(sys.executable).parent
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:63799/8")


def build(tenants: int, load_tenants: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from shared.procons import provisioning
    from shared.procons.lifecycle import ProconStatus
    from shared.procons.models import Domain, Procon

    t0 = time.perf_counter()
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    provisioning.prepare_tenant_template()
    print(f"public schema and template ready in {time.perf_counter() - t0:.0f} s", flush=True)
    bench_migrate.make_tenants(tenants)
    connection.set_schema_to_public()
    Procon.objects.filter(slug__startswith="bench").update(status=ProconStatus.ACTIVE)
    Domain.objects.bulk_create(
        Domain(domain=procon.host, tenant=procon, is_primary=True)
        for procon in Procon.objects.filter(slug__startswith="bench")
    )
    prepare_load_tenants(load_tenants)


def prepare_load_tenants(count: int) -> None:
    """Catalogue, one consumer and its API token per load Procon (spread over the 650)."""
    from django.db import connection
    from django_tenants.utils import tenant_context

    from shared.accounts.actions import do_issue_api_token
    from shared.procons.actions import do_ensure_procon_defaults
    from shared.procons.models import Procon
    from tenants.catalogue.models import Problem, Subject
    from tests.factories import CompanyFactory, ConsumerFactory

    procons = list(Procon.objects.filter(slug__startswith="bench").order_by("pk"))
    step = max(1, len(procons) // count)
    company = CompanyFactory()
    plan = []
    for procon in procons[::step][:count]:
        do_ensure_procon_defaults(procon)
        consumer = ConsumerFactory(email=f"bench-{procon.slug}@bench.test")
        _token, key = do_issue_api_token(consumer, name="bench")
        with tenant_context(procon):
            subject = Subject.objects.filter(active=True).first()
            problem = Problem.objects.filter(active=True).first()
        plan.append(
            {
                "slug": procon.slug,
                "host": procon.host,
                "token": key,
                "company_id": company.pk,
                "subject_id": subject.pk,
                "problem_id": problem.pk,
            }
        )
        connection.set_schema_to_public()
    Path(tempfile.gettempdir(), f"{BENCH_DB}.plan.json").write_text(json.dumps(plan))


def load_plan() -> list[dict]:
    return json.loads(Path(tempfile.gettempdir(), f"{BENCH_DB}.plan.json").read_text())


class Gunicorn:
    """gunicorn serving the bench database, from this checkout or from another one (`code`: the
    baseline the figures are compared with, run side by side in the same bench)."""

    def __init__(
        self, *, code: Path = ROOT, workers: int = 2, threads: int = 4, worker_class: str = "gthread",
        label: str = "", database: str = "",
    ) -> None:  # fmt: skip
        from tests.support.processes import free_port, port_open, wait_until

        self.label = label or ("this checkout" if code == ROOT else str(code))
        self.database = database or BENCH_DB
        self.port = free_port()
        log = Path(tempfile.gettempdir(), f"{BENCH_DB}.gunicorn.log").open("a")  # noqa: SIM115 (gunicorn's, for its life)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.bench.load_settings",
            "DATABASE_URL": harness.database_url(self.database),
            "PYTHONPATH": os.pathsep.join([str(code), str(code / "platform")]),
            "PLATFORM_PORT": str(self.port),
            "BENCH_BROKER_URL": BROKER_URL,
        }
        args = [str(BIN / "gunicorn"), "config.wsgi:application", "--bind",
                f"127.0.0.1:{self.port}", "--workers", str(workers), "--threads", str(threads),
                "--worker-class", worker_class, "--backlog", "2048"]  # fmt: skip
        self.process = subprocess.Popen(
            args, cwd=code, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        wait_until(lambda: port_open(self.port), timeout=60, what="gunicorn")

    def warm_up(self, plan_path: Path) -> None:
        """Every worker imports, connects and fills its caches before anything is measured."""
        for scenario in ("health-public", "health-tenant", "me-public", "me-tenant"):
            run_locust(scenario, self.url, plan_path, users=4, seconds=3)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def run_locust(
    scenario: str, url: str, plan_path: Path, *, users: int, seconds: int
) -> tuple[dict, list[str]]:
    """One scenario, headless; returns the aggregated row of locust's CSV and its stdout."""
    with tempfile.TemporaryDirectory() as out:
        prefix = Path(out, "stats")
        env = {**os.environ, "BENCH_LOAD_PLAN": str(plan_path), "BENCH_LOAD_SCENARIO": scenario}
        done = subprocess.run(
            [str(BIN / "locust"), "-f", str(ROOT / "tests/bench/locustfile.py"), "--headless",
             "--host", url, "--users", str(users), "--spawn-rate", str(users),
             "--run-time", f"{seconds}s", "--csv", str(prefix), "--only-summary",
             "--loglevel", "WARNING", "--exit-code-on-error", "0"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        with open(f"{prefix}_stats.csv") as stats:
            rows = list(csv.DictReader(stats))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    return total, done.stdout.splitlines()


def figures(label: str, row: dict) -> dict:
    result = {
        "scenario": label,
        "requests": int(row["Request Count"]),
        "errors": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "p50": row["50%"],
        "p95": row["95%"],
        "p99": row["99%"],
    }
    print(
        f"{label:48} {result['requests']:6} req {result['rps']:7.1f} req/s  p50 {result['p50']:>5} ms"
        f"  p95 {result['p95']:>5} ms  p99 {result['p99']:>5} ms  errors {result['errors']}",
        flush=True,
    )
    return result


def verify_filed(filed: list[tuple[str, str]], database: str) -> int:
    """How many accepted complaints are missing from their schema or from the case index of
    `database`."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = database
    from django_tenants.utils import tenant_context

    from shared.caseindex.models import CaseIndexEntry
    from shared.procons.models import Procon
    from tenants.complaints.models import Complaint

    missing = 0
    by_host: dict[str, set[str]] = {}
    for host, number in filed:
        by_host.setdefault(host, set()).add(number)
    for host, numbers in by_host.items():
        procon = Procon.objects.get(domains__domain=host)
        with tenant_context(procon):
            stored = set(
                Complaint.objects.filter(number__in=numbers).values_list("number", flat=True)
            )
        connection.set_schema_to_public()
        indexed = set(
            CaseIndexEntry.objects.filter(procon=procon, number__in=numbers).values_list(
                "number", flat=True
            )
        )
        missing += len(numbers - stored) + len(numbers - indexed)
    return missing


SCENARIOS = [
    ("file", "file a complaint (POST, Procon host)"),
    ("read", "read a case (GET, Procon host)"),
    ("health-public", "/healthz, platform host"),
    ("health-tenant", "/healthz, Procon host"),
    ("me-public", "GET /api/v1/me/ (token), platform host"),
    ("me-tenant", "GET /api/v1/me/ (token), Procon host"),
]


def write_plan(plan_path: Path, plan: list[dict]) -> None:
    plan_path.write_text(json.dumps({"consumers": plan, "public_host": "localhost"}))


def compare(servers: list[Gunicorn], plan: list[dict], plan_path: Path, args) -> tuple[list, list]:
    """Every scenario on every server, one after the other (a scenario's servers back to back,
    so a change of the machine's load hits them alike). Returns the results and the
    (database, host, number) of every accepted complaint. Each server reads back the cases it
    filed itself."""
    results: list[dict] = []
    filed: list[tuple[str, str, str]] = []
    by_server: dict[str, list[tuple[str, str]]] = {server.label: [] for server in servers}
    for scenario, label in SCENARIOS:
        for server in servers:
            if scenario == "read":
                numbers: dict[str, list[str]] = {}
                for host, number in by_server[server.label]:
                    numbers.setdefault(host, []).append(number)
                for consumer in plan:
                    consumer["numbers"] = numbers.get(consumer["host"], [])
                write_plan(plan_path, [consumer for consumer in plan if consumer["numbers"]])
            row, out = run_locust(scenario, server.url, plan_path, users=args.users,
                                  seconds=args.seconds)  # fmt: skip
            results.append(figures(f"{label} [{server.label}]", row))
            results[-1].update(code=server.label, key=scenario)
            accepted = [tuple(line.split()[1:3]) for line in out if line.startswith("FILED ")]
            by_server[server.label] += accepted
            filed += [(server.database, host, number) for host, number in accepted]
    return results, filed


def sweep_shapes(spec: str) -> list[tuple[int, int, str]]:
    """ "2x4,4x2,3x1:sync" -> [(2, 4, "gthread"), (4, 2, "gthread"), (3, 1, "sync")]."""
    shapes = []
    for item in spec.split(","):
        shape, _sep, worker_class = item.partition(":")
        workers, threads = (int(part) for part in shape.split("x"))
        shapes.append((workers, threads, worker_class or "gthread"))
    return shapes


def print_table(results: list[dict]) -> None:
    print("| scenario | code | requests | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(f"| {r['scenario'].rsplit(' [', 1)[0]} | {r['code']} | {r['requests']} "
              f"| {r['rps']:.1f} | {r['p50']} | {r['p95']} | {r['p99']} | {r['errors']} |")  # fmt: skip


def print_ratios(results: list[dict]) -> None:
    """Tenancy overhead (Procon host vs platform host, same code, same run) and the gain of this
    checkout over the baseline (same scenario, same run)."""
    by = {(r["key"], r["code"]): r for r in results}
    codes = list(dict.fromkeys(r["code"] for r in results))
    print()
    for code in codes:
        for endpoint in ("health", "me"):
            public, tenant = (
                by.get((f"{endpoint}-public", code)),
                by.get((f"{endpoint}-tenant", code)),
            )
            if public and tenant and public["rps"]:
                print(f"tenancy overhead, {endpoint}, {code}: Procon host does "
                      f"{100 * (1 - tenant['rps'] / public['rps']):.1f} % fewer req/s than the "
                      f"platform host (p50 {tenant['p50']} vs {public['p50']} ms)")  # fmt: skip
    if len(codes) == 2:
        base, new = codes
        for key, label in SCENARIOS:
            a, b = by.get((key, base)), by.get((key, new))
            if a and b and a["rps"]:
                print(f"{label}: {b['rps'] / a['rps']:.2f}x the baseline's req/s "
                      f"(p95 {a['p95']} -> {b['p95']} ms)")  # fmt: skip


def tenancy_rounds(args, plan_path: Path) -> None:
    """The platform host and a Procon's host, the same endpoint, one right after the other, N
    times: the median of the N ratios is less at the mercy of the machine than one pair."""
    import statistics

    server = Gunicorn(workers=args.workers, threads=args.threads, worker_class=args.worker_class)
    ratios: dict[str, list[float]] = {"health": [], "me": []}
    try:
        server.warm_up(plan_path)
        for round_number in range(1, args.tenancy_rounds + 1):
            for endpoint in ratios:
                rps = {}
                for host in ("public", "tenant"):
                    row, _ = run_locust(f"{endpoint}-{host}", server.url, plan_path,
                                        users=args.users, seconds=args.seconds)  # fmt: skip
                    if int(row["Failure Count"]):
                        sys.exit(f"{endpoint}-{host}: {row['Failure Count']} errors")
                    rps[host] = float(row["Requests/s"])
                ratios[endpoint].append(1 - rps["tenant"] / rps["public"])
                print(f"round {round_number} {endpoint}: platform {rps['public']:.1f} req/s, "
                      f"Procon {rps['tenant']:.1f} req/s, overhead "
                      f"{100 * ratios[endpoint][-1]:.1f} %", flush=True)  # fmt: skip
    finally:
        server.stop()
    for endpoint, values in ratios.items():
        print(f"tenancy overhead, {endpoint}: median {100 * statistics.median(values):.1f} % "
              f"over {len(values)} rounds (each: "
              f"{', '.join(f'{100 * v:.1f}' for v in values)})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tenants", type=int, default=bench_migrate.TARGET)
    parser.add_argument("--load-tenants", type=int, default=20)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--worker-class", default="gthread")
    parser.add_argument("--baseline", type=Path, help="another checkout to run side by side")
    parser.add_argument(
        "--baseline-database",
        default="",
        help="the baseline's own copy of the bench database, at its migrations (docs/benchmarks.md)",
    )
    parser.add_argument("--sweep", help='gunicorn shapes for this checkout, e.g. "2x4,4x2,2x8"')
    parser.add_argument("--reuse", action="store_true", help="keep an earlier run's database")
    parser.add_argument(
        "--tenancy-rounds",
        type=int,
        default=0,
        help="only the tenancy pairs (/healthz, /api/v1/me/ on both hosts), N rounds back to back",
    )
    args = parser.parse_args()
    reuse = args.reuse and harness.database_exists(BENCH_DB)
    if not reuse:
        harness.create_database(BENCH_DB)
    harness.setup_django(BENCH_DB, quiet=True)
    from django.db import connection

    from shared.procons.models import Procon

    if not reuse:
        build(args.tenants, args.load_tenants)
    schemas = Procon.objects.count()
    print(f"{schemas} Procons (schemas) in {BENCH_DB}", flush=True)
    connection.close()

    plan = load_plan()
    plan_path = Path(tempfile.gettempdir(), f"{BENCH_DB}.locust.json")
    write_plan(plan_path, plan)
    if args.tenancy_rounds:
        tenancy_rounds(args, plan_path)
        return
    if args.sweep:
        shapes = sweep_shapes(args.sweep)
    else:
        shapes = [(args.workers, args.threads, args.worker_class)]
    results: list[dict] = []
    filed: list[tuple[str, str]] = []
    for workers, threads, worker_class in shapes:
        shape = f"{workers}x{threads} {worker_class}"
        servers = []
        try:
            if args.baseline:
                servers.append(Gunicorn(code=args.baseline.resolve(), workers=workers,
                                        threads=threads, worker_class=worker_class,
                                        label=f"baseline, {shape}",
                                        database=args.baseline_database))  # fmt: skip
            servers.append(Gunicorn(workers=workers, threads=threads, worker_class=worker_class,
                                    label=f"this checkout, {shape}"))  # fmt: skip
            for server in servers:
                server.warm_up(plan_path)
            shape_results, shape_filed = compare(servers, list(plan), plan_path, args)
        finally:
            for server in servers:
                server.stop()
        results += shape_results
        filed += shape_filed
        write_plan(plan_path, plan)

    missing = sum(
        verify_filed([(host, number) for db, host, number in filed if db == database], database)
        for database in {db for db, _host, _number in filed}
    )
    errors = sum(result["errors"] for result in results)
    print()
    print(f"machine: {harness.machine()}")
    print(f"{schemas} Procons; {args.users} locust users; {args.seconds} s per scenario")
    print(f"accepted complaints: {len(filed)}; missing from their schema or the index: {missing}")
    print()
    print_table(results)
    print_ratios(results)
    subprocess.run(["redis-cli", "-u", BROKER_URL, "DEL", "celery"], capture_output=True)
    if errors or missing:
        sys.exit(1)


if __name__ == "__main__":
    main()
