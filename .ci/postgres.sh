#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the office tests and print how to reach it.
#
#   eval "$(bash .ci/postgres.sh)"     # exports CASUSREGIE_TEST_PG_URL
#
# Installs nothing (.ci/run installs the postgresql package). initdb refuses to run as
# root, so as root the cluster is made and started as the postgres user, in a temporary
# directory it owns; it listens on 127.0.0.1 and on a socket in that directory only.
# Stop it with: pg_ctl -D "$DIR/data" stop (the directory is printed as CASUSREGIE_TEST_PG_DIR).
set -euo pipefail

bindir=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/initdb" ] && bindir=$candidate
done
if [ -z "$bindir" ]; then
  echo "postgres.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi

port=${CASUSREGIE_TEST_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
dir=$(mktemp -d /tmp/casusregie-pg.XXXXXX)
chmod 755 "$dir"

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$dir"
    su postgres -s /bin/bash -c "$1"
  else
    bash -c "$1"
  fi
}

as_pg "'$bindir/initdb' -D '$dir/data' -A trust -U postgres >/dev/null"
as_pg "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/log' -w -t 60 -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null"
as_pg "'$bindir/createdb' -h 127.0.0.1 -p $port -U postgres casusregie_test"

echo "export CASUSREGIE_TEST_PG_URL=postgresql://postgres@127.0.0.1:$port/casusregie_test"
echo "export CASUSREGIE_TEST_PG_DIR=$dir"
