#!/usr/bin/env bash
# `make run`: services, migrations, demo data, then web (gunicorn) + Celery worker + beat in the
# foreground. Ctrl-C, or SIGTERM to this script or to its process group, stops everything this
# script started, PostgreSQL and Redis included.
#   PGPORT, REDIS_PORT   ports of the project-local servers (the settings follow them)
#   RUN_ADDR             where the web server listens (127.0.0.1:8000)
#   PROCON_VAR_DIR       where their data lives (.var)
#   RUN_SETUP=0          skip migrations and demo data (a quick restart when nothing changed)
#   RUN_STOP_TIMEOUT     seconds web, worker and beat get to stop before they are killed (20)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BIN=${VENV_BIN:-$ROOT/.venv/bin}
export RUN_ADDR=${RUN_ADDR:-127.0.0.1:8000}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.dev}
# This checkout's code, whichever checkout the virtualenv was installed from.
export PYTHONPATH="$ROOT:$ROOT/platform${PYTHONPATH:+:$PYTHONPATH}"
export PLATFORM_PORT=${PLATFORM_PORT:-${RUN_ADDR##*:}}
VAR=${PROCON_VAR_DIR:-$ROOT/.var}
mkdir -p "$VAR/celery"

pids=()
stopping=0
# Alive, not a zombie waiting for its parent to collect it, and still ours (in this script's
# process group: a number the system has given to someone else since is left alone).
running() {
  local stat
  stat=$(cat /proc/"$1"/stat 2>/dev/null) || return 1
  read -r -a stat <<<"${stat##*) }"
  [ "${stat[0]}" != Z ] && [ "${stat[2]}" = "$group" ]
}
own=$(cat /proc/$$/stat)
read -r -a own <<<"${own##*) }"
group=${own[2]}
# Runs once, on every way out (the end of the script, an error, a signal). It ignores further
# signals first: a process group's SIGTERM or a second Ctrl-C arriving while it waits must not
# cut it short before PostgreSQL and Redis are stopped.
cleanup() {
  trap '' INT TERM HUP
  set +e
  [ "$stopping" = 1 ] && return
  stopping=1
  echo; echo "Stopping…"
  local pid alive all=()
  # Their children too (gunicorn's workers hold the listening socket, Celery's pool): a master
  # that gives up on a worker must not leave it serving the port after this script has ended.
  for pid in "${pids[@]}"; do
    all+=("$pid")
    # shellcheck disable=SC2207
    all+=($(cat /proc/"$pid"/task/*/children 2>/dev/null))
  done
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for _ in $(seq $((${RUN_STOP_TIMEOUT:-20} * 10))); do
    alive=0
    for pid in "${all[@]}"; do running "$pid" && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${all[@]}"; do running "$pid" && kill -KILL "$pid" 2>/dev/null; done
  wait 2>/dev/null
  # A killed process's sockets close a moment after the signal: the port is free on return.
  for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/${RUN_ADDR%:*}/${RUN_ADDR##*:}") 2>/dev/null || break
    sleep 0.1
  done
  bash "$ROOT/deploy/scripts/services.sh" down
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

bash "$ROOT/deploy/scripts/services.sh" up
if [ "${RUN_SETUP:-1}" != 0 ]; then
  "$BIN/python" manage.py migrate_schemas --shared -v 0
  # Only the tenant schemas behind the code's migrations (one query finds them).
  "$BIN/python" manage.py migrate_tenants -v 0
  # The template schema new Procons are cloned from (adhesion), migrated like every tenant.
  "$BIN/python" manage.py prepare_tenant_template -v 0
  "$BIN/python" manage.py seed_demo
  # The public files from the first minute (beat rebuilds them every hour after).
  "$BIN/python" manage.py rebuild_open_data -v 0
fi

# gunicorn (deploy/scripts/web.sh), reloading on code changes; static files through WhiteNoise.
WEB_RELOAD=${WEB_RELOAD:-1} VENV_BIN="$BIN" bash "$ROOT/deploy/scripts/web.sh" &
pids+=($!)
"$BIN/celery" -A config worker --loglevel=INFO --concurrency=2 --hostname="worker@%h" &
pids+=($!)
"$BIN/celery" -A config beat --loglevel=INFO --schedule="$VAR/celery/beat-schedule" &
pids+=($!)

cat <<MSG

  O Procon Digital está no ar. Abra:
    http://localhost:${PLATFORM_PORT}/            a plataforma (site público; documentação da API em /api/v1/docs/)
    http://santos.localhost:${PLATFORM_PORT}/     Procon Santos
    http://campinas.localhost:${PLATFORM_PORT}/   Procon Campinas
    http://sp.localhost:${PLATFORM_PORT}/         Procon-SP (estadual)
    http://localhost:${PLATFORM_PORT}/healthz     saúde do sistema (?worker=1 com o HEALTHCHECK_TOKEN testa também o Celery)
  Os logins de demonstração estão listados acima. Ctrl-C encerra tudo.

MSG
# Until one of them ends (then the others and the services are stopped too).
wait -n "${pids[@]}"
