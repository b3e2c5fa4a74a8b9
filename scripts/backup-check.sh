#!/usr/bin/env bash
# Rehearses docs/OPERATIONS.md on throwaway databases: back up a running huji, restore the
# backup to a new place, and verify it.
#
#   scripts/backup-check.sh [HUJI_BINARY]      (default build/release/huji)
#
# SQLite: a demo database (300 persons, seed 3) served by `huji serve --port 0`; audited
# lookups through the API so that recent commits sit in the -wal file; online backups with
# the sqlite3 CLI (`VACUUM INTO` under a stream of lookups, then `VACUUM INTO` and `.backup`
# while idle); the server stopped; the idle backup restored to a new path (temporary name,
# sync, rename) and checked with PRAGMA integrity_check / foreign_key_check, `huji audit
# verify`, `huji register rebuild --check` and per-table row counts against the source; the
# restored copy served again.
# PostgreSQL, when scripts/pg.sh can start a throwaway cluster: a demo loaded through
# `huji demo --db postgresql://…`, served, `pg_dump -Fc` under load and while idle,
# `pg_restore` into second databases, the same huji checks and row counts.
#
# Prints "backup-check: OK" and exits 0 when everything holds; exits 1 on the first failure
# and keeps its temporary directory for inspection. Environment: PG_BIN (PostgreSQL server
# binaries, as for scripts/pg.sh), HUJI_REQUIRE_PG=1 (fail instead of skipping when no
# PostgreSQL cluster can be started), KEEP=1 (keep the temporary directories).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${1:-$here/build/release/huji}"
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"

say() { echo "backup-check: $*"; }
die() { echo "backup-check: FAIL: $*" >&2; exit 1; }

[ -x "$bin" ] || die "no huji binary at $bin (build it, or give its path)"
command -v sqlite3 >/dev/null || die "the sqlite3 CLI is missing (apt-get install sqlite3; scripts/setup.sh lists it)"
command -v curl >/dev/null || die "curl is missing"

# huji serve finds web/dist relative to the working directory.
cd "$here"

work="$(mktemp -d "${TMPDIR:-/tmp}/huji-backup-check.XXXXXX")"
pg_dir=""
server_pid=""
load_pid=""

cleanup() {
  local status=$?
  if [ -n "$load_pid" ] && kill -0 "$load_pid" 2>/dev/null; then
    kill "$load_pid" 2>/dev/null || true
    wait "$load_pid" 2>/dev/null || true
  fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_dir" ]; then "$here/scripts/pg.sh" stop "$pg_dir" >/dev/null 2>&1 || true; fi
  if [ "$status" -ne 0 ] || [ "${KEEP:-0}" = 1 ]; then
    echo "backup-check: kept $work${pg_dir:+ and $pg_dir}" >&2
  else
    rm -rf "$work"
    if [ -n "$pg_dir" ]; then rm -rf "$pg_dir"; fi
  fi
}
trap cleanup EXIT

# --- huji and its API --------------------------------------------------------------------

# demo DB → prints the sample person's ID number.
make_demo() {
  local out
  out="$("$bin" demo --db "$1" --persons 300 --seed 3)" || die "huji demo --db $1 failed"
  sed -n 's/^sample person: \([^ ]*\).*/\1/p' <<<"$out"
}

