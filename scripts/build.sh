#!/usr/bin/env bash
# Builds huji and the web front end.  usage: scripts/build.sh [release|asan]
#   release  optimised, for running and benchmarks (build/release)
#   asan     AddressSanitizer + UBSan, warnings as errors (build/asan), used by the tests
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kind="${1:-release}"
jobs="${HUJI_JOBS:-$(nproc)}"
case "$kind" in
  release) flags=(-DCMAKE_BUILD_TYPE=Release -DHUJI_WERROR=ON) ;;
  asan) flags=(-DCMAKE_BUILD_TYPE=Debug -DHUJI_SANITIZE=ON -DHUJI_WERROR=ON -DHUJI_BUILD_BENCH=OFF) ;;
  *) echo "usage: $0 [release|asan]" >&2; exit 2 ;;
esac
build="$here/build/$kind"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$here" -B "$build" -G Ninja "${flags[@]}" >/dev/null
fi
cmake --build "$build" -j "$jobs"

# The front end, when its sources are newer than the last build.
if [ -f "$here/web/package.json" ]; then
  stamp="$here/web/dist/index.html"
  if [ ! -f "$stamp" ] || [ -n "$(find "$here/web/src" "$here/web/index.html" "$here/web/package.json" -newer "$stamp" -print -quit)" ]; then
    (cd "$here/web" && npm run --silent build)
  fi
fi
