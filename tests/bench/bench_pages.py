"""Benchmark of the pages consumers, attendants and company agents open, server side.

    .venv/bin/python tests/bench/bench_pages.py [--complaints 100000] [--reps 60] [--reuse]
        [--stage demo|large|both] [--only SUBSTRING] [--explain]

Creates its own database (`procon_bench_pages` on DATABASE_URL's server; never the development or
test database), migrates the public schema, prepares the tenant template and loads the demo data
(`seed_demo`: Procon-SP, Santos, Campinas; a few dozen complaints at Santos). It times every page
on the demo data ("demo"), then bulk-inserts `--complaints` complaints into Procon Santos (COPY
straight into the tables: complaints in realistic states spread over the last year, their
timeline events, a company answer where one was given, and their case-index rows; 20,000
consumers, 2,000 more companies, eight more attendants) and times every page again ("large").

Each page is requested `--reps` times through Django's test client in this process (the whole
middleware stack, the template rendered; no network, no gunicorn), after two warm-up requests,
and its wall-clock p50/p95 in milliseconds and its number of queries (one extra request under
CaptureQueriesContext, `SET search_path` left out) are printed. `--reuse` keeps a seeded
database; `--only` times the pages whose label contains the substring; `--explain` prints the
slowest query of each page with its EXPLAIN ANALYZE. Not collected by pytest (bench_*.py).
"""

import io
import json
import os
import random
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "tests" / "bench")]

import harness  # noqa: E402 (after the path)

BENCH_DB = os.environ.get("BENCH_DATABASE_NAME", "procon_bench_pages")
SCHEMA = "procon_santos"
CONSUMERS = 20_000
COMPANIES = 2_000
ATTENDANTS = 8
# The demo consumer files this many of the bulk complaints (a consumer with a long list).
DEMO_CONSUMER_COMPLAINTS = 60
ACCESS_CODE = "BENCH23456"


def install_two_factor() -> None:
    from tests.support import two_factor

    # force_login opens OTP-verified sessions, as the tests' clients do.
    two_factor.install()


def seed_demo() -> None:
    from django.core.management import call_command

    from shared.procons import provisioning

    t0 = time.monotonic()
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    provisioning.prepare_tenant_template()
    call_command("seed_demo", stdout=io.StringIO())
    print(f"migrated and loaded the demo data in {time.monotonic() - t0:.0f} s", flush=True)


# --- the large Procon ------------------------------------------------------------------------------

# Status by the complaint's age in days: (up to this age, [(status, weight), ...]).
BY_AGE = [
    (2, [("registered", 70), ("awaiting_consumer", 10), ("accepted", 20)]),
    (12, [("cip_sent", 80), ("registered", 5), ("accepted", 5), ("answered", 10)]),
    (30, [("answered", 30), ("cip_lapsed", 10), ("not_resolved", 10), ("closed", 50)]),
    (
        90,
        [
            ("closed", 75),
            ("hearing_scheduled", 5),
            ("not_resolved", 5),
            ("no_agreement", 5),
            ("agreement", 5),
            ("not_rated", 5),
        ],
    ),
    (366, [("closed", 95), ("no_agreement", 2), ("hearing_scheduled", 1), ("not_rated", 2)]),
]
CLASSIFICATIONS = ["resolved_at_cip", "founded_met", "founded_not_met", "not_founded", "agreement"]
AFTER_CIP = {
    "cip_sent",
    "cip_lapsed",
    "answered",
    "not_resolved",
    "not_rated",
    "hearing_scheduled",
    "agreement",
    "no_agreement",
    "closed",
}
ANSWERED = AFTER_CIP - {"cip_sent", "cip_lapsed", "closed"}
# The timeline leading to each status: (step, status after it, days after filing).
PATHS = {
    "registered": [("file", "registered", 0)],
    "awaiting_consumer": [
        ("file", "registered", 0),
        ("assign", "registered", 0),
        ("request_info", "awaiting_consumer", 1),
    ],
    "accepted": [("file", "registered", 0), ("assign", "registered", 0), ("accept", "accepted", 1)],
}
PATHS["cip_sent"] = [*PATHS["accepted"], ("send_cip", "cip_sent", 2)]
PATHS["cip_lapsed"] = [*PATHS["cip_sent"], ("lapse_cip", "cip_lapsed", 13)]
PATHS["answered"] = [*PATHS["cip_sent"], ("answer", "answered", 8)]
PATHS["not_resolved"] = [*PATHS["answered"], ("rate", "not_resolved", 12)]
PATHS["not_rated"] = [*PATHS["answered"], ("lapse_rating", "not_rated", 28)]
PATHS["hearing_scheduled"] = [*PATHS["not_resolved"], ("schedule_hearing", "hearing_scheduled", 15)]
PATHS["agreement"] = [*PATHS["hearing_scheduled"], ("record_minutes", "agreement", 40)]
PATHS["no_agreement"] = [*PATHS["hearing_scheduled"], ("record_minutes", "no_agreement", 40)]
PATHS["closed"] = [*PATHS["not_resolved"], ("close", "closed", 30)]


