#!/usr/bin/env bash
# Builds the src/core libFuzzer targets (ASan + UBSan) and runs each for a bounded time, seeded
# from src/core/fuzz/corpus/<target>/. Fails on the first target that crashes, leaks, times out
# or trips a sanitizer; the reproducer is left in <build dir>/artifacts/.
#
#   scripts/fuzz.sh [build_dir]          default build dir: /tmp/huji-fuzz
#   FUZZ_SECONDS=60 scripts/fuzz.sh      seconds per target (default 20)
#   FUZZ_TARGETS="address" scripts/fuzz.sh
#
# New inputs found while fuzzing go to <build dir>/corpus/<target>/, not into the repository;
# copy interesting ones into src/core/fuzz/corpus/ by hand.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-/tmp/huji-fuzz}"
seconds="${FUZZ_SECONDS:-20}"
cxx="${CXX_FUZZ:-clang++}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# target name → sources (besides src/core/fuzz/<target>_fuzz.cc) and corpus directory name.
declare -A sources=(
  [id_number]="src/core/id_number.cc src/core/utf8.cc"
  [address]="src/core/address.cc src/core/admin_divisions.cc src/core/utf8.cc"
  [calendar]="src/core/calendar.cc src/core/date.cc src/core/utf8.cc"
)
declare -A corpus=([id_number]=id [address]=address [calendar]=calendar)
read -r -a targets <<<"${FUZZ_TARGETS:-id_number address calendar}"

cd "$root"
failed=()
for t in "${targets[@]}"; do
  if [[ -z "${sources[$t]+x}" ]]; then
    echo "fuzz: unknown target '$t' (known: ${!sources[*]})" >&2
    exit 2
  fi
  bin="$out/${t}_fuzz"
  echo "fuzz: building $t"
  # shellcheck disable=SC2086  # the source lists are meant to split
  "$cxx" -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -Wall -Wextra -Wpedantic -Werror -Isrc \
    "src/core/fuzz/${t}_fuzz.cc" ${sources[$t]} -o "$bin"

  work="$out/corpus/$t"
  mkdir -p "$work" "$out/artifacts"
  seed="src/core/fuzz/corpus/${corpus[$t]}"
  dict=()
  if [[ -f "src/core/fuzz/$t.dict" ]]; then dict=(-dict="src/core/fuzz/$t.dict"); fi
  echo "fuzz: running $t for ${seconds}s"
  if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
      -print_final_stats=1 -artifact_prefix="$out/artifacts/$t-" "${dict[@]}" \
      "$work" "$seed" >"$out/$t.log" 2>&1; then
    echo "fuzz: $t FAILED; last lines of $out/$t.log:" >&2
    tail -n 40 "$out/$t.log" >&2
    failed+=("$t")
  else
    grep -E "stat::number_of_executed_units|stat::new_units_added" "$out/$t.log" |
      sed "s/^/fuzz: $t /" || true
  fi
done

if ((${#failed[@]})); then
  echo "fuzz: crashes in: ${failed[*]} (reproducers in $out/artifacts/)" >&2
  exit 1
fi
echo "fuzz: all targets ran ${seconds}s without a crash"
