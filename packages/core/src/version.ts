import { createRequire } from 'node:module';

/** This package's name and version, as its `package.json` gives them (from `src/` and `dist/` alike). */
const manifest = createRequire(import.meta.url)('../package.json') as { readonly name: string; readonly version: string };

export const CORE_PACKAGE = { name: manifest.name, version: manifest.version } as const;
