#!/usr/bin/env bash
# `pnpm motcua <command>`: runs the built command (node, well under a second to start) when every package
# it runs on is built from its current sources, and the sources through tsx otherwise.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if bash "$root/scripts/build-changed.sh" --check cli; then
  exec node "$root/packages/cli/dist/main.js" "$@"
fi
echo "motcua: running from sources (slower to start); \`bash scripts/build-changed.sh cli\` builds what changed" >&2
exec "$root/node_modules/.bin/tsx" --conditions=source "$root/packages/cli/src/main.ts" "$@"
