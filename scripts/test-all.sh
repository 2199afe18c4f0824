#!/usr/bin/env bash
# Sets everything up from a fresh clone and runs every check: lint, types, the generated docs, and
# all tests. Ends with one summary line `tests: N passed, N failed, N skipped`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pnpm.sh

bash scripts/ensure-postgres.sh
bash scripts/ensure-chromium.sh
pnpm install --frozen-lockfile --reporter=append-only
pnpm run build
pnpm run lint
pnpm run typecheck
pnpm run docs:events --check

results="$(mktemp -d)/vitest.json"
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$results" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
' "$results" || echo "tests: 0 passed, 1 failed"
exit "$status"
