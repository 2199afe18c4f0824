#!/usr/bin/env bash
# Builds the named package and the @motcua packages it depends on (dependencies first), each only when
# its sources changed since its last successful build here or a dependency was rebuilt; the others keep
# their dist. `npm start` uses it so a second start compiles nothing.
#   bash scripts/build-changed.sh cli
# With --check first, builds nothing and exits 1 when some package would be built.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
if [[ "${1:-}" == "--check" ]]; then
  check=true
  shift
fi

# The package's @motcua dependencies, transitively, in an order that puts each after its dependencies.
mapfile -t order < <(node -e '
  const { readFileSync } = require("node:fs");
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const manifest = JSON.parse(readFileSync(`packages/${name}/package.json`, "utf8"));
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      if (dependency.startsWith("@motcua/")) visit(dependency.slice("@motcua/".length));
    }
    console.log(name);
  };
  process.argv.slice(1).forEach(visit);
' "$@")

rebuilt=()
for name in "${order[@]}"; do
  dir="packages/$name"
  stamp="$dir/dist/.build-stamp"
  reason=""
  if [[ ! -f "$stamp" ]]; then
    reason="no build yet"
  elif [[ -n "$(find "$dir/src" "$dir/package.json" "$dir/tsconfig.build.json" tsconfig.base.json -newer "$stamp" -print -quit)" ]]; then
    reason="sources changed"
  else
    for dependency in "${rebuilt[@]}"; do
      if grep -q "\"@motcua/$dependency\"" "$dir/package.json"; then reason="@motcua/$dependency rebuilt"; fi
    done
  fi
  if [[ -z "$reason" ]]; then
    $check || echo "@motcua/$name: up to date"
    continue
  fi
  $check && exit 1
  echo "@motcua/$name: building ($reason)"
  started="$(date +%s)"
  # The stamp is taken before compiling: a source saved during the build makes the next start build again.
  mkdir -p "$dir/dist"
  touch "$stamp.next"
  (cd "$dir" && ../../node_modules/.bin/tsc -p tsconfig.build.json)
  mv "$stamp.next" "$stamp"
  echo "@motcua/$name: built in $(( $(date +%s) - started )) s"
  rebuilt+=("$name")
done
