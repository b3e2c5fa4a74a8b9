#!/usr/bin/env bash
# Installs every Debian and npm dependency Huji needs. Idempotent: when everything is already
# installed it only checks (a second run takes about a second plus `npm ci` if web/ changed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

debian_packages=(
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev clang-tidy clang-format
  librestinio-dev libasio-dev libhttp-parser-dev nlohmann-json3-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql-15
  libsodium-dev libssl-dev libspdlog-dev libcli11-dev libfmt-dev
  libcairo2-dev libpango1.0-dev fonts-noto-cjk libqrencode-dev poppler-utils
  libopencv-dev libcurl4-openssl-dev python3-aiosmtpd
  espeak-ng libespeak-ng-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  wrk time curl ca-certificates chromium
)
# Node.js: any node >= 18 with npm will do; install Debian's only when none is on PATH (a
# machine may carry a newer node whose package conflicts with Debian's npm).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  debian_packages+=(nodejs npm)
fi

missing=()
for p in "${debian_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Front end: npm ci only when package-lock.json changed since the last install.
if [ -f "$here/web/package-lock.json" ]; then
  stamp="$here/web/node_modules/.huji-lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$stamp" "$here/web/package-lock.json"; then
    echo "setup: npm ci in web/"
    (cd "$here/web" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$here/web/package-lock.json" "$stamp"
  fi
fi
