'use strict';
// What `require('@motcua/http')` loads: the package is ES modules only, so say how to load it.
throw new Error(
  "@motcua/http is an ES module package (ESM only) and cannot be loaded with require(). " +
    "Use `import { ... } from '@motcua/http'` in an ES module (\"type\": \"module\" or a .mjs file), " +
    "or `const motcua = await import('@motcua/http')` from CommonJS.",
);
