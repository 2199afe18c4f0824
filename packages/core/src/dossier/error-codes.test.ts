import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { DossierErrorCode } from './errors.js';

/**
 * Every rejection code must be exercised by at least one Given/When/Then spec. The specs pass only
 * when the decider fails with exactly that code, so a code named in a passing `thenFails` was hit.
 */
describe('DossierErrorCode coverage', () => {
  it('every code appears in a thenFails spec', () => {
    const folder = dirname(fileURLToPath(import.meta.url));
    const hit = new Set<string>();
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.test.ts'))) {
      const source = readFileSync(`${folder}/${file}`, 'utf8');
      for (const match of source.matchAll(/thenFails\(\s*(?:DossierErrorCode\.([A-Z_]+)|'(DOSSIER_[A-Z_]+)')/g)) {
        const code = match[1] === undefined ? match[2] : DossierErrorCode[match[1] as keyof typeof DossierErrorCode];
        expect(code, `unknown code ${match[0]} in ${file}`).toBeDefined();
        hit.add(code as string);
      }
    }
    const missing = Object.values(DossierErrorCode).filter((code) => !hit.has(code));
    expect(missing).toEqual([]);
  });

  it('codes are unique, stable and prefixed', () => {
    const codes = Object.values(DossierErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^DOSSIER_[A-Z_]+$/);
  });
});
