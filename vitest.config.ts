import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources (the `source` export condition), so tests
// never depend on a stale build.
const conditions = ['source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  // Vitest also hands the SSR conditions to Node (`--conditions`) for externalised dependencies:
  // `import` there would make CommonJS packages (pg) `require()` the ESM build of their dependencies.
  // Vite adds `import`/`require` by itself.
  ssr: { resolve: { conditions: ['source', 'node'], externalConditions: ['source', 'node'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 20_000,
    // Starts one throwaway PostgreSQL for the run (or skips its tests, saying why); see tests/support.
    globalSetup: ['tests/support/postgres-global-setup.ts'],
  },
});
