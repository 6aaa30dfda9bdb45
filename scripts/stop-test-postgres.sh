#!/usr/bin/env bash
# Stops the cluster scripts/start-test-postgres.sh started (RINDA_TEST_PG_DIR) and removes its directory.
set -euo pipefail
dir="${RINDA_TEST_PG_DIR:?RINDA_TEST_PG_DIR is not set: nothing to stop}"
bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
as_owner=()
[ "$(id -u)" = 0 ] && as_owner=(runuser -u postgres --)
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
rm -rf "$dir"
