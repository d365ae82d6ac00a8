"""Dependencies point one way: the import-linter contracts of pyproject.toml ([tool.importlinter],
docs/architecture.md "Layers") hold over the code, and they do catch an import that breaks them."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(cwd: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(cwd), str(cwd / "platform")]),
        # One contract name a line in the report, no colours.
        "COLUMNS": "1000",
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", *extra],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _broken(output: str) -> list[str]:
    """The names of the contracts the report's summary marks BROKEN."""
    summary = output.split("Contracts:")[0]
    return re.findall(r"(?m)^(\S.*?) BROKEN$", summary)


def test_the_import_contracts_hold() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, (
        f"broken import contracts: {_broken(result.stdout)}\n{result.stdout}{result.stderr}"
    )
    assert "0 broken" in result.stdout


def _importlinter_section() -> str:
    """pyproject.toml's [tool.importlinter] table and its contracts, without their exceptions
    (`ignore_imports` name modules the tiny tree has not)."""
    kept, inside = [], False
    for line in (ROOT / "pyproject.toml").read_text().splitlines():
        if line.startswith("["):
            inside = line.strip("[]").startswith("tool.importlinter")
        if inside and not line.startswith("ignore_imports"):
            kept.append(line)
    return "\n".join(kept) + "\n"


def _module(root: Path, dotted: str, source: str = "") -> None:
    path = root.joinpath(*dotted.split("."))
    path.mkdir(parents=True, exist_ok=True)
    (path / "__init__.py").write_text(source)


def test_the_contracts_fail_on_a_forbidden_import(tmp_path: Path) -> None:
    """The same contracts over a tiny tree with the project's packages, where the kernel imports
    an app, an app imports config, the platform's apps import a tenant app, onboarding's companies
    import its procons, the inbox imports the supervisor's panel and an app other than
    shared.procons imports django-tenants: each contract is reported broken by name."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    names = {contract["id"]: contract["name"] for contract in config["contracts"]}
    for package in ("config", "demo", "portals", "onboarding", "tenants", "tenants.complaints"):
        _module(tmp_path, package)
    _module(tmp_path, "onboarding.applications")
    _module(tmp_path, "portals.supervision")
    _module(tmp_path, "portals.inbox", "import portals.supervision\n")
    _module(tmp_path, "kernel", "import shared\n")
    _module(tmp_path, "shared", "import tenants.complaints\nimport config\n")
    _module(tmp_path, "shared.procons", "import django_tenants\n")
    _module(tmp_path, "onboarding.procons", "import onboarding.applications\n")
    _module(tmp_path, "onboarding.companies", "import onboarding.procons\nimport django_tenants\n")
    (tmp_path / "pyproject.toml").write_text(_importlinter_section())

    result = _lint_imports(tmp_path)

    assert result.returncode != 0, result.stdout
    assert set(_broken(result.stdout)) == {
        names["layers"],
        names["kernel-imports-no-app"],
        names["apps-never-import-config"],
        names["onboarding-independent"],
        names["portals-independent"],
        names["one-way-into-a-schema"],
    }, result.stdout
