#!/usr/bin/env bash
# `make run`: services, migrations, demo data, then web + Celery worker + beat in the foreground.
# Ctrl-C stops everything this script started, PostgreSQL and Redis included.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BIN="$ROOT/.venv/bin"
ADDR=${RUN_ADDR:-127.0.0.1:8000}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.dev}
export PLATFORM_PORT=${PLATFORM_PORT:-${ADDR##*:}}
mkdir -p .var/celery

pids=()
stopping=0
cleanup() {
  [ "$stopping" = 1 ] && return
  stopping=1
  echo; echo "Stopping…"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bash deploy/scripts/services.sh down
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bash deploy/scripts/services.sh up
"$BIN/python" manage.py migrate_schemas --shared -v 0
# Only the tenant schemas behind the code's migrations (one query finds them).
"$BIN/python" manage.py migrate_tenants -v 0
# The template schema new Procons are cloned from (adhesion), migrated like every tenant.
"$BIN/python" manage.py prepare_tenant_template -v 0
"$BIN/python" manage.py seed_demo
# The public files from the first minute (beat rebuilds them every hour after).
"$BIN/python" manage.py rebuild_open_data -v 0

"$BIN/python" manage.py runserver "$ADDR" &
pids+=($!)
"$BIN/celery" -A config worker --loglevel=INFO --concurrency=2 --hostname="worker@%h" &
pids+=($!)
"$BIN/celery" -A config beat --loglevel=INFO --schedule=.var/celery/beat-schedule &
pids+=($!)

cat <<MSG

  Procon Digital is up. Open:
    http://localhost:${PLATFORM_PORT}/            the platform (public site, API docs at /api/v1/docs/)
    http://santos.localhost:${PLATFORM_PORT}/     Procon Santos
    http://campinas.localhost:${PLATFORM_PORT}/   Procon Campinas
    http://sp.localhost:${PLATFORM_PORT}/         Procon-SP (state)
    http://localhost:${PLATFORM_PORT}/healthz     health (add ?worker=1 to include a Celery round trip)
  The demo logins are listed above. Ctrl-C stops everything.

MSG
wait -n "${pids[@]}"
