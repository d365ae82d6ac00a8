#!/usr/bin/env bash
# The web server of `make run` (and of the tests that need the same one): gunicorn, not Django's
# development server, whose accept queue of 10 drops connections under a burst.
#   RUN_ADDR        where to listen (127.0.0.1:8000)
#   WEB_WORKERS     processes (2: one per core of a small machine)
#   WEB_THREADS     threads per process (4: requests wait on PostgreSQL more than on the CPU)
#   WEB_BACKLOG     connections the kernel queues before gunicorn accepts them (2048)
#   WEB_RELOAD=1    restart the workers when a source file changes (make run sets it)
#   VENV_BIN        where gunicorn is installed (.venv/bin)
# Static files are served by WhiteNoise inside Django (from the finders in dev).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BIN=${VENV_BIN:-$ROOT/.venv/bin}
args=(
  config.wsgi:application
  --bind "${RUN_ADDR:-127.0.0.1:8000}"
  --workers "${WEB_WORKERS:-2}"
  --threads "${WEB_THREADS:-4}"
  --backlog "${WEB_BACKLOG:-2048}"
  --timeout "${WEB_TIMEOUT:-60}"
  --graceful-timeout 10
  --access-logfile -
  --error-logfile -
)
if [ "${WEB_RELOAD:-0}" = 1 ]; then
  args+=(--reload)
  # Templates and translations too (the polling reloader watches files, not folders).
  while IFS= read -r -d '' file; do args+=(--reload-extra-file "$file"); done < <(
    find platform kernel shared tenants onboarding portals demo \( -name '*.html' -o -name '*.mo' \) -print0)
fi
# exec: gunicorn itself receives SIGTERM/SIGINT and stops its workers.
PYTHONPATH="$ROOT:$ROOT/platform${PYTHONPATH:+:$PYTHONPATH}" exec "$BIN/gunicorn" "${args[@]}"
