#!/usr/bin/env bash
# From a fresh clone: installs, builds, and runs an embedded one-stop desk in memory.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pnpm.sh

pnpm install --frozen-lockfile --reporter=append-only
pnpm run build
pnpm --filter @motcua/example-embed-in-memory start
