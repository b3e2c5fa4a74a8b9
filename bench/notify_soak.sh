#!/usr/bin/env bash
# The kill-and-restart soak of cross-agency notification (issue 19): hundreds of rounds of
# tests/http/notify_exactly_once.test.mjs on one database and one simulator file — in each
# round four persons move three times each, every move notifying two agencies, while `huji
# serve` and `huji agency-sim` (failing 15 % of deliveries with 429, 500 or 502, answering
# after 10 ms) are killed with SIGKILL at random points and restarted; after each round the
# simulator's file proves every message arrived exactly once, duplicates carried the same id
# and body, and each person's messages came in the order of the registrations.
# usage: bench/notify_soak.sh [rounds=300] [seed=random]
#   HUJI_BIN           the huji binary (default build/asan/huji, as the test command)
#   HUJI_TEST_BACKEND  sqlite (default) or postgres (with HUJI_TEST_PG_URL; scripts/pg.sh)
# A round takes 10–25 s: 300 rounds about 1.5 hours. The last line prints the seed, the
# messages, the duplicates the simulator saw and the kills of each side.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export HUJI_NOTIFY_ROUNDS="${1:-300}"
export HUJI_NOTIFY_SEED="${2:-$((RANDOM * 32768 + RANDOM))}"
export HUJI_BIN="${HUJI_BIN:-$here/build/asan/huji}"
export HUJI_TEST_BACKEND="${HUJI_TEST_BACKEND:-sqlite}"
echo "notify soak: $HUJI_NOTIFY_ROUNDS rounds, seed $HUJI_NOTIFY_SEED, $HUJI_TEST_BACKEND, $HUJI_BIN"
start=$(date +%s)
node --test --test-concurrency=1 "$here/tests/http/notify_exactly_once.test.mjs"
echo "notify soak: passed in $(( $(date +%s) - start )) s"
