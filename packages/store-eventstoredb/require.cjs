'use strict';
// What `require('@motcua/store-eventstoredb')` loads: the package is ES modules only, so say how to load it.
throw new Error(
  "@motcua/store-eventstoredb is an ES module package (ESM only) and cannot be loaded with require(). " +
    "Use `import { ... } from '@motcua/store-eventstoredb'` in an ES module (\"type\": \"module\" or a .mjs file), " +
    "or `const motcua = await import('@motcua/store-eventstoredb')` from CommonJS.",
);
