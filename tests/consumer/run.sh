#!/usr/bin/env bash
# A new user's first ten minutes, from the built workspace: `pnpm pack` every package, install the
# tarballs with npm into an empty project, type-check an embed program with `tsc --strict` (NodeNext,
# declaration files checked too) and run it with node. Prints one `step:` line per stage, then the
# program's output. Needs `pnpm run build` first; the npm registry serves the third-party dependencies
# (from npm's cache when it has them).
#   bash tests/consumer/run.sh [work directory]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source scripts/pnpm.sh

started=$SECONDS
work="${1:-$(mktemp -d)}"
mkdir -p "$work/tarballs" "$work/app"
packages=(core store-sqlite store-postgres store-eventstoredb http cli)

for name in "${packages[@]}"; do
  if [[ ! -f "packages/$name/dist/index.js" ]]; then
    echo "packages/$name has no dist: run \`pnpm run build\` first" >&2
    exit 1
  fi
  (cd "packages/$name" && pnpm pack --pack-destination "$work/tarballs" >/dev/null)
done
echo "step: packed $(ls "$work/tarballs" | wc -l) packages ($(( SECONDS - started )) s)"

# pnpm replaces `workspace:*` with the version; a tarball that still names it cannot be installed.
for tarball in "$work"/tarballs/*.tgz; do
  if tar -xzOf "$tarball" package/package.json | grep -q '"workspace:'; then
    echo "$(basename "$tarball") still depends on workspace:*" >&2
    exit 1
  fi
done

# The exact versions the workspace builds and tests with; better-sqlite3's native addon is taken from
# the workspace's build instead of compiling it again (install scripts are skipped).
version_of() { node -p "require('$root/packages/$1/node_modules/$2/package.json').version"; }
sqlite_version="$(version_of store-sqlite better-sqlite3)"
node_types_version="$(node -p "require('$root/node_modules/@types/node/package.json').version")"
typescript_bin="$root/node_modules/.bin/tsc"

cd "$work/app"
cat > package.json <<'JSON'
{ "name": "motcua-consumer", "version": "1.0.0", "private": true, "type": "module" }
JSON
npm install --no-audit --no-fund --ignore-scripts --prefer-offline --loglevel=error \
  "$work"/tarballs/*.tgz "better-sqlite3@$sqlite_version" "@types/node@$node_types_version" >/dev/null
mkdir -p node_modules/better-sqlite3/build/Release
cp "$(dirname "$(node -p "require.resolve('$root/packages/store-sqlite/node_modules/better-sqlite3/package.json')")")/build/Release/better_sqlite3.node" \
  node_modules/better-sqlite3/build/Release/
echo "step: installed with npm ($(( SECONDS - started )) s)"

cp "$root/tests/consumer/embed.ts" embed.ts
# Every package's public door, type-checked as a consumer sees it.
for name in "${packages[@]}"; do echo "export type * as ${name//-/_} from '@motcua/$name';"; done > doors.ts
cat > tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["ES2023"],
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noUncheckedIndexedAccess": true,
    "skipLibCheck": false,
    "types": ["node"],
    "outDir": "dist"
  },
  "files": ["embed.ts", "doors.ts"]
}
JSON
"$typescript_bin" -p tsconfig.json
echo "step: type-checked with tsc --strict ($(( SECONDS - started )) s)"

node dist/embed.js "$work/desk.db"
echo "step: ran with node ($(( SECONDS - started )) s)"

# require() of an ESM-only package says so and how to load it.
for name in "${packages[@]}"; do
  message="$(node -e "try { require('@motcua/$name'); } catch (error) { console.log(error.message); }")"
  if [[ "$message" != *"ESM only"* ]]; then
    echo "require('@motcua/$name') does not say the package is ESM only: $message" >&2
    exit 1
  fi
done
echo "step: require() explains ESM only ($(( SECONDS - started )) s)"
