# Procon Digital: `make run` brings the platform up with demo data; `make test` runs every test
# (tests/test_architecture.py among them runs the import contracts of pyproject.toml).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.12 || command -v python3.13 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Parallel pytest workers: one per core, at least two.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -lt 2 ] && n=2; echo $$n)

.PHONY: install services stop run test lint lock messages clean bench deploy-checks test-deep

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { echo "Python 3.12+ needed (found $$($(PYTHON) --version))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

services:
	@bash deploy/scripts/services.sh up

stop:
	@bash deploy/scripts/services.sh down

run: install
	@bash deploy/scripts/run.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=.:platform $(BIN)/lint-imports --no-cache

test: install services
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=config.settings.test
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# The hostile API suite run deep (docs/security.md, "Hostile input"): schemathesis with more examples per
# operation and role, and longer link-following scenarios, over both hosts and the five roles;
# not part of `make test` (about 20 minutes on 2 cores).
HOSTILE_DEEP_EXAMPLES ?= 5
HOSTILE_DEEP_SCENARIOS ?= 20
HOSTILE_DEEP_STEPS ?= 10
test-deep: install services
	HOSTILE_EXAMPLES=$(HOSTILE_DEEP_EXAMPLES) HOSTILE_SCENARIOS=$(HOSTILE_DEEP_SCENARIOS) \
	  HOSTILE_SCENARIO_STEPS=$(HOSTILE_DEEP_STEPS) \
	  $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup tests/hostile/test_api_fuzzing.py tests/hostile/test_api_stateful.py $(PYTEST_ARGS)

# Only the offline checks of the image, compose file, Helm chart and production settings (also part of `make test`).
deploy-checks: install
	$(BIN)/pytest -p no:xdist -q tests/deploy

# A benchmark on its own database (docs/benchmarks.md); not part of `make test`. BENCH=inbox (default:
# 1,000,000 cases), load (gunicorn + locust over 650 Procons), provisioning or migrate.
BENCH ?= inbox
bench: install services
	$(BIN)/python tests/bench/bench_$(BENCH).py $(BENCH_ARGS)

# Rewrite the lock file from a fresh environment with the newest versions pyproject.toml allows.
lock:
	rm -rf .var/lock-venv && $(PYTHON) -m venv .var/lock-venv
	.var/lock-venv/bin/pip install -q '.[dev]'
	{ echo '# Exact versions for every install (pip install -c requirements.lock). Regenerate with `make lock`.'; \
	  .var/lock-venv/bin/pip freeze --exclude-editable | grep -v '^procon-digital'; } > requirements.lock
	rm -rf .var/lock-venv

# Refresh the pt_BR catalogue from the code, then compile it (the .mo is committed).
messages: install
	$(BIN)/python manage.py makemessages -l pt_BR --ignore '.venv/*' --ignore '.var/*' --ignore 'tests/*'
	$(BIN)/python manage.py compilemessages -l pt_BR --ignore '.venv/*' --ignore '.var/*'

clean: stop
	rm -rf .var $(VENV)