# start_server DB NAME: runs huji serve on a free port; sets server_pid and server_url.
start_server() {
  local db="$1" name="$2" i
  "$bin" serve --db "$db" --host 127.0.0.1 --port 0 --calendar "$here/data/calendar" \
    >"$work/$name.out" 2>"$work/$name.err" &
  server_pid=$!
  server_url=""
  for ((i = 0; i < 200; i++)); do
    server_url="$(sed -n 's|^huji listening on \(http://[^/]*\)/.*|\1|p' "$work/$name.out")"
    [ -n "$server_url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { tail -5 "$work/$name.err" >&2; die "huji serve --db $db exited"; }
    sleep 0.1
  done
  [ -n "$server_url" ] || die "huji serve --db $db did not start within 20 s"
  curl -sSf --max-time 5 "$server_url/healthz" >/dev/null || die "GET /healthz failed on $server_url"
}

# Stops the server as a service manager would (SIGTERM), and waits for it.
stop_server() {
  local i
  kill -TERM "$server_pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$server_pid" 2>/dev/null; then die "huji serve (pid $server_pid) did not stop on SIGTERM"; fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# login URL → prints a bearer token for the demo clerk.
login() {  # URL [USER PASSWORD] (default the demo clerk)
  local body user="${2:-clerk}" pass="${3:-clerk-demo-pass}"
  body="$(curl -sSf --max-time 10 -X POST -H 'Content-Type: application/json' \
    --data "{\"username\":\"$user\",\"password\":\"$pass\"}" "$1/api/v1/auth/login")" \
    || die "login as $user failed on $1"
  sed -E -n 's/.*"token"[[:space:]]*:[[:space:]]*"([^"]+)".*/\1/p' <<<"$body"
}

# lookup URL TOKEN ID: one audited person lookup (writes an audit entry before answering).
lookup() {
  curl -sSf --max-time 10 -o /dev/null -H "Authorization: Bearer $2" \
    "$1/api/v1/persons/$3?purpose=backup-check"
}

lookups() {
  local i
  for ((i = 0; i < $4; i++)); do lookup "$1" "$2" "$3" || die "lookup $i of $3 failed"; done
}

# load_start URL TOKEN ID: lookups in the background until load_stop; load_stop fails when
# any of them failed.
load_start() {
  rm -f "$work/load.stop" "$work/load.count"
  (
    n=0
    while [ ! -e "$work/load.stop" ]; do
      lookup "$1" "$2" "$3" || exit 1
      n=$((n + 1))
    done
    echo "$n" >"$work/load.count"
  ) &
  load_pid=$!
  sleep 0.5
}

load_stop() {
  sleep 0.5
  touch "$work/load.stop"
  wait "$load_pid" || die "a lookup failed while the backup ran"
  load_pid=""
  say "  $(cat "$work/load.count") lookups ran beside the backup"
}

# huji's own checks; both exit non-zero on a problem.
huji_checks() {
  local out
  out="$("$bin" audit verify --db "$1")" || die "huji audit verify --db $1: $out"
  say "  $out"
  out="$("$bin" register rebuild --check --db "$1")" || die "huji register rebuild --check --db $1: $out"
  say "  $(tail -1 <<<"$out")"
}

# audit_count COUNTS_FILE: the audit table's row count from a counts listing.
audit_count() { awk '$1 == "audit" { print $2 }' "$1"; }

# same_counts A B: the two listings are identical (and not empty).
same_counts() {
  [ -s "$1" ] || die "no row counts in $1"
  if ! diff -u "$1" "$2" >"$work/counts.diff"; then
    cat "$work/counts.diff" >&2
    die "row counts differ: $1 vs $2"
  fi
}

# --- SQLite ------------------------------------------------------------------------------

sqlite_counts() {
  local t
  for t in $(sqlite3 -readonly "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
    printf '%s %s\n' "$t" "$(sqlite3 -readonly "$1" "SELECT count(*) FROM \"$t\"")"
  done
}

# sqlite_backup_vacuum SRC DST / sqlite_backup_dot SRC DST: the two online methods of
# docs/OPERATIONS.md, each followed by an fsync of the output.
sqlite_backup_vacuum() {
  sqlite3 -bail -cmd '.timeout 10000' "$1" "VACUUM INTO '$2'" || die "VACUUM INTO $2 failed"
  sync "$2"
}
sqlite_backup_dot() {
  sqlite3 -bail -cmd '.timeout 10000' "$1" ".backup '$2'" || die ".backup $2 failed"
  sync "$2"
}

# sqlite_verify DB: the SQLite checks, then huji's on a scratch copy (huji writes to what it
# opens: WAL mode, migrations).
sqlite_verify() {
  local db="$1" scratch r
  r="$(sqlite3 -readonly "$db" 'PRAGMA integrity_check')"
  [ "$r" = ok ] || die "PRAGMA integrity_check on $db: $r"
  r="$(sqlite3 -readonly "$db" 'PRAGMA foreign_key_check')"
  [ -z "$r" ] || die "PRAGMA foreign_key_check on $db: $r"
  say "  integrity_check ok, foreign_key_check clean"
  scratch="$(mktemp -d "$work/scratch.XXXXXX")"
  cp "$db" "$scratch/huji.db"
  huji_checks "$scratch/huji.db"
  rm -rf "$scratch"
}

sqlite_part() {
  local src="$work/live/huji.db" sample token
  mkdir -p "$work/live" "$work/backup" "$work/restored"
  say "SQLite: demo database $src"
  sample="$(make_demo "$src")"
  [ -n "$sample" ] || die "huji demo printed no sample person"

  start_server "$src" serve-live
  say "SQLite: huji serving $src at $server_url"
  token="$(login "$server_url")"
  [ -n "$token" ] || die "no token in the login answer"
  lookups "$server_url" "$token" "$sample" 20
  if [ -s "$src-wal" ]; then
    say "SQLite: $(stat -c %s "$src-wal") bytes of committed data in huji.db-wal (a copy of huji.db alone would miss them)"
  fi

  say "SQLite: VACUUM INTO while lookups run"
  load_start "$server_url" "$token" "$sample"
  sqlite_backup_vacuum "$src" "$work/backup/under-load.db"
  load_stop

  lookups "$server_url" "$token" "$sample" 10
  # The last lookups' audit entries may still be in the audit journal (moved every 200 ms):
  # an auditor's read of the trail moves them first, so the idle backups hold them
  # (OPERATIONS.md, "The audit journal and backups").
  auditor="$(login "$server_url" auditor auditor-demo-pass)"
  curl -sSf --max-time 10 -o /dev/null -H "Authorization: Bearer $auditor" \
    "$server_url/api/v1/audit?user=clerk&limit=1" || die "the auditor's read of the trail failed"
  say "SQLite: VACUUM INTO and .backup while idle, huji still running"
  sqlite_backup_vacuum "$src" "$work/backup/idle-vacuum.db"
  sqlite_backup_dot "$src" "$work/backup/idle-dot.db"

  stop_server
  say "SQLite: huji stopped"
  sqlite_counts "$src" >"$work/counts-source.txt"

  say "SQLite: checking the backup taken under load"
  sqlite_verify "$work/backup/under-load.db"
  sqlite_counts "$work/backup/under-load.db" >"$work/counts-under-load.txt"
  local during final
  during="$(audit_count "$work/counts-under-load.txt")"
  final="$(audit_count "$work/counts-source.txt")"
  if [ -z "$during" ] || [ "$during" -gt "$final" ]; then
    die "audit rows: backup under load $during, source $final"
  fi
  say "  $during audit entries (the source has $final)"

  say "SQLite: checking the idle .backup copy"
  sqlite_verify "$work/backup/idle-dot.db"
  sqlite_counts "$work/backup/idle-dot.db" >"$work/counts-dot.txt"
  same_counts "$work/counts-source.txt" "$work/counts-dot.txt"
  say "  row counts equal the source's ($(wc -l <"$work/counts-source.txt") tables)"

  say "SQLite: restoring the idle VACUUM INTO backup to $work/restored/huji.db"
  local dst="$work/restored/huji.db"
  if [ -e "$dst" ] || [ -e "$dst-wal" ] || [ -e "$dst-shm" ]; then die "restore target not empty"; fi
  cp "$work/backup/idle-vacuum.db" "$dst.restoring"
  sync "$dst.restoring"
  mv "$dst.restoring" "$dst"
  sqlite_verify "$dst"
  sqlite_counts "$dst" >"$work/counts-restored.txt"
  same_counts "$work/counts-source.txt" "$work/counts-restored.txt"
  say "  row counts equal the source's"
  huji_checks "$dst"

  start_server "$dst" serve-restored
  token="$(login "$server_url")"
  [ -n "$token" ] || die "no token from the restored server"
  lookups "$server_url" "$token" "$sample" 3
  stop_server
  say "SQLite: the restored copy serves logins and lookups"
  huji_checks "$dst"
}

# --- PostgreSQL --------------------------------------------------------------------------

pg_tool() {
  if [ -x "$pg_bin/$1" ]; then echo "$pg_bin/$1"; else command -v "$1" || true; fi
}

pg_counts() {
  "$psql" -X -At "$1" -c "SELECT format('SELECT %L, count(*) FROM %I;', table_name, table_name)
      FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name" |
    "$psql" -X -At -F ' ' -v ON_ERROR_STOP=1 "$1"
}

# pg_restore_into BASE NAME DUMP: a new database NAME, the dump restored into it.
pg_restore_into() {
  "$psql" -X -q -v ON_ERROR_STOP=1 "$1/postgres" \
    -c "CREATE DATABASE $2 TEMPLATE template0 ENCODING 'UTF8'" || die "CREATE DATABASE $2 failed"
  "$pg_restore" --exit-on-error --single-transaction --no-owner -d "$1/$2" "$3" \
    || die "pg_restore of $3 into $2 failed"
}

pg_part() {
  local psql pg_dump pg_restore url base sample token
  psql="$(pg_tool psql)"
  pg_dump="$(pg_tool pg_dump)"
  pg_restore="$(pg_tool pg_restore)"
  if [ -z "$psql" ] || [ -z "$pg_dump" ] || [ -z "$pg_restore" ]; then
    pg_skip "psql, pg_dump or pg_restore not found"
    return
  fi
  pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/huji-backup-check-pg.XXXXXX")"
  if ! url="$("$here/scripts/pg.sh" start "$pg_dir" 2>"$work/pg-start.err")"; then
    pg_skip "scripts/pg.sh could not start a cluster: $(tail -1 "$work/pg-start.err")"
    return
  fi
  base="${url%/*}"
  say "PostgreSQL: cluster at $base"

  sample="$(make_demo "$url")"
  [ -n "$sample" ] || die "huji demo --db $url printed no sample person"
  start_server "$url" serve-pg
  say "PostgreSQL: huji serving $url at $server_url"
  token="$(login "$server_url")"
  [ -n "$token" ] || die "no token in the login answer"
  lookups "$server_url" "$token" "$sample" 20

  say "PostgreSQL: pg_dump -Fc while lookups run"
  load_start "$server_url" "$token" "$sample"
  "$pg_dump" --format=custom --file="$work/backup/under-load.dump" "$url" || die "pg_dump failed"
  load_stop

  lookups "$server_url" "$token" "$sample" 10
  say "PostgreSQL: pg_dump -Fc while idle, huji still running"
  "$pg_dump" --format=custom --file="$work/backup/idle.dump" "$url" || die "pg_dump failed"
  "$pg_restore" --list "$work/backup/idle.dump" >/dev/null || die "pg_restore --list failed"
  stop_server
  pg_counts "$url" >"$work/pg-counts-source.txt"

  say "PostgreSQL: restoring the dump taken under load into huji_restored_load"
  pg_restore_into "$base" huji_restored_load "$work/backup/under-load.dump"
  huji_checks "$base/huji_restored_load"
  pg_counts "$base/huji_restored_load" >"$work/pg-counts-under-load.txt"
  local during final
  during="$(audit_count "$work/pg-counts-under-load.txt")"
  final="$(audit_count "$work/pg-counts-source.txt")"
  if [ -z "$during" ] || [ "$during" -gt "$final" ]; then
    die "audit rows: dump under load $during, source $final"
  fi
  say "  $during audit entries (the source has $final)"

  say "PostgreSQL: restoring the idle dump into huji_restored"
  pg_restore_into "$base" huji_restored "$work/backup/idle.dump"
  pg_counts "$base/huji_restored" >"$work/pg-counts-restored.txt"
  same_counts "$work/pg-counts-source.txt" "$work/pg-counts-restored.txt"
  say "  row counts equal the source's ($(wc -l <"$work/pg-counts-source.txt") tables)"
  huji_checks "$base/huji_restored"

  start_server "$base/huji_restored" serve-pg-restored
  token="$(login "$server_url")"
  [ -n "$token" ] || die "no token from the restored server"
  lookups "$server_url" "$token" "$sample" 3
  stop_server
  say "PostgreSQL: the restored database serves logins and lookups"
  huji_checks "$base/huji_restored"
}

pg_skip() {
  if [ "${HUJI_REQUIRE_PG:-0}" = 1 ]; then die "PostgreSQL: $1"; fi
  say "PostgreSQL: skipped — $1"
}

sqlite_part
pg_part
say "OK"
