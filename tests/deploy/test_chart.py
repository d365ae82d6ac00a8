"""The Helm chart, checked offline: strict lint, values against values.schema.json, renders for
several value sets validated against the Kubernetes schemas, and what an operator relies on."""

import json
from pathlib import Path
from typing import Any

import helm_python as helm
import jsonschema
import kubernetes_validate
import pytest
import yaml

CHART = Path(__file__).resolve().parents[2] / "helm" / "procon-digital"
PRODUCTION_VALUES = CHART / "ci" / "production-values.yaml"
# Oldest and newest Kubernetes versions the manifests are validated against.
KUBE_VERSIONS = ["1.30.0", "1.35.0"]


def load_yaml(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text())


def schema() -> dict[str, Any]:
    return json.loads((CHART / "values.schema.json").read_text())


VALUE_SETS: dict[str, dict[str, Any]] = {
    "one-replica": {
        "web": {"replicaCount": 1, "pdb": {"enabled": False}},
        "worker": {"replicaCount": 1},
        "media": {"create": False},
    },
    "autoscaling": {
        "web": {"autoscaling": {"enabled": True, "minReplicas": 2, "maxReplicas": 8}},
        "worker": {
            "autoscaling": {"enabled": True},
            "extraPools": [{"name": "mail", "queues": ["mail"], "concurrency": 8}],
        },
    },
    "external-database": load_yaml(PRODUCTION_VALUES),
}


def render(values: dict[str, Any]) -> list[dict[str, Any]]:
    chart = helm.Chart.load(CHART)
    manifests = chart.render(values, name="procon", namespace="procon", is_install=True)
    documents = []
    for path, text in manifests.items():
        if path.endswith("NOTES.txt"):
            continue
        documents.extend(doc for doc in yaml.safe_load_all(text) if doc)
    return documents


