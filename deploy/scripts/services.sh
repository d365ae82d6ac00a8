#!/usr/bin/env bash
# Project-local PostgreSQL and Redis on their own loopback ports, data under .var/.
#   services.sh up      start both (initialising PostgreSQL on first use); safe to repeat
#   services.sh down    stop both
#   services.sh status
# PGPORT and REDIS_PORT choose the ports; the settings derive their default URLs from the same
# variables, so `PGPORT=55432 make run` moves the server and every connection to it.
# PostgreSQL refuses to run as root: as root its commands run as the `postgres` user.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# PROCON_VAR_DIR puts the data elsewhere (a second stack on other ports, the tests of this script).
VAR=${PROCON_VAR_DIR:-$ROOT/.var}
PGPORT=${PGPORT:-54329}
REDIS_PORT=${REDIS_PORT:-63799}
PGUSER_NAME=procon
PGDATA_LINK="$VAR/postgres"
REDIS_DIR="$VAR/redis"

log() { printf '\033[1m[services]\033[0m %s\n' "$*"; }

find_pg_bin() {
  local dir
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v pg_ctl)")"; return; fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return; }
  done
  return 1
}

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing $* with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    echo "Missing: $*. Install it (e.g. sudo apt-get install $*) and run again." >&2
    exit 1
  fi
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# The PostgreSQL data directory. As root, it must be reachable by the postgres user: when the
# checkout sits under a directory postgres cannot enter, the data lives in a postgres-owned
# directory under /var/tmp and .var/postgres links to it.
pg_data_dir() {
  mkdir -p "$VAR"
  if [ -L "$PGDATA_LINK" ]; then readlink -f "$PGDATA_LINK"; return; fi
  if [ "$(id -u)" != 0 ]; then mkdir -p "$PGDATA_LINK"; echo "$PGDATA_LINK"; return; fi
  if [ ! -d "$PGDATA_LINK" ]; then
    mkdir -p "$PGDATA_LINK"; chown postgres: "$PGDATA_LINK"; chmod 700 "$PGDATA_LINK"
  fi
  if runuser -u postgres -- test -w "$PGDATA_LINK" 2>/dev/null; then echo "$PGDATA_LINK"; return; fi
  rmdir "$PGDATA_LINK" 2>/dev/null || true
  local alt="/var/tmp/procon-digital-$(printf '%s' "$VAR" | sha1sum | cut -c1-12)/postgres"
  mkdir -p "$alt"; chown postgres: "$alt" "$(dirname "$alt")"; chmod 700 "$alt"
  ln -sfn "$alt" "$PGDATA_LINK"
  echo "$alt"
}

pg_up() {
  local bin data
  bin=$(find_pg_bin) || { apt_install postgresql; bin=$(find_pg_bin); }
  data=$(pg_data_dir)
  if [ ! -s "$data/PG_VERSION" ]; then
    log "initialising PostgreSQL in $data"
    as_pg "$bin/initdb" -D "$data" -U "$PGUSER_NAME" --auth=trust --encoding=UTF8 --no-locale >/dev/null
  fi
  if as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "PostgreSQL already running on 127.0.0.1:$PGPORT"
  else
    as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start \
      -o "-p $PGPORT -k $data -c listen_addresses=127.0.0.1 -c synchronous_commit=off -c max_connections=200" >/dev/null
    log "PostgreSQL started on 127.0.0.1:$PGPORT"
  fi
  local psql="$bin/psql"
  if ! "$psql" -h 127.0.0.1 -p "$PGPORT" -U "$PGUSER_NAME" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='procon'" | grep -q 1; then
    "$psql" -h 127.0.0.1 -p "$PGPORT" -U "$PGUSER_NAME" -d postgres -qc "CREATE DATABASE procon" >/dev/null
    log "database procon created"
  fi
}

pg_down() {
  local bin data
  bin=$(find_pg_bin) || return 0
  [ -e "$PGDATA_LINK" ] || return 0
  data=$(readlink -f "$PGDATA_LINK")
  if as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null && log "PostgreSQL stopped"
  fi
}

redis_cli_ping() {
  python3 - "$REDIS_PORT" <<'PY' 2>/dev/null
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1)
s.sendall(b"PING\r\n")
sys.exit(0 if s.recv(16).startswith(b"+PONG") else 1)
PY
}

redis_up() {
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  mkdir -p "$REDIS_DIR"
  if redis_cli_ping; then log "Redis already running on 127.0.0.1:$REDIS_PORT"; return; fi
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$REDIS_DIR" --daemonize yes \
    --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --appendonly yes \
    --save "" --protected-mode yes
  for _ in $(seq 50); do redis_cli_ping && break; sleep 0.1; done
  redis_cli_ping || { echo "Redis did not start; see $REDIS_DIR/redis.log" >&2; exit 1; }
  log "Redis started on 127.0.0.1:$REDIS_PORT"
}

redis_down() {
  local pidfile="$REDIS_DIR/redis.pid"
  [ -f "$pidfile" ] || return 0
  local pid; pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    log "Redis stopped"
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  up) pg_up; redis_up ;;
  down) redis_down; pg_down ;;
  status)
    if redis_cli_ping; then echo "redis: up ($REDIS_PORT)"; else echo "redis: down"; fi
    bin=$(find_pg_bin) && [ -e "$PGDATA_LINK" ] && as_pg "$bin/pg_ctl" -D "$(readlink -f "$PGDATA_LINK")" status | head -1 || echo "postgres: down" ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
