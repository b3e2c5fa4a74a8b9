#!/usr/bin/env bash
# Audited lookups under different `huji serve` options, alternated in the same minutes (for
# docs/PERFORMANCE.md): per round and option set, the summary of one person, of 1,000 random
# persons and the full view of one person (wrk -t2 -c64), req/s and p99 each; and, with
# THREAD_CPU=1, each of huji's threads' CPU time per request during the first run.
# usage: bench/lookup_ab.sh DB SECONDS ROUNDS "OPTIONS A" "OPTIONS B" ...
#   DB: an existing register, a SQLite file or a postgresql:// URL (e.g. the national one from
#       bench/national_load.sh)
#   e.g. bench/lookup_ab.sh /srv/tw.db 5 3 "--audit-commit-us 0" "--audit-commit-us 200"
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
db=$1; secs=$2; rounds=$3; shift 3
bin="${HUJI_BUILD:-$here/build/release}"
port=18091
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
q="SELECT id_number FROM persons WHERE status = 'active' AND household_no <> '' ORDER BY random() LIMIT 1000"
case "$db" in
  postgresql://*) psql "$db" -Atc "$q" >"$tmp/persons" ;;
  *) sqlite3 "file:$db?mode=ro" "$q" >"$tmp/persons" ;;
esac
person=$(head -1 "$tmp/persons")

r() { wrk -t2 -c64 -d"${secs}s" --latency "$@" >"$tmp/wrk"; awk '/Requests\/sec/ {rps=$2} $1=="99%" {p99=$2} END {printf "  %8.0f %8s", rps, p99}' "$tmp/wrk"; }
cpu() { for t in /proc/$1/task/*; do awk -v t="$(basename "$t")" '{print t, $14+$15}' "$t/stat"; done; }

printf '%-36s  %8s %8s  %8s %8s  %8s %8s\n' options "sum one" p99 "sum rand" p99 "full one" p99
for _ in $(seq "$rounds"); do
  for opts in "$@"; do
    # shellcheck disable=SC2086
    "$bin/huji" serve --db "$db" $opts --port $port --calendar "$here/data/calendar" >"$tmp/out" 2>/dev/null &
    pid=$!
    for _ in $(seq 300); do grep -q listening "$tmp/out" 2>/dev/null && break; sleep 0.1; done
    token=$(curl -s -X POST -H 'Content-Type: application/json' \
      -d '{"username":"clerk","password":"clerk-demo-pass"}' http://127.0.0.1:$port/api/v1/auth/login |
      sed -E 's/.*"token":"([^"]+)".*/\1/')
    printf '%-36s' "${opts:-(defaults)}"
    cpu $pid >"$tmp/cpu0"
    r "http://127.0.0.1:$port/api/v1/persons/$person?purpose=bench&view=summary" -H "Authorization: Bearer $token"
    n=$(awk '/requests in/ {print $1}' "$tmp/wrk")
    cpu $pid >"$tmp/cpu1"
    r http://127.0.0.1:$port -H "Authorization: Bearer $token" -s "$here/bench/persons.lua" -- "$tmp/persons" "&view=summary"
    r "http://127.0.0.1:$port/api/v1/persons/$person?purpose=bench" -H "Authorization: Bearer $token"
    echo
    if [ "${THREAD_CPU:-0}" = 1 ]; then
      # Clock ticks (1/100 s) per thread during the summary-of-one run, as µs per request; in
      # order of creation: the audit mover, the audit writer, then the I/O threads.
      join "$tmp/cpu0" "$tmp/cpu1" | awk -v n="$n" '$3-$2>5 {printf "    thread %s: %.2f us/request\n", $1, ($3-$2)*10000/n}'
    fi
    kill $pid; wait $pid 2>/dev/null || true
  done
done
