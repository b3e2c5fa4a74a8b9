#!/usr/bin/env bash
# Sets up and runs every test: unit tests (GoogleTest, under ASan/UBSan), a brief fuzzing run
# of the parsers, HTTP tests against a real huji process, ESLint on web/, and browser tests in
# Debian's Chromium. Ends with one line "N passed, M failed" over all suites.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
log_dir="$here/build/test-logs"
mkdir -p "$log_dir"
passed=0
failed=0
failed_suites=()

stage() { printf '\n==== %s ====\n' "$*"; }
must() { "$@" || { echo "test.sh: '$*' failed" >&2; exit 1; }; }

stage setup
must scripts/setup.sh
stage "build (ASan/UBSan, warnings as errors)"
must scripts/build.sh asan
stage "build (release, warnings as errors)"
must scripts/build.sh release

# Count one suite's results from its output.
record() {  # name passed failed status
  passed=$((passed + $2))
  failed=$((failed + $3))
  if [ "$4" != 0 ] || [ "$3" != 0 ]; then failed_suites+=("$1"); fi
}

stage "PostgreSQL test cluster (loopback, thrown away afterwards)"
pg_dir="$(mktemp -d /tmp/huji-pg.XXXXXX)"
trap 'scripts/pg.sh stop "$pg_dir" >/dev/null 2>&1; rm -rf "$pg_dir"' EXIT
export HUJI_TEST_PG_URL
HUJI_TEST_PG_URL="$(scripts/pg.sh start "$pg_dir")" || { echo "test.sh: scripts/pg.sh start failed" >&2; exit 1; }
echo "PostgreSQL: $HUJI_TEST_PG_URL"

stage "unit and storage tests (ctest, sanitizers; storage on SQLite and PostgreSQL)"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
(cd build/asan && ctest --output-on-failure -j "$(nproc)") 2>&1 | tee "$log_dir/ctest.log"
st=${PIPESTATUS[0]}
total=$(grep -oE 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log_dir/ctest.log" | tail -1)
t_fail=$(echo "$total" | grep -oE '[0-9]+ tests failed' | grep -oE '[0-9]+' || echo 1)
t_all=$(echo "$total" | grep -oE 'out of [0-9]+' | grep -oE '[0-9]+' || echo 0)
record unit "$((t_all - t_fail))" "$t_fail" "$st"

stage "fuzzing the ID number and address parsers"
if FUZZ_SECONDS="${FUZZ_SECONDS:-15}" scripts/fuzz.sh "$here/build/fuzz" >"$log_dir/fuzz.log" 2>&1; then
  record fuzz 1 0 0; echo "fuzz: no crashes"
else
  tail -40 "$log_dir/fuzz.log"; record fuzz 0 1 1
fi

node_suite() {  # name files...
  local name="$1"; shift
  local st=0 p f
  node --test --test-concurrency=1 --test-reporter=tap "$@" >"$log_dir/$name.log" 2>&1 || st=$?
  grep -E '^# (tests|pass|fail)' "$log_dir/$name.log" || true
  p=$(grep -E '^# pass' "$log_dir/$name.log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  f=$(grep -E '^# fail' "$log_dir/$name.log" | tail -1 | grep -oE '[0-9]+' || echo 1)
  if [ "$st" != 0 ]; then grep -B2 -A30 'not ok' "$log_dir/$name.log" | head -120; fi
  record "$name" "$p" "$f" "$st"
}

stage "HTTP tests against a real huji on SQLite (sanitized build)"
HUJI_BIN="$here/build/asan/huji" HUJI_TEST_BACKEND=sqlite node_suite http-sqlite tests/http/*.test.mjs
stage "HTTP tests against a real huji on PostgreSQL (sanitized build)"
HUJI_BIN="$here/build/asan/huji" HUJI_TEST_BACKEND=postgres node_suite http-postgres tests/http/*.test.mjs
stage "transport abuse tests against the release build (running out of descriptors cannot be tested under the sanitizers)"
HUJI_BIN="$here/build/release/huji" HUJI_TEST_BACKEND=sqlite node_suite abuse-release tests/http/abuse_transport.test.mjs

stage "lint (ESLint on web/: typescript-eslint, import/no-cycle)"
if (cd web && npx --no-install eslint .) >"$log_dir/lint.log" 2>&1; then
  record lint 1 0 0; echo "lint: no problems"
else
  tail -60 "$log_dir/lint.log"; record lint 0 1 1
fi

stage "C++ static checks (clang-tidy: bugprone-, performance-, modernize-; clang-format)"
if scripts/tidy.sh tidy "$here/build/release" >"$log_dir/tidy.log" 2>&1; then
  record tidy 1 0 0; echo "tidy: no findings"
else
  grep -E '(error|warning): ' "$log_dir/tidy.log" | sort -u | head -60; record tidy 0 1 1
fi
if scripts/tidy.sh format >"$log_dir/format.log" 2>&1; then
  record format 1 0 0; echo "format: as clang-format writes it"
else
  grep -E 'error: ' "$log_dir/format.log" | head -30
  echo "(scripts/tidy.sh fix-format rewrites the sources)"; record format 0 1 1
fi

stage "browser tests (Chromium, axe-core)"
tmp=$(mktemp -d)
"$here/build/release/huji" demo --db "$tmp/huji.db" --persons 500 --seed 2 >"$tmp/demo.txt"
"$here/build/release/huji" serve --db "$tmp/huji.db" --port 0 --web "$here/web/dist" \
  --calendar "$here/data/calendar" >"$tmp/serve.out" 2>"$tmp/serve.err" &
server_pid=$!
for _ in $(seq 100); do grep -q 'listening on' "$tmp/serve.out" && break; sleep 0.1; done
export HUJI_URL
HUJI_URL=$(grep -oE 'http://[^/ ]+' "$tmp/serve.out" | head -1)
export HUJI_PERSON_ID
HUJI_PERSON_ID=$(grep -oE 'sample person: \S+' "$tmp/demo.txt" | awk '{print $3}')
pushd web >/dev/null
node_suite browser tests/*.test.mjs
popd >/dev/null
kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null
rm -rf "$tmp"

echo
if ((${#failed_suites[@]})); then echo "failed suites: ${failed_suites[*]}"; fi
echo "${passed} passed, ${failed} failed"
[ "$failed" = 0 ] && [ ${#failed_suites[@]} = 0 ]
