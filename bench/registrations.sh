#!/usr/bin/env bash
# Registrations per second through HTTP (clerk enters a birth, a supervisor approves it; audit
# and durability on), beside the raw SQLite limit measured in the same run (bench/raw_sqlite:
# plain inserts, one durable transaction per row, and bulk rows).
# usage: bench/registrations.sh [seconds=10] [connections=16] [persons=20000]
#   HUJI_BUILD   build directory (default build/release)
#   HUJI_DB      a postgresql:// URL of an EMPTY database to run on PostgreSQL instead
#   HUJI_EXISTING=1  HUJI_DB (a file or a URL) already holds a register (e.g. a 1 M demo):
#                no demo is loaded, and `persons` is ignored
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-10}"; conns="${2:-16}"; persons="${3:-20000}"
bin="${HUJI_BUILD:-$here/build/release}"
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
db="${HUJI_DB:-$tmp/huji.db}"
port=18090

if [ -z "${HUJI_EXISTING:-}" ]; then
  "$bin/huji" demo --db "$db" --persons "$persons" --seed 1 >"$tmp/demo.txt"
fi
q="SELECT household_no || ',' || head_id FROM households"
case "$db" in
  postgresql://*) psql "$db" -Atc "$q" >"$tmp/households" ;;
  *) sqlite3 "$db" "$q" >"$tmp/households" ;;
esac
"$bin/bench/hello_server" 18091 8 &  # the raw HTTP limit, its best thread count on 2 cores
"$bin/huji" serve --db "$db" --threads "${HUJI_THREADS:-32}" --port "$port" \
  --calendar "$here/data/calendar" >"$tmp/out" 2>/dev/null &
for _ in $(seq 100); do grep -q listening "$tmp/out" 2>/dev/null && break; sleep 0.1; done
token() {
  curl -s -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$1-demo-pass\"}" "http://127.0.0.1:$port/api/v1/auth/login" |
    sed -E 's/.*"token":"([^"]+)".*/\1/'
}
clerk=$(token clerk)
supervisor=$(token supervisor)
today=$(TZ=Asia/Taipei date +%F)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); backend: ${HUJI_DB:+postgresql}${HUJI_DB:-sqlite}"
raw=$("$bin/bench/raw_sqlite" "$tmp" "$secs")
hello=$(wrk -t2 -c"$conns" -d"${secs}s" http://127.0.0.1:18091/hello | awk '/Requests\/sec/ {print $2}')
out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$here/bench/registrations.lua" \
  "http://127.0.0.1:$port" -- "$clerk" "$supervisor" "$tmp/households" "$today")
regs=$(awk '/registrations_per_s/ {print $2}' <<<"$out")
reqs=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
p99=$(awk '$1=="99%" {print $2}' <<<"$out")
txn=$(awk '/durable_txn_per_s/ {print $2}' <<<"$raw")
bulk=$(awk '$1=="bulk_rows_per_s" {print $2}' <<<"$raw")
grep -E '^registered' <<<"$out"
printf '| %-58s | %12s |\n' measure "per second"
printf '|%s|%s|\n' "$(printf -- '-%.0s' {1..60})" "--------------"
printf '| %-58s | %12s |\n' "registrations through HTTP (submit + approve), wrk -c$conns" "$regs"
printf '| %-58s | %12s |\n' "  HTTP requests (two per registration), p99 $p99" "$reqs"
printf '| %-58s | %12s |\n' "raw SQLite: durable transactions of one insert" "$txn"
printf '| %-58s | %12s |\n' "raw SQLite: bulk inserts (10,000 rows per transaction)" "$bulk"
printf '| %-58s | %12s |\n' "hello-world (RESTinio, no huji), wrk -c$conns" "$hello"
awk -v r="$regs" -v t="$txn" -v b="$bulk" 'BEGIN {
  printf "ratio registrations/s : raw durable txn/s = %.3f; : raw bulk rows/s = %.4f\n", r / t, r / b }'
