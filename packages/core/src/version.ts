import { createRequire } from 'node:module';

const NAME = '@motcua/core';

/**
 * This package's name and version, as its `package.json` gives them (from `src/` and `dist/` alike).
 * Bundled into an application, the file beside the bundle is another package's: the version is then
 * `unknown` rather than the application's.
 */
const manifest = ((): { readonly name?: unknown; readonly version?: unknown } => {
  try {
    return createRequire(import.meta.url)('../package.json') as { readonly name?: unknown; readonly version?: unknown };
  } catch {
    return {};
  }
})();

export const CORE_PACKAGE = {
  name: NAME,
  version: manifest.name === NAME && typeof manifest.version === 'string' ? manifest.version : 'unknown',
} as const;
