#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (Debian's postgresql-15 server binaries).
#
#   scripts/pg.sh start DIR   initdb into DIR (if new), start the server on a free loopback
#                             port, create the database huji_test, print its URL:
#                               postgresql://huji-pg@127.0.0.1:PORT/huji_test
#   scripts/pg.sh stop DIR    stop the server (DIR is left for the caller to remove)
#
# The server listens on 127.0.0.1 only (no Unix socket), trusts local connections (a test
# cluster, never a production setting) and keeps fsync and synchronous_commit on, as in
# production, so durability is tested as deployed. PostgreSQL refuses to run as root: run as
# root, the script creates (once) the system user huji-pg and runs the server as that user.
# PG_BIN overrides the server binaries' directory.
set -euo pipefail

bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
user=huji-pg
db=huji_test

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd="$1"
if [ "$cmd" = start ]; then mkdir -p "$2"; fi
[ -d "$2" ] || { echo "pg.sh: no directory $2" >&2; exit 1; }
dir="$(cd "$2" && pwd)"
data="$dir/data"

# Runs a server binary as the cluster's owner, from DIR (root's working directory may be
# closed to that user).
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    (cd "$dir" && runuser -u "$user" -- "$@")
  else
    "$@"
  fi
}

# The user name the URL carries: the cluster's bootstrap superuser.
owner() { if [ "$(id -u)" = 0 ]; then echo "$user"; else id -un; fi; }

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running() {
  [ -f "$data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

url() { echo "postgresql://$(owner)@127.0.0.1:$(cat "$dir/port")/$db"; }

start() {
  [ -x "$bin/initdb" ] || { echo "pg.sh: no PostgreSQL server binaries in $bin" >&2; exit 1; }
  if [ "$(id -u)" = 0 ]; then
    if ! id "$user" >/dev/null 2>&1; then
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user"
    fi
    chown "$user" "$dir"
    # The server must reach DIR through every parent directory.
    if ! runuser -u "$user" -- test -w "$dir"; then
      echo "pg.sh: $user cannot write $dir (a parent directory is closed to other users);" \
           "choose a directory such as /tmp/huji-pg" >&2
      exit 1
    fi
  fi
  if running; then
    url
    return
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$data" -U "$(owner)" --auth=trust --encoding=UTF8 --locale=C \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  # A free port: try random ones until the server starts on one (another process may take a
  # port between the check and the start).
  local tries=0 port
  while :; do
    port=$((20000 + RANDOM % 30000))
    if port_is_free "$port"; then
      if as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' \
            -c fsync=on -c synchronous_commit=on -c full_page_writes=on \
            -c max_connections=200" start >/dev/null; then
        break
      fi
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 10 ]; then
      echo "pg.sh: the server did not start; see $dir/server.log" >&2
      tail -20 "$dir/server.log" >&2 || true
      exit 1
    fi
  done
  echo "$port" >"$dir/port"
  if [ "$(as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U "$(owner)" -d postgres -Atc \
        "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$(owner)" "$db"
  fi
  url
}

stop() {
  if running; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  fi
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
