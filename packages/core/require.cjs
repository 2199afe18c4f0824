'use strict';
// What `require('@motcua/core')` loads: the package is ES modules only, so say how to load it.
throw new Error(
  "@motcua/core is an ES module package (ESM only) and cannot be loaded with require(). " +
    "Use `import { ... } from '@motcua/core'` in an ES module (\"type\": \"module\" or a .mjs file), " +
    "or `const motcua = await import('@motcua/core')` from CommonJS.",
);
