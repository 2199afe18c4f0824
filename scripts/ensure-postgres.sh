#!/usr/bin/env bash
# Makes the PostgreSQL 15 server binaries available for the tests (they start a throwaway cluster on
# loopback). On a fresh Debian machine, as root, installs Debian's postgresql-15 package; otherwise
# says that the PostgreSQL tests will be skipped. Never fails the build by itself.
set -uo pipefail
bin="${MOTCUA_PG_BIN:-/usr/lib/postgresql/15/bin}"

if [ -n "${MOTCUA_PG_URL:-}" ]; then
  echo "ensure-postgres: MOTCUA_PG_URL is set; the tests use that server"
  exit 0
fi
if [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ]; then
  echo "ensure-postgres: PostgreSQL found in $bin"
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-postgres: no PostgreSQL in $bin and not root with apt-get: the PostgreSQL tests will be skipped"
  exit 0
fi
echo "ensure-postgres: no PostgreSQL in $bin; installing postgresql-15 with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q || echo "ensure-postgres: apt-get update failed"
# The cluster Debian creates by default is not used: the tests run their own.
if ! apt-get install -y -q --no-install-recommends postgresql-15; then
  apt-get install -y -q --no-install-recommends postgresql || true
fi
if [ -x "$bin/initdb" ]; then
  echo "ensure-postgres: installed $("$bin/postgres" --version)"
else
  echo "ensure-postgres: installation failed: the PostgreSQL tests will be skipped"
fi
exit 0