def of_kind(documents: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [doc for doc in documents if doc["kind"] == kind]


def named(documents: list[dict[str, Any]], kind: str, suffix: str) -> dict[str, Any]:
    (found,) = [doc for doc in of_kind(documents, kind) if doc["metadata"]["name"].endswith(suffix)]
    return found


def pod_specs(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        doc["spec"]["template"]["spec"] for doc in documents if doc["kind"] in {"Deployment", "Job"}
    ]


def env_of(container: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["name"]: entry for entry in container["env"]}


@pytest.fixture(scope="module", params=list(VALUE_SETS))
def rendered(request: pytest.FixtureRequest) -> tuple[str, list[dict[str, Any]]]:
    return request.param, render(VALUE_SETS[request.param])


@pytest.mark.parametrize("name", list(VALUE_SETS))
def test_chart_lints_clean_in_strict_mode(name: str) -> None:
    report = helm.lint(CHART, VALUE_SETS[name], strict=True, kube_version="v1.30.0")
    problems = [m for m in report["messages"] if m["severity"] >= 2]
    assert report["errors"] == [] and problems == [], report


def test_schema_is_valid_draft_7() -> None:
    jsonschema.Draft7Validator.check_schema(schema())


@pytest.mark.parametrize("path", [CHART / "values.yaml", PRODUCTION_VALUES])
def test_values_files_match_the_schema(path: Path) -> None:
    # given a values file, merged over the chart's defaults as an install does
    chart = helm.Chart.load(CHART)
    values = chart.merge_values(load_yaml(path))
    # then both jsonschema and Helm's own validation accept it
    jsonschema.validate(values, schema())
    chart.validate_schema(load_yaml(path))


def test_every_default_value_is_described_by_the_schema() -> None:
    def walk(values: dict[str, Any], node: dict[str, Any], where: str) -> list[str]:
        missing = []
        for key, value in values.items():
            prop = node.get("properties", {}).get(key)
            if prop is None or not prop.get("description"):
                missing.append(f"{where}{key}")
            elif isinstance(value, dict) and "properties" in prop:
                missing += walk(value, prop, f"{where}{key}.")
        return missing

    assert walk(load_yaml(CHART / "values.yaml"), schema(), "") == []


@pytest.mark.parametrize(
    "override",
    [
        {"web": {"replicaCount": "two"}},
        {"platform": {"domain": "Not A Domain"}},
        {"podSecurityContext": {"runAsNonRoot": False}},
        {"migrations": {"executor": "parallel"}},
        {"web": {"typo": 1}},
    ],
)
def test_schema_refuses_wrong_values(override: dict[str, Any]) -> None:
    with pytest.raises(helm.HelmError):
        helm.Chart.load(CHART).validate_schema(override)


@pytest.mark.parametrize("kube_version", KUBE_VERSIONS)
def test_rendered_manifests_are_valid_kubernetes(
    rendered: tuple[str, list[dict[str, Any]]], kube_version: str
) -> None:
    _, documents = rendered
    for document in documents:
        kubernetes_validate.validate(document, kube_version, strict=True)


def test_ingress_serves_the_platform_and_every_procon_host_over_tls(
    rendered: tuple[str, list[dict[str, Any]]],
) -> None:
    name, documents = rendered
    domain = VALUE_SETS[name].get("platform", {}).get("domain", "procon.example.gov.br")
    (ingress,) = of_kind(documents, "Ingress")
    hosts = [rule["host"] for rule in ingress["spec"]["rules"]]
    assert hosts == [domain, f"*.{domain}"]
    (tls,) = ingress["spec"]["tls"]
    assert tls["hosts"] == hosts and tls["secretName"]


def test_migration_job_is_a_pre_install_and_pre_upgrade_hook(
    rendered: tuple[str, list[dict[str, Any]]],
) -> None:
    _, documents = rendered
    (job,) = of_kind(documents, "Job")
    annotations = job["metadata"]["annotations"]
    assert annotations["helm.sh/hook"] == "pre-install,pre-upgrade"
    assert "before-hook-creation" in annotations["helm.sh/hook-delete-policy"]
    script = job["spec"]["template"]["spec"]["containers"][0]["command"][-1]
    shared = script.index("migrate_schemas --shared")
    tenant = script.index("migrate_tenants --noinput --executor=multiprocessing")
    assert shared < tenant < script.index("migrate_schemas --tenant --noinput")
    # A hook runs before the release's ServiceAccount exists.
    assert "serviceAccountName" not in job["spec"]["template"]["spec"]


def test_web_probes_ask_healthz_for_the_platform_host(
    rendered: tuple[str, list[dict[str, Any]]],
) -> None:
    name, documents = rendered
    domain = VALUE_SETS[name].get("platform", {}).get("domain", "procon.example.gov.br")
    web = named(documents, "Deployment", "-web")["spec"]["template"]["spec"]["containers"][0]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        http_get = web[probe]["httpGet"]
        assert http_get["path"] == "/healthz"
        assert http_get["httpHeaders"] == [{"name": "Host", "value": domain}]


def test_every_pod_runs_as_non_root_on_a_read_only_root_filesystem(
    rendered: tuple[str, list[dict[str, Any]]],
) -> None:
    _, documents = rendered
    specs = pod_specs(documents)
    assert len(specs) >= 4  # web, worker, beat, migrate
    for spec in specs:
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec["automountServiceAccountToken"] is False
        tmp = {volume["name"]: volume for volume in spec["volumes"]}["tmp"]
        assert "emptyDir" in tmp
        for container in spec["containers"]:
            context = container["securityContext"]
            assert context["readOnlyRootFilesystem"] is True
            assert context["allowPrivilegeEscalation"] is False
            assert context["capabilities"]["drop"] == ["ALL"]
            assert {"name": "tmp", "mountPath": "/tmp"} in container["volumeMounts"]  # noqa: S108
            assert container["resources"]["requests"]


def test_beat_is_a_single_replica_replaced_not_rolled(
    rendered: tuple[str, list[dict[str, Any]]],
) -> None:
    _, documents = rendered
    beat = named(documents, "Deployment", "-beat")
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"] == {"type": "Recreate"}
    assert not [hpa for hpa in of_kind(documents, "HorizontalPodAutoscaler") if "beat" in str(hpa)]
    assert not [pdb for pdb in of_kind(documents, "PodDisruptionBudget") if "beat" in str(pdb)]


def test_secrets_are_referenced_never_inlined(
    rendered: tuple[str, list[dict[str, Any]]],
) -> None:
    name, documents = rendered
    values = VALUE_SETS[name]
    default_secret = values.get("secrets", {}).get("existingSecret", "procon-digital")
    database_secret = values.get("database", {}).get("existingSecret") or default_secret
    database_key = values.get("database", {}).get("urlKey", "DATABASE_URL")
    assert of_kind(documents, "Secret") == []
    for spec in pod_specs(documents):
        env = env_of(spec["containers"][0])
        for variable in (
            "SECRET_KEY",
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "CACHE_URL",
            "STRIPE_SECRET_KEY",
            "STRIPE_WEBHOOK_SECRET",
            "EMAIL_HOST_PASSWORD",
            "SENTRY_DSN",
            "HEALTHCHECK_TOKEN",
        ):
            assert "value" not in env[variable] and env[variable]["valueFrom"]["secretKeyRef"]
        database = env["DATABASE_URL"]["valueFrom"]["secretKeyRef"]
        assert (database["name"], database["key"]) == (database_secret, database_key)
        assert env["SENTRY_DSN"]["valueFrom"]["secretKeyRef"]["optional"] is True
        assert env["HEALTHCHECK_TOKEN"]["valueFrom"]["secretKeyRef"]["optional"] is True
        assert env["DJANGO_SETTINGS_MODULE"]["value"] == "config.settings.production"


def test_autoscaling_replaces_fixed_replicas_with_hpas_and_pdbs(
    rendered: tuple[str, list[dict[str, Any]]],
) -> None:
    name, documents = rendered
    hpas = {doc["metadata"]["name"] for doc in of_kind(documents, "HorizontalPodAutoscaler")}
    pdbs = {doc["metadata"]["name"] for doc in of_kind(documents, "PodDisruptionBudget")}
    deployments = {doc["metadata"]["name"]: doc for doc in of_kind(documents, "Deployment")}
    for hpa in hpas:
        assert "replicas" not in deployments[hpa]["spec"]
    if name == "one-replica":
        assert hpas == set() and pdbs == {"procon-procon-digital-worker"}
        assert deployments["procon-procon-digital-web"]["spec"]["replicas"] == 1
        web = deployments["procon-procon-digital-web"]["spec"]["template"]["spec"]
        media = {volume["name"]: volume for volume in web["volumes"]}["media"]
        assert media == {"name": "media", "emptyDir": {}}
    if name == "autoscaling":
        assert hpas == {
            "procon-procon-digital-web",
            "procon-procon-digital-worker",
            "procon-procon-digital-worker-mail",
        }
        assert pdbs == hpas
        mail = deployments["procon-procon-digital-worker-mail"]["spec"]["template"]["spec"]
        command = mail["containers"][0]["command"]
        assert "--queues=mail" in command and "--concurrency=8" in command


def _matches(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(key) == value for key, value in selector.items())


def test_workers_may_reach_dns_the_database_redis_and_the_public_internet_only(
    rendered: tuple[str, list[dict[str, Any]]],
) -> None:
    """Webhooks go where a company says: the worker pods' egress excludes the cluster's private
    ranges and the metadata address, whatever the application lets through."""
    _, documents = rendered
    policy = named(documents, "NetworkPolicy", "-worker-egress")
    spec = policy["spec"]
    assert spec["policyTypes"] == ["Egress"]
    selector = spec["podSelector"]["matchLabels"]
    workers = [
        doc["spec"]["template"]["metadata"]["labels"]
        for doc in of_kind(documents, "Deployment")
        if doc["metadata"]["labels"].get("app.kubernetes.io/component") == "worker"
    ]
    assert workers and all(_matches(selector, labels) for labels in workers)
    others = [
        doc["spec"]["template"]["metadata"]["labels"]
        for doc in of_kind(documents, "Deployment")
        if doc["metadata"]["labels"].get("app.kubernetes.io/component") != "worker"
    ]
    assert not any(_matches(selector, labels) for labels in others)

    ports = [{p["port"] for p in rule["ports"]} for rule in spec["egress"]]
    assert ports == [{53}, {5432}, {6379}, {443, 80}]
    public = spec["egress"][3]["to"]
    blocks = {peer["ipBlock"]["cidr"]: set(peer["ipBlock"]["except"]) for peer in public}
    assert set(blocks) == {"0.0.0.0/0", "::/0"}
    for private in ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]:
        assert private in blocks["0.0.0.0/0"]
    assert "169.254.0.0/16" in blocks["0.0.0.0/0"]  # the metadata address 169.254.169.254
    assert {"fc00::/7", "fe80::/10"} <= blocks["::/0"]


