#!/usr/bin/env bash
# Starts a throw-away PostgreSQL (Debian's package, /usr/lib/postgresql/N/bin) for head office's tests and prints
#   export RINDA_TEST_PG_URL=postgresql://rinda@127.0.0.1:PORT/postgres
#   export RINDA_TEST_PG_DIR=/tmp/rinda-test-pg.XXXXXX
# Use: eval "$(bash scripts/start-test-postgres.sh)"; ...; bash scripts/stop-test-postgres.sh
# The cluster lives in a temporary directory, listens on 127.0.0.1 only, trusts connections from there (no
# password: it holds test data only and dies with the run). PostgreSQL refuses to run as root, so as root it
# runs as the user "postgres" (made if missing).
set -euo pipefail

bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "start-test-postgres: no PostgreSQL server found in /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2
  exit 1
fi

dir="$(mktemp -d /tmp/rinda-test-pg.XXXXXX)"
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

as_owner=()
if [ "$(id -u)" = 0 ]; then
  id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U rinda -E UTF8 --auth=trust >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
# Only the socket in $dir and 127.0.0.1: nothing else may connect.
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$dir/data/pg_hba.conf"
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }

echo "export RINDA_TEST_PG_URL=postgresql://rinda@127.0.0.1:$port/postgres"
echo "export RINDA_TEST_PG_DIR=$dir"
