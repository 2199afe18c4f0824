# Sourced by the root scripts: makes `pnpm` 10 available on a machine that has only Node and npm.
# corepack's signature check fails on some machines, so pnpm comes from the npm registry instead.
if command -v pnpm >/dev/null 2>&1 && pnpm --version 2>/dev/null | grep -q '^10\.'; then
  pnpm() { command pnpm "$@"; }
else
  pnpm() { npx --yes pnpm@10 "$@"; }
fi
