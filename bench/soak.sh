#!/usr/bin/env bash
# Security soak (issue #15): starts huji (release build) on a fresh demo database and runs
# bench/soak.mjs against it: slow clients, long paths and headers, a login flood and idle
# connection churn, while /healthz and person lookups are timed (p99 bound 50 ms).
# usage: bench/soak.sh [minutes=3] [persons=20000]
#   HUJI_BUILD   build directory (default build/release)
#   HUJI_DB      a postgresql:// URL of an empty database to use instead of SQLite
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes="${1:-3}"; persons="${2:-20000}"
bin="${HUJI_BUILD:-$here/build/release}/huji"
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
db="${HUJI_DB:-$tmp/huji.db}"
"$bin" demo --db "$db" --persons "$persons" --seed 1 >"$tmp/demo.txt" 2>/dev/null
q="SELECT id_number FROM persons WHERE status = 'active' ORDER BY random() LIMIT 500"
case "$db" in
  postgresql://*) psql "$db" -Atc "$q" >"$tmp/persons" ;;
  *) sqlite3 "file:$db?mode=ro" "$q" >"$tmp/persons" ;;
esac
"$bin" serve --db "$db" --port 0 --calendar "$here/data/calendar" >"$tmp/out" 2>"$tmp/err" &
for _ in $(seq 200); do grep -q listening "$tmp/out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -oE 'http://[^/ ]+' "$tmp/out" | head -1)
echo "huji at $url ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $persons persons, $minutes min"
SOAK_PERSONS="$tmp/persons" node "$here/bench/soak.mjs" "$url" "$minutes" 50
