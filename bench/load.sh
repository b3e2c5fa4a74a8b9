#!/usr/bin/env bash
# HTTP load figures for docs/PERFORMANCE.md, all in one run on this machine:
#   1. RESTinio hello-world (bench/hello_server): the raw HTTP limit
#   2. huji GET /healthz (routing + JSON, no storage)
#   3. huji GET /api/v1/id-numbers/{id} (public, pure computation)
#   4. huji GET /api/v1/persons/{id}?purpose=… (token check + full view: eight reads + durable
#      audit write), then the same with view=summary (the person's row only)
# usage: bench/load.sh [seconds=10] [connections=64] [persons=20000]
#   HUJI_DB      an existing database (file or postgresql:// URL) to use instead of a new demo
#                (e.g. the national 23.5 M register); the sample person is then read from it
#   HUJI_SERVE_ARGS  more options for huji serve (e.g. "--audit-journal none")
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-10}"; conns="${2:-64}"; persons="${3:-20000}"
bin="${HUJI_BUILD:-$here/build/release}"
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

db="${HUJI_DB:-$tmp/huji.db}"
if [ -z "${HUJI_DB:-}" ]; then
  "$bin/huji" demo --db "$db" --persons "$persons" --seed 1 >"$tmp/demo.txt" 2>/dev/null
fi
q="SELECT id_number FROM persons WHERE status = 'active' AND household_no <> '' ORDER BY random() LIMIT 1000"
case "$db" in
  postgresql://*) psql "$db" -Atc "$q" >"$tmp/persons" ;;
  *) sqlite3 "file:$db?mode=ro" "$q" >"$tmp/persons" ;;
esac
person=$(head -1 "$tmp/persons")
"$bin/bench/hello_server" 18081 8 &  # its best thread count on 2 cores
"$bin/huji" serve --db "$db" ${HUJI_SERVE_ARGS:-} --threads "${HUJI_THREADS:-16}" --port 18080 --calendar "$here/data/calendar" >"$tmp/out" 2>/dev/null &
for _ in $(seq 100); do grep -q listening "$tmp/out" 2>/dev/null && break; sleep 0.1; done
sleep 0.5
token=$(curl -s -X POST -H 'Content-Type: application/json' \
  -d '{"username":"clerk","password":"clerk-demo-pass"}' http://127.0.0.1:18080/api/v1/auth/login |
  sed -E 's/.*"token":"([^"]+)".*/\1/')

run() {  # label url [extra wrk args]
  local label="$1" url="$2"; shift 2
  local out
  # Options first, then the URL, then (after --) any script arguments.
  local opts=() rest=()
  while [ $# -gt 0 ]; do
    if [ "$1" = -- ]; then shift; rest=(-- "$@"); break; fi
    opts+=("$1"); shift
  done
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "${opts[@]}" "$url" "${rest[@]}")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf '| %-44s | %10s | %8s | %8s |\n' "$label" "$rps" "$p50" "$p99"
  if grep -q "Non-2xx" <<<"$out"; then grep "Non-2xx" <<<"$out" >&2; fi
}

echo "wrk -t2 -c$conns -d${secs}s, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf '| %-44s | %10s | %8s | %8s |\n' endpoint "req/s" p50 p99
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" "------------" "----------" "----------"
run "hello-world (RESTinio, no huji)" http://127.0.0.1:18081/hello
run "huji GET /healthz" http://127.0.0.1:18080/healthz
run "huji GET /api/v1/id-numbers/{id}" http://127.0.0.1:18080/api/v1/id-numbers/A123456789
run "huji GET /api/v1/persons/{id} (audited)" "http://127.0.0.1:18080/api/v1/persons/$person?purpose=bench" \
  -H "Authorization: Bearer $token"
run "huji GET /api/v1/persons/{id} (audited, 1,000 random persons)" http://127.0.0.1:18080 \
  -H "Authorization: Bearer $token" -s "$here/bench/persons.lua" -- "$tmp/persons"
run "huji GET /api/v1/persons/{id}?view=summary (audited)" \
  "http://127.0.0.1:18080/api/v1/persons/$person?purpose=bench&view=summary" \
  -H "Authorization: Bearer $token"
run "huji GET /api/v1/persons/{id}?view=summary (audited, 1,000 random persons)" \
  http://127.0.0.1:18080 -H "Authorization: Bearer $token" -s "$here/bench/persons.lua" -- \
  "$tmp/persons" "&view=summary"
