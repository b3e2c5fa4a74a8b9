#!/usr/bin/env bash
# Document figures for docs/PERFORMANCE.md (issue 18), all in one run on this machine:
#   1. RESTinio hello-world (bench/hello_server) and huji GET /healthz: the raw HTTP limits
#   2. the raw lookup: GET /api/v1/persons/{id}?view=summary and the full view, audited, over
#      1,000 random persons
#   3. JSON transcripts: POST /api/v1/transcripts/preview over the same persons (household and
#      members read, 記事 worded, every person printed audited)
#   4. issued transcripts: POST /api/v1/transcripts (PDF rendered, stamped, stored, charged)
#   5. public verifications: GET /api/v1/verify/{code} over the codes issued in 4
# usage: bench/transcripts.sh [seconds=10] [connections=16] [persons=1000000]
#   HUJI_DB  an existing database (file or postgresql:// URL) instead of a new demo
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-10}"; conns="${2:-16}"; persons="${3:-1000000}"
bin="${HUJI_BUILD:-$here/build/release}"
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

db="${HUJI_DB:-$tmp/huji.db}"
if [ -z "${HUJI_DB:-}" ]; then
  /usr/bin/time -f "demo: %e s, %M KB peak" "$bin/huji" demo --db "$db" --persons "$persons" --seed 1 >"$tmp/demo.txt" 2>"$tmp/demo.err" || { cat "$tmp/demo.err"; exit 1; }
  tail -1 "$tmp/demo.err"
fi
q="SELECT id_number FROM persons WHERE status = 'active' AND household_no <> '' ORDER BY random() LIMIT 1000"
case "$db" in
  postgresql://*) psql "$db" -Atc "$q" >"$tmp/persons" ;;
  *) sqlite3 "file:$db?mode=ro" "$q" >"$tmp/persons" ;;
esac
"$bin/bench/hello_server" 18081 8 &
"$bin/huji" serve --db "$db" --threads "${HUJI_THREADS:-16}" --port 18080 \
  --verify-checks-per-minute 100000000 --verify-misses 100000000 \
  --calendar "$here/data/calendar" >"$tmp/out" 2>/dev/null &
for _ in $(seq 300); do grep -q listening "$tmp/out" 2>/dev/null && break; sleep 0.1; done
sleep 0.5
token=$(curl -s -X POST -H 'Content-Type: application/json' \
  -d '{"username":"clerk","password":"clerk-demo-pass"}' http://127.0.0.1:18080/api/v1/auth/login |
  sed -E 's/.*"token":"([^"]+)".*/\1/')
auth=(-H "Authorization: Bearer $token")

run() {  # label url [wrk args] [-- script args]
  local label="$1" url="$2"; shift 2
  local opts=() rest=()
  while [ $# -gt 0 ]; do
    if [ "$1" = -- ]; then shift; rest=(-- "$@"); break; fi
    opts+=("$1"); shift
  done
  local out rps p50 p95 p99
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "${opts[@]}" "$url" "${rest[@]}")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  p95=$(awk '$1=="p95_us" {printf "%.2fms", $2 / 1000}' <<<"$out")
  printf '| %-58s | %10s | %8s | %8s | %8s |\n' "$label" "$rps" "$p50" "${p95:--}" "$p99"
  if grep -q "Non-2xx" <<<"$out"; then grep "Non-2xx" <<<"$out" >&2; fi
}

echo "wrk -t2 -c$conns -d${secs}s, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), db $(basename "$db") ($persons persons)"
printf '| %-58s | %10s | %8s | %8s | %8s |\n' endpoint "req/s" p50 p95 p99
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..60})" "------------" "----------" "----------" "----------"
run "hello-world (RESTinio, no huji)" http://127.0.0.1:18081/hello
run "huji GET /healthz" http://127.0.0.1:18080/healthz
run "raw lookup: GET /api/v1/persons/{id}?view=summary (audited)" http://127.0.0.1:18080 "${auth[@]}" \
  -s "$here/bench/persons.lua" -- "$tmp/persons" "&view=summary"
run "lookup: GET /api/v1/persons/{id} full view (audited)" http://127.0.0.1:18080 "${auth[@]}" \
  -s "$here/bench/persons.lua" -- "$tmp/persons"
run "JSON transcript: POST /api/v1/transcripts/preview" http://127.0.0.1:18080 "${auth[@]}" \
  -s "$here/bench/transcripts.lua" -- "$tmp/persons" preview
run "issued transcript: POST /api/v1/transcripts (PDF, stored)" http://127.0.0.1:18080 "${auth[@]}" \
  -s "$here/bench/transcripts.lua" -- "$tmp/persons" issue
q="SELECT check_code FROM issued_documents ORDER BY random() LIMIT 1000"
case "$db" in
  postgresql://*) psql "$db" -Atc "$q" >"$tmp/codes" ;;
  *) sqlite3 "file:$db?mode=ro" "$q" >"$tmp/codes" ;;
esac
echo "issued documents: $(case "$db" in postgresql://*) psql "$db" -Atc 'SELECT count(*) FROM issued_documents';; *) sqlite3 "file:$db?mode=ro" 'SELECT count(*) FROM issued_documents';; esac)"
run "public verification: GET /api/v1/verify/{code}" http://127.0.0.1:18080 \
  -s "$here/bench/transcripts.lua" -- "$tmp/codes" verify