def test_the_worker_egress_policy_is_configurable() -> None:
    documents = render(
        {
            "networkPolicy": {
                "workerEgress": {
                    "postgresql": {"port": 6432, "to": [{"ipBlock": {"cidr": "10.20.0.5/32"}}]}
                }
            }
        }
    )
    rule = named(documents, "NetworkPolicy", "-worker-egress")["spec"]["egress"][1]
    assert rule == {
        "to": [{"ipBlock": {"cidr": "10.20.0.5/32"}}],
        "ports": [{"protocol": "TCP", "port": 6432}],
    }
    off = render({"networkPolicy": {"workerEgress": {"enabled": False}}})
    assert of_kind(off, "NetworkPolicy") == []
    with pytest.raises(helm.HelmError):
        helm.Chart.load(CHART).validate_schema(
            {"networkPolicy": {"workerEgress": {"publicPorts": ["https"]}}}
        )


def test_web_trusts_one_forwarding_proxy_only_behind_the_charts_ingress() -> None:
    def proxies(values: dict[str, Any]) -> str:
        web = named(render(values), "Deployment", "-web")["spec"]["template"]["spec"]
        return env_of(web["containers"][0])["TRUSTED_PROXY_COUNT"]["value"]

    assert proxies({}) == "1"
    assert proxies({"ingress": {"enabled": False}}) == "0"
