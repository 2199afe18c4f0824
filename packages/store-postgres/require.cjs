'use strict';
// What `require('@motcua/store-postgres')` loads: the package is ES modules only, so say how to load it.
throw new Error(
  "@motcua/store-postgres is an ES module package (ESM only) and cannot be loaded with require(). " +
    "Use `import { ... } from '@motcua/store-postgres'` in an ES module (\"type\": \"module\" or a .mjs file), " +
    "or `const motcua = await import('@motcua/store-postgres')` from CommonJS.",
);
