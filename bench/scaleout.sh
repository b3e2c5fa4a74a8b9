#!/usr/bin/env bash
# Registrations/s and audited lookups/s with one and with two `huji serve` processes on one
# PostgreSQL database (docs/OPERATIONS.md "Several huji processes on one database").
# With two processes the connections are split evenly between them, one wrk per process
# started together (the part a reverse proxy would play), and the figure is their sum; the
# total number of connections is the same as with one process.
# Per round and process count: the summary and the full view of 1,000 random persons
# (bench/persons.lua, wrk -c LOOKUP_CONNS), then registrations (bench/registrations.lua: a
# clerk enters a birth, a supervisor approves it through the same process, wrk -c REG_CONNS).
# usage: bench/scaleout.sh URL [seconds=10] [rounds=2] [persons=20000]
#   URL  a postgresql:// URL of an EMPTY database (the demo office is loaded into it)
#   HUJI_BUILD     build directory (default build/release)
#   LOOKUP_CONNS   default 64;  REG_CONNS default 16;  HUJI_THREADS default 16 per process
#   ORDER          the process counts of a round, in order (default "1 2"; "2 1" measures 2
#                  first: registrations slow down as births accumulate, docs/OPERATIONS.md)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
db="${1:?usage: bench/scaleout.sh URL [seconds] [rounds] [persons]}"
secs="${2:-10}"; rounds="${3:-2}"; persons="${4:-20000}"
bin="${HUJI_BUILD:-$here/build/release}"
lookup_conns="${LOOKUP_CONNS:-64}"; reg_conns="${REG_CONNS:-16}"
ports=(18110 18111)
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

"$bin/huji" demo --db "$db" --persons "$persons" --seed 1 >"$tmp/demo.txt"
psql "$db" -Atc "SELECT id_number FROM persons WHERE status = 'active' ORDER BY random() LIMIT 1000" \
  >"$tmp/persons"
psql "$db" -Atc "SELECT household_no || ',' || head_id FROM households" >"$tmp/households"
today=$(TZ=Asia/Taipei date +%F)

servers=()  # process ids of the running huji serve, by index
serve() {  # index
  local port="${ports[$1]}"
  rm -f "$tmp/out$1"
  "$bin/huji" serve --db "$db" --threads "${HUJI_THREADS:-16}" --port "$port" \
    --calendar "$here/data/calendar" >"$tmp/out$1" 2>/dev/null &
  servers[$1]=$!
  for _ in $(seq 100); do grep -q listening "$tmp/out$1" 2>/dev/null && return; sleep 0.1; done
  echo "scaleout.sh: huji on port $port did not start" >&2
  exit 1
}
stop() {  # index
  kill "${servers[$1]}"
  wait "${servers[$1]}" || true
  unset "servers[$1]"
}
token() {  # user
  curl -s -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$1-demo-pass\"}" \
    "http://127.0.0.1:${ports[0]}/api/v1/auth/login" | sed -E 's/.*"token":"([^"]+)".*/\1/'
}

# One wrk per process, started together, each with conns/n connections; prints the summed
# `field` (wrk's "Requests/sec:", or a line the wrk script writes such as
# registrations_per_s) and the worst p99 in ms. A script argument "@instance" becomes a
# number of this wrk's own, another in every run: registrations.lua then sends keys and picks
# households no other run did.
measure() {  # n conns field wrk-args...
  local n="$1" conns="$2" field="$3"; shift 3
  local i opts=() rest=()
  while [ $# -gt 0 ]; do
    if [ "$1" = -- ]; then shift; rest=(-- "$@"); break; fi
    opts+=("$1"); shift
  done
  local pids=() run=$RANDOM
  for ((i = 0; i < n; i++)); do
    wrk -t1 -c$((conns / n)) -d"${secs}s" --latency "${opts[@]}" "http://127.0.0.1:${ports[$i]}" \
      "${rest[@]/@instance/$((run * 2 + i))}" >"$tmp/wrk$i" &
    pids+=($!)
  done
  wait "${pids[@]}"
  local sum=0 p99 worst=0
  for ((i = 0; i < n; i++)); do
    sum=$(awk -v s="$sum" -v f="$field" '$1 == f {s += $2} END {print s}' "$tmp/wrk$i")
    p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) v /= 1000; else if (v ~ /ms$/) v += 0;
                              else if (v ~ /s$/) v *= 1000; print v }' "$tmp/wrk$i")
    worst=$(awk -v a="$worst" -v b="$p99" 'BEGIN {print (b > a ? b : a)}')
    if grep -q "Non-2xx" "$tmp/wrk$i"; then grep "Non-2xx" "$tmp/wrk$i" >&2; fi
    if grep -q "^registered" "$tmp/wrk$i"; then grep "^registered" "$tmp/wrk$i" >&2; fi
  done
  printf '%.1f %.1f\n' "$sum" "$worst"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
  "$(date -u +%FT%TZ); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -d${secs}s; lookups: $lookup_conns connections in all, registrations: $reg_conns"
serve 0
clerk=$(token clerk)
supervisor=$(token supervisor)
printf '| %5s | %9s | %-34s | %10s | %8s |\n' round processes measure "per second" "p99 ms"
printf '|%s|%s|%s|%s|%s|\n' "-------" "-----------" "$(printf -- '-%.0s' {1..36})" "------------" "----------"
for ((round = 1; round <= rounds; round++)); do
  for n in ${ORDER:-1 2}; do
    if [ "$n" = 2 ] && [ -z "${servers[1]:-}" ]; then serve 1; fi
    if [ "$n" = 1 ] && [ -n "${servers[1]:-}" ]; then stop 1; fi
    read -r rps p99 < <(measure "$n" "$lookup_conns" Requests/sec: -H "Authorization: Bearer $clerk" \
      -s "$here/bench/persons.lua" -- "$tmp/persons" "&view=summary")
    printf '| %5s | %9s | %-34s | %10s | %8s |\n' "$round" "$n" "lookups, summary (req/s)" "$rps" "$p99"
    read -r rps p99 < <(measure "$n" "$lookup_conns" Requests/sec: -H "Authorization: Bearer $clerk" \
      -s "$here/bench/persons.lua" -- "$tmp/persons")
    printf '| %5s | %9s | %-34s | %10s | %8s |\n' "$round" "$n" "lookups, full view (req/s)" "$rps" "$p99"
    read -r rps p99 < <(measure "$n" "$reg_conns" registrations_per_s \
      -s "$here/bench/registrations.lua" -- "$clerk" "$supervisor" "$tmp/households" "$today" @instance)
    printf '| %5s | %9s | %-34s | %10s | %8s |\n' "$round" "$n" "registrations (submit + approve)" "$rps" "$p99"
  done
done
