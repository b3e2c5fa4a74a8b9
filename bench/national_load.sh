#!/usr/bin/env bash
# Load figures for docs/PERFORMANCE.md: `huji demo --national` into an empty database, beside
# the raw engine measured in the same run on the same rows' count.
# usage: bench/national_load.sh [persons=1000000]
#   HUJI_DB     an empty PostgreSQL database (postgresql://…) to load instead of a new SQLite
#               file; its server must be local (the raw COPY figure is taken on it too)
#   HUJI_TMP    directory for the SQLite file and the raw runs (default: a new one in /tmp)
# Prints the load's summary, its peak memory and database size, the raw engine's rows/s, the
# raw time for the same number of rows, and the ratio.
#   SQLite raw:     bench/raw_sqlite — plain prepared inserts, 10,000 rows per transaction,
#                   synchronous=FULL, the faster of WAL and rollback journal
#   PostgreSQL raw: COPY FROM STDIN of 2,000,000 events-like rows into a table with one index
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
persons="${1:-1000000}"
bin="${HUJI_BUILD:-$here/build/release}"
own_tmp=""
tmp="${HUJI_TMP:-}"
if [ -z "$tmp" ]; then tmp=$(mktemp -d); own_tmp="$tmp"; fi
trap '[ -n "$own_tmp" ] && rm -rf "$own_tmp"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
db="${HUJI_DB:-$tmp/national.db}"
case "$db" in
  postgresql://*)
    backend=postgresql
    n=2000000
    PGOPTIONS="-c client_min_messages=warning" psql -q "$db" -c "DROP TABLE IF EXISTS raw_events" \
      -c "CREATE TABLE raw_events (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, type text, subject_id text, household_no text, event_date text, registered_on text, office_code text, data text)" \
      -c "CREATE INDEX raw_events_subject ON raw_events (subject_id, seq)"
    awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "birth\tA1%08d\tF0000001\t2026-11-20\t2026-11-29\t63000080\t{\"name\":\"王小明\",\"sex\":\"M\",\"place\":\"臺北市\",\"relation\":\"長子\"}\n", i }' >"$tmp/raw.tsv"
    start=$(date +%s.%N)
    psql -q "$db" -c "\\copy raw_events (type, subject_id, household_no, event_date, registered_on, office_code, data) FROM '$tmp/raw.tsv'"
    end=$(date +%s.%N)
    psql -q "$db" -c "DROP TABLE raw_events"
    rm -f "$tmp/raw.tsv"
    raw=$(awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", n / (e - s) }')
    raw_label="raw PostgreSQL COPY, 2,000,000 rows, one index"
    ;;
  *)
    backend=sqlite
    rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
    out=$("$bin/bench/raw_sqlite" "$tmp" 10)
    raw=$(awk '$1 ~ /^bulk_rows_per_s/ && $2 > m {m = $2} END {printf "%.0f", m}' <<<"$out")
    raw_label="raw SQLite bulk insert ($(tr '\n' ' ' <<<"$out"))"
    ;;
esac

/usr/bin/time -v "$bin/huji" demo --db "$db" --persons "$persons" --seed 1 --national \
  >"$tmp/demo.txt" 2>"$tmp/time.txt" || { cat "$tmp/demo.txt" "$tmp/time.txt" >&2; exit 1; }
grep -E '^(loaded|rows )' "$tmp/demo.txt"
rss=$(awk -F: '/Maximum resident/ {printf "%.1f", $2 / 1048576}' "$tmp/time.txt")
if [ "$backend" = sqlite ]; then
  size=$(du -cb "$db"* | awk 'END {printf "%.1f GB", $1 / 1e9}')
else
  size=$(psql -Atq "$db" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")
fi
rows=$(awk '/^loaded/ {gsub(",", "", $2); print $2}' "$tmp/demo.txt")
secs=$(awk '/^loaded/ {print $5}' "$tmp/demo.txt")
echo "backend $backend, $persons persons: peak memory $rss GB, database $size"
echo "$raw_label: $raw rows/s"
awk -v r="$rows" -v s="$secs" -v raw="$raw" 'BEGIN {
  printf "raw time for the same %d rows: %.1f s; huji: %.1f s = %.2fx raw\n", r, r / raw, s, s / (r / raw) }'