def _tsv(values: list[object]) -> str:
    def cell(value: object) -> str:
        if value is None:
            return r"\N"
        if isinstance(value, bool):
            return "t" if value else "f"
        if isinstance(value, datetime | date):
            return value.isoformat()
        return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")

    return "\t".join(cell(v) for v in values) + "\n"


def _copy(table: str, columns: str, buffer: io.StringIO) -> None:
    from django.db import connection

    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT text)", buffer)


def seed_large(count: int) -> None:
    """`count` complaints at Procon Santos, with their events, answers and index rows."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django_tenants.utils import tenant_context

    from shared.accounts.models import StaffMembership, User
    from shared.accounts.roles import StaffRole
    from shared.companies.models import Company
    from shared.procons.models import Procon
    from tenants.catalogue.models import Problem, Subject

    t0 = time.monotonic()
    rng = random.Random(2026)  # reproducible data, not secrets
    santos = Procon.objects.get(slug="santos")
    password = make_password("bench-password")
    now = datetime.now(UTC)
    users = io.StringIO()
    for n in range(CONSUMERS):
        users.write(
            _tsv(
                [
                    password,
                    False,
                    f"bench-consumer-{n}@bench.test",
                    f"Consumidor {n} Bench",
                    f"{90_000_000_000 + n:011d}",
                    "",
                    now,
                    True,
                    False,
                    now,
                ]
            )
        )
    for n in range(ATTENDANTS):
        users.write(
            _tsv(
                [
                    password,
                    False,
                    f"bench-attendant-{n}@bench.test",
                    f"Atendente {n} Bench",
                    None,
                    "",
                    now,
                    True,
                    False,
                    now,
                ]
            )
        )
    _copy(
        "accounts_user",
        "password, is_superuser, email, full_name, cpf, phone, email_verified_at, is_active, "
        "is_staff, date_joined",
        users,
    )
    consumer_ids = list(
        User.objects.filter(email__startswith="bench-consumer-").values_list("pk", flat=True)
    )
    attendants = list(User.objects.filter(email__startswith="bench-attendant-"))
    StaffMembership.objects.bulk_create(
        StaffMembership(user=user, procon=santos, role=StaffRole.ATTENDANT) for user in attendants
    )
    demo_attendant = User.objects.get(email="atendente.santos@demo.test")
    demo_consumer = User.objects.get(email="consumidor@demo.test")
    assignees = [demo_attendant.pk, *(u.pk for u in attendants)]

    Company.objects.bulk_create(
        (
            Company(cnpj=f"{20_000_000 + n:08d}000100", legal_name=f"Empresa Bench {n} Ltda.")
            for n in range(COMPANIES)
        ),
        batch_size=1000,
    )
    demo_companies = list(Company.objects.exclude(legal_name__startswith="Empresa Bench"))
    vivo = next(c for c in demo_companies if c.cnpj == "02558157000162")
    bench_companies = list(
        Company.objects.filter(legal_name__startswith="Empresa Bench").values_list("pk", flat=True)
    )
    # Vivo's agents open the inbox: a fifth of the complaints; the other demo companies 4 % each;
    # the 2,000 others the rest, a few of them far more often than most (a long tail).
    company_weights = [(vivo.pk, 20)] + [(c.pk, 4) for c in demo_companies if c.pk != vivo.pk]
    tail = 100 - sum(w for _, w in company_weights)

    def company_for() -> int:
        pick = rng.uniform(0, 100)
        for pk, weight in company_weights:
            if pick < weight:
                return pk
            pick -= weight
        return bench_companies[min(int(rng.paretovariate(1.2)) - 1, COMPANIES - 1) * 7 % COMPANIES]

    assert tail > 0
    print(f"users and companies in {time.monotonic() - t0:.0f} s", flush=True)

    with tenant_context(santos):
        subjects = {s.pk: s for s in Subject.objects.select_related("area")}
        problems = {p.pk: p for p in Problem.objects.select_related("group")}
        with connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(max(id), 0) FROM complaints_complaint")
            first_id = cursor.fetchone()[0] + 1
        complaints, events, answers, index = (
            io.StringIO(),
            io.StringIO(),
            io.StringIO(),
            io.StringIO(),
        )
        subject_ids, problem_ids = list(subjects), list(problems)
        today = now.date()
        for n in range(count):
            pk = first_id + n
            age_days = rng.uniform(0, 365)
            created = now - timedelta(days=age_days)
            status = _status_for(rng, age_days)
            number = f"SANTOS-{created.year}-{500_000 + n:06d}"
            consumer = (
                demo_consumer.pk if n < DEMO_CONSUMER_COMPLAINTS else rng.choice(consumer_ids)
            )
            company = company_for()
            subject, problem = rng.choice(subject_ids), rng.choice(problem_ids)
            path = PATHS[status]
            assignee = rng.choice(assignees) if len(path) > 1 and rng.random() < 0.8 else None
            cip_sent_at = created + timedelta(days=2) if status in AFTER_CIP else None
            cip_due_on = (cip_sent_at + timedelta(days=10)).date() if cip_sent_at else None
            answered = status in ANSWERED or (status == "closed" and rng.random() < 0.8)
            answered_at = created + timedelta(days=8) if answered else None
            rating_due_on = (answered_at + timedelta(days=20)).date() if answered_at else None
            closed_at = created + timedelta(days=30) if status == "closed" else None
            classification = rng.choice(CLASSIFICATIONS) if status == "closed" else ""
            resolved = {"not_resolved": False, "closed": rng.random() < 0.6}.get(status)
            updated = created + timedelta(days=path[-1][2])
            updated = min(updated, now)
            refused = status == "answered" and rng.random() < 0.05
            code_hash = ""
            if n == DEMO_CONSUMER_COMPLAINTS:  # the case opened with an access code
                status, path = "cip_sent", PATHS["cip_sent"]
                cip_sent_at, cip_due_on = now - timedelta(days=1), today + timedelta(days=9)
                answered, answered_at, rating_due_on, resolved = False, None, None, None
                classification, closed_at, refused, updated = "", None, False, now
                from kernel.workflow.codes import hash_access_code

                code_hash = hash_access_code(number=number, code=ACCESS_CODE)
            complaints.write(
                _tsv(
                    [
                        pk,
                        number,
                        consumer,
                        company,
                        subject,
                        problem,
                        True,
                        "",
                        "Comprei um produto que não foi entregue no prazo combinado. " * 4,
                        "Quero a entrega ou o dinheiro de volta.",
                        created,
                        "",
                        status,
                        classification,
                        "",
                        assignee,
                        cip_sent_at,
                        cip_due_on,
                        answered_at,
                        True if answered else None,
                        rating_due_on if status == "answered" else None,
                        resolved,
                        None,
                        "",
                        None,
                        (today + timedelta(days=20)) if status == "agreement" else None,
                        code_hash,
                        refused,
                        created,
                        updated,
                        closed_at,
                    ]
                )
            )
            for step, after, days in path:
                at = min(created + timedelta(days=days, minutes=5), now)
                staff_step = step not in ("file", "rate", "answer", "lapse_cip", "lapse_rating")
                actor = (assignee or demo_attendant.pk) if staff_step else None
                if step == "file":
                    actor, label = consumer, "Consumidor"
                elif step == "answer":
                    label = "Empresa"
                elif staff_step:
                    label = "Atendente (equipe do Procon)"
                else:
                    label = "Sistema"
                data = {"due_on": cip_due_on.isoformat()} if step == "send_cip" else {}
                events.write(_tsv([pk, step, actor, label, after, "", json.dumps(data), True, at]))
            if answered:
                answers.write(
                    _tsv(
                        [
                            pk,
                            "Entramos em contato com o consumidor e oferecemos o reembolso.",
                            "",
                            "platform",
                            "refused_other" if refused else "explained",
                            None,
                            True,
                            answered_at,
                        ]
                    )
                )
            subj, prob = subjects[subject], problems[problem]
            index.write(
                _tsv(
                    [
                        santos.pk,
                        "complaint",
                        number,
                        pk,
                        company,
                        subj.name,
                        prob.name,
                        prob.group.name,
                        subj.area.name,
                        "",
                        "",
                        "",
                        status,
                        classification,
                        cip_due_on,
                        rating_due_on if status == "answered" else None,
                        answered_at,
                        True if answered else None,
                        created,
                        updated,
                        closed_at,
                        0,
                        santos.municipality_id,
                        resolved,
                        cip_sent_at,
                        consumer,
                        True,
                    ]
                )
            )
        with transaction.atomic():
            _copy(
                "complaints_complaint",
                "id, number, consumer_id, company_id, subject_id, problem_id, "
                "contacted_company_first, company_protocol, facts, request, lgpd_consent_at, "
                "idempotency_key, status, classification, rejection_reason, assignee_id, "
                "cip_sent_at, cip_due_on, answered_at, answer_timely, rating_due_on, resolved, "
                "satisfaction, rating_comment, rated_at, agreement_due_on, access_code_hash, "
                "answer_refused, created_at, updated_at, closed_at",
                complaints,
            )
            _copy(
                "complaints_complaintevent",
                "complaint_id, step, actor_id, actor_label, status_after, note, data, "
                "visible_to_consumer, at",
                events,
            )
            _copy(
                "complaints_companyanswer",
                "complaint_id, text, offer, channel, answer_type, answered_by_id, timely, at",
                answers,
            )
        print(f"complaints, events and answers in {time.monotonic() - t0:.0f} s", flush=True)
    connection.set_schema_to_public()
    _copy(
        "caseindex_caseindexentry",
        "procon_id, kind, number, tenant_object_id, company_id, subject, problem, problem_group, "
        "subject_area, purchase_channel, problem_code, subject_code, status, classification, "
        "cip_due_on, rating_due_on, answered_at, answer_timely, opened_at, updated_at, "
        "closed_at, hearings_held, municipality_id, resolved, cip_sent_at, consumer_id, "
        "contacted_company_first",
        index,
    )
    with connection.cursor() as cursor:
        for table in (
            f"{SCHEMA}.complaints_complaint",
            f"{SCHEMA}.complaints_complaintevent",
            f"{SCHEMA}.complaints_companyanswer",
            "caseindex_caseindexentry",
            "accounts_user",
            "companies_company",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")
    print(f"seeded {count:,} complaints in {time.monotonic() - t0:.0f} s", flush=True)


def _status_for(rng: random.Random, age_days: float) -> str:
    for up_to, choices in BY_AGE:
        if age_days <= up_to:
            statuses, weights = zip(*choices, strict=True)
            return rng.choices(statuses, weights)[0]
    return "closed"


# --- the pages ---------------------------------------------------------------------------------------


@dataclass
class Page:
    label: str
    client: object
    path: str
    status: int = 200


def pages() -> list[Page]:
    from django.test import Client
    from django_tenants.utils import tenant_context

    from shared.accounts.models import User
    from shared.caseindex.models import CaseIndexEntry
    from shared.procons.models import Procon
    from tenants.catalogue.models import Subject
    from tenants.complaints.models import Complaint

    santos = Procon.objects.get(slug="santos")
    host = santos.host

    def signed_in(email: str, on: str = host) -> Client:
        client = Client(HTTP_HOST=on)
        client.force_login(User.objects.get(email=email))
        return client

    consumer = signed_in("consumidor@demo.test")
    attendant = signed_in("atendente.santos@demo.test")
    conciliator = signed_in("conciliador.santos@demo.test")
    admin = signed_in("admin.santos@demo.test")
    agent = signed_in("preposto.vivo@demo.test", on="localhost")
    anonymous = Client(HTTP_HOST=host)
    with tenant_context(santos):
        mine = Complaint.objects.filter(consumer__email="consumidor@demo.test")
        own_case = mine.order_by("-created_at").first()
        staff_case = Complaint.objects.filter(status="answered").order_by("-created_at").first()
        hearing_case = (
            Complaint.objects.filter(status__in=["not_resolved", "hearing_scheduled"])
            .order_by("-created_at")
            .first()
        ) or staff_case
        vivo_id = staff_case.company_id
        subject_id = Subject.objects.order_by("pk").values_list("pk", flat=True).first()
        coded = Complaint.objects.exclude(access_code_hash="").filter(status="cip_sent")
        code_number = coded.order_by("-created_at").values_list("number", flat=True).first()
        total = Complaint.objects.exclude(status="closed").count()
        mine_count = mine.count()
    last_page = max(1, -(-total // 50))
    entry = (
        CaseIndexEntry.objects.filter(
            company__cnpj__startswith="02558157", cip_due_on__isnull=False, procon=santos
        )
        .order_by("-opened_at")
        .first()
    )
    coded_client = Client(HTTP_HOST=host)
    if code_number and code_number.startswith("SANTOS-") and int(code_number[-6:]) >= 500_000:
        response = coded_client.post("/responder/", {"number": code_number, "code": ACCESS_CODE})
        assert response.status_code == 302, response.status_code
    else:
        code_number = None
    result = [
        Page("consumer: Procon home", consumer, "/"),
        Page("consumer: file a complaint (form)", consumer, "/reclamar/"),
        Page(f"consumer: my complaints ({mine_count})", consumer, "/minhas-reclamacoes/"),
        Page("consumer: my complaints, page 2", consumer, "/minhas-reclamacoes/?page=2"),
        Page("consumer: a case", consumer, f"/reclamacoes/{own_case.number}/"),
        Page("consumer: my data", consumer, "/conta/meus-dados/"),
        Page("anyone: Procon home", anonymous, "/"),
        Page("anyone: access code form", anonymous, "/responder/"),
        Page(f"attendant: queue ({total:,} open)", attendant, "/atendimento/"),
        Page("attendant: queue, page 2", attendant, "/atendimento/?page=2"),
        Page(
            f"attendant: queue, last page ({last_page})",
            attendant,
            f"/atendimento/?page={last_page}",
        ),
        Page("attendant: queue, status cip_sent", attendant, "/atendimento/?status=cip_sent"),
        Page("attendant: queue, status closed", attendant, "/atendimento/?status=closed"),
        Page("attendant: queue, overdue", attendant, "/atendimento/?deadline=overdue"),
        Page("attendant: queue, due soon", attendant, "/atendimento/?deadline=due_soon"),
        Page("attendant: queue, mine", attendant, "/atendimento/?assignee=mine"),
        Page("attendant: queue, unassigned", attendant, "/atendimento/?assignee=unassigned"),
        Page("attendant: queue, one company", attendant, f"/atendimento/?company={vivo_id}"),
        Page("attendant: queue, one subject", attendant, f"/atendimento/?subject={subject_id}"),
        Page(
            "attendant: queue, company+status+page 3",
            attendant,
            f"/atendimento/?company={vivo_id}&status=answered&page=3",
        ),
        Page("attendant: a case", attendant, f"/reclamacoes/{staff_case.number}/"),
        Page("attendant: a case for a hearing", attendant, f"/reclamacoes/{hearing_case.number}/"),
        Page(
            "conciliator: a case for a hearing", conciliator, f"/reclamacoes/{hearing_case.number}/"
        ),
        Page("conciliator: queue", conciliator, "/atendimento/"),
        Page("admin: settings", admin, "/configuracoes/"),
        Page("admin: communication", admin, "/configuracoes/comunicacao/"),
        Page("admin: holidays", admin, "/configuracoes/feriados/"),
        Page("admin: staff", admin, "/configuracoes/equipe/"),
        Page("admin: catalogue", admin, "/configuracoes/catalogo/"),
        Page("admin: audit log", admin, "/auditoria/"),
        Page("agent: inbox", agent, "/empresa/caixa/"),
        Page("agent: inbox, by update", agent, "/empresa/caixa/?sort=updated"),
        Page(
            "agent: inbox, cip_sent at Santos",
            agent,
            "/empresa/caixa/?status=cip_sent&procon=santos",
        ),
        Page("agent: inbox, overdue", agent, "/empresa/caixa/?deadline=overdue"),
        Page("agent: inbox, subject search", agent, "/empresa/caixa/?subject=Telefonia"),
        Page("agent: a case", agent, f"/empresa/caixa/santos/{entry.number}/"),
    ]
    if code_number:
        result.append(Page("company by code: the case", coded_client, f"/responder/{code_number}/"))
    return result


def measure(reps: int, only: str, explain: bool) -> list[tuple[str, float, float, int, float]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = []
    for page in pages():
        if only and only not in page.label:
            continue
        for _ in range(2):
            response = page.client.get(page.path)
            assert response.status_code == page.status, (page.label, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            page.client.get(page.path)
        # A schema switch sent alone is left out; one in front of a statement counts as that one.
        queries = [
            q
            for q in captured.captured_queries
            if not (q["sql"].startswith("SET ") and "; " not in q["sql"])
        ]
        samples = harness.milliseconds(partial(page.client.get, page.path), reps)
        slowest = max((float(q["time"]) * 1000 for q in queries), default=0.0)
        results.append((page.label, *harness.p50_p95(samples), len(queries), slowest))
        print(
            f"{page.label:<48} {results[-1][1]:>7.1f} {results[-1][2]:>7.1f} {len(queries):>4}"
            f" {slowest:>8.1f}",
            flush=True,
        )
        if explain and queries:
            worst = max(queries, key=lambda q: float(q["time"]))
            print("   ", worst["sql"][:600])
    return results


def report(title: str, reps: int, only: str, explain: bool) -> None:
    print(f"\n{title}: {reps} requests per page, milliseconds (slowest: its slowest query)")
    print(f"{'page':<48} {'p50':>7} {'p95':>7} {'qry':>4} {'slowest':>8}")
    measure(reps, only, explain)


def large_seeded() -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) > 1000 FROM {SCHEMA}.complaints_complaint")  # noqa: S608
        return cursor.fetchone()[0]


def main() -> None:
    parser = harness.arguments(__doc__, reps=60)
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--stage", choices=["demo", "large", "both"], default="both")
    parser.add_argument("--only", default="", help="time only pages whose label contains this")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()

    reused = harness.open_database(BENCH_DB, reuse=args.reuse, quiet=True)
    install_two_factor()
    if not reused:
        seed_demo()
    print(f"machine: {harness.machine()}")
    if args.stage in ("demo", "both"):
        if large_seeded():
            print("\n(the database holds the large Procon already: demo figures skipped)")
        else:
            report("demo data", args.reps, args.only, args.explain)
    if args.stage in ("large", "both"):
        if not large_seeded():
            seed_large(args.complaints)
        report(f"{args.complaints:,} complaints at Santos", args.reps, args.only, args.explain)


if __name__ == "__main__":
    main()
