#!/usr/bin/env bash
# Static checks of the C++ sources (STYLE.md "Formatting and tooling"):
#   scripts/tidy.sh tidy [BUILD_DIR]   clang-tidy (.clang-tidy: bugprone-, performance-,
#                                      modernize-) on every source under src/, with the compile
#                                      database of BUILD_DIR (default build/release)
#   scripts/tidy.sh format             clang-format (.clang-format) finds nothing to change
#   scripts/tidy.sh fix-format         rewrites the sources as clang-format would
# Exits non-zero when a check finds anything; prints what it found.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
sources() { git ls-files 'src/*.cc' 'src/*.h' | grep -v '/fuzz/corpus/'; }
case "${1:-}" in
  tidy)
    build="${2:-$here/build/release}"
    [ -f "$build/compile_commands.json" ] || { echo "tidy.sh: no $build/compile_commands.json" >&2; exit 2; }
    # Headers are checked through the files that include them (HeaderFilterRegex).
    # GCC's -Wno-error=restrict means nothing to clang: not a finding.
    sources | grep '\.cc$' | xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet \
      --extra-arg=-Wno-unknown-warning-option 2> >(grep -vE '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter' >&2)
    ;;
  format)
    sources | xargs clang-format --dry-run --Werror
    ;;
  fix-format)
    sources | xargs clang-format -i
    ;;
  *) echo "usage: $0 tidy [BUILD_DIR] | format | fix-format" >&2; exit 2 ;;
esac
