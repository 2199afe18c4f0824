#!/usr/bin/env bash
# From a fresh clone: installs, builds, seeds a demo province into a SQLite file and serves it over HTTP
# on 127.0.0.1 (port 3000, or the first free port after it), printing the URL, the docs page and a
# development token per role. Ctrl+C stops the server and closes the store.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pnpm.sh

pnpm install --frozen-lockfile --reporter=append-only
pnpm run build

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
