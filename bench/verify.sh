#!/usr/bin/env bash
# Public document checks per second (issue 18): GET /api/v1/verify/{code} over N issued
# documents, each check read from the store and audited (document.verify through the audit
# queue and journal), beside huji's GET /healthz measured in the same run. The per-address
# throttle is lifted (--verify-checks-per-minute 0 --verify-misses 0): all load comes from one
# address. Figures for docs/PERFORMANCE.md.
# usage: bench/verify.sh [seconds=10] [connections=64] [documents=10000]
#   HUJI_BUILD   build directory (default build/release)
#   HUJI_DB      a database URL (postgresql://…) instead of a new SQLite demo file
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-10}"; conns="${2:-64}"; docs="${3:-10000}"
bin="${HUJI_BUILD:-$here/build/release}"
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

db="${HUJI_DB:-$tmp/huji.db}"
"$bin/huji" demo --db "$db" --persons 2000 --seed 1 >/dev/null 2>&1
"$bin/huji" audit keygen --audit-key "$tmp/document.key" >/dev/null
node "$here/bench/verify_docs.mjs" "$db" "$tmp/document.key" "$docs" >"$tmp/codes"
"$bin/huji" serve --db "$db" --port 18090 --calendar "$here/data/calendar" \
  --document-key "$tmp/document.key" --verify-checks-per-minute 0 --verify-misses 0 \
  ${HUJI_SERVE_ARGS:-} >"$tmp/out" 2>/dev/null &
for _ in $(seq 100); do grep -q listening "$tmp/out" 2>/dev/null && break; sleep 0.1; done
sleep 0.5
curl -sf "http://127.0.0.1:18090/api/v1/verify/$(head -1 "$tmp/codes")" | grep -q '"valid":true'

run() {  # label [codes file]
  local out
  out=$(wrk -t2 -c"$conns" -d"${secs}s" -s "$here/bench/verify.lua" http://127.0.0.1:18090 -- "$@" |
    awk '/^RESULT/ {print $2, $3, $4, $5, $6}')
  read -r rps p50 p95 p99 errors <<<"$out"
  printf '| %-50s | %8s | %7s ms | %7s ms | %7s ms | %6s |\n' "$label" "$rps" "$p50" "$p95" "$p99" "$errors"
}

echo "wrk -t2 -c$conns -d${secs}s, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-50s | %8s | %10s | %10s | %10s | %6s |\n' endpoint "req/s" p50 p95 p99 errors
printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..52})" "----------" "------------" "------------" "------------" "--------"
label="huji GET /healthz" run
label="huji GET /api/v1/verify/{code} ($docs documents)" run "$tmp/codes"
audited=$(sqlite3 "file:$db?mode=ro" "SELECT count(*) FROM audit WHERE action = 'document.verify'" 2>/dev/null || echo "?")
echo "document.verify audit entries after the run (moved from the journal so far): $audited"
