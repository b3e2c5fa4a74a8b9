#!/usr/bin/env bash
# The main job: set up, build, create a demo office on the embedded SQLite database (once),
# and serve it.  Environment: HUJI_PORT (8080), HUJI_HOST (127.0.0.1), HUJI_DB (var/demo.db),
# HUJI_DEMO_PERSONS (20000), HUJI_DEMO_SEED (1).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
"$here/scripts/build.sh" release
bin="$here/build/release/huji"
db="${HUJI_DB:-$here/var/demo.db}"
mkdir -p "$(dirname "$db")"
if [ ! -f "$db" ]; then
  echo "Creating the demo office in $db …"
  "$bin" demo --db "$db" --persons "${HUJI_DEMO_PERSONS:-20000}" --seed "${HUJI_DEMO_SEED:-1}" | tee "$db.logins.txt"
fi
port="${HUJI_PORT:-8080}"
host="${HUJI_HOST:-127.0.0.1}"
cat <<MSG

  Huji 戶政資訊系統 — open http://$host:$port/
  Demo logins (also in $db.logins.txt):
$(grep '^login:' "$db.logins.txt" 2>/dev/null | sed 's/^/    /')
$(grep '^sample person:' "$db.logins.txt" 2>/dev/null | sed 's/^/    /')
  Stop with Ctrl-C.

MSG
exec "$bin" serve --db "$db" --host "$host" --port "$port" --web "$here/web/dist" --calendar "$here/data/calendar"
