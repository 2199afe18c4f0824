#!/usr/bin/env bash
# From a fresh clone: installs, builds what the server needs, seeds a demo province into a SQLite file
# and serves it over HTTP on 127.0.0.1 (port 3000, or the first free port after it), printing the URL,
# the docs page and a development token per role. Ctrl+C stops the server and closes the store.
# A second start installs and compiles nothing unless the lockfile or some sources changed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pnpm.sh

# The install is skipped while its stamp is newer than the lockfile and every package.json.
installed=node_modules/.motcua-install-stamp
if [[ ! -f "$installed" || -n "$(find pnpm-lock.yaml pnpm-workspace.yaml package.json packages/*/package.json examples/*/package.json -newer "$installed" -print -quit)" ]]; then
  touch node_modules/.motcua-install-stamp.next 2>/dev/null || true
  pnpm install --frozen-lockfile --reporter=append-only
  mv node_modules/.motcua-install-stamp.next "$installed" 2>/dev/null || touch "$installed"
fi
# Only the packages the server runs on, and only those whose sources changed since their last build.
bash scripts/build-changed.sh cli

db="${MOTCUA_DB:-.data/demo.db}"
mkdir -p "$(dirname "$db")"
port="$(node -e '
  const net = require("node:net");
  const probe = (port) => {
    const server = net.createServer();
    server.once("error", () => probe(port + 1));
    server.listen(port, "127.0.0.1", () => server.close(() => console.log(port)));
  };
  probe(Number(process.argv[1]));
' "${PORT:-3000}")"

# Seeding is idempotent: a second start finds the demo already there and writes nothing.
# A young generation of 64 MB: collections of short-lived objects come rarely enough to stay out of an
# append's 99th percentile (packages/cli/README.md, "Running the server").
exec node --max-semi-space-size=64 packages/cli/dist/main.js --db "$db" serve --seed --host 127.0.0.1 --port "$port"
