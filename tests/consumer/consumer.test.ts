import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

// tests/consumer/run.sh packs every package, installs the tarballs with npm into an empty project,
// type-checks tests/consumer/embed.ts with `tsc --strict` (declaration files included) and runs it.
describe('the packed packages in a strict consumer project', () => {
  it('install, type-check and run an embed program: a dossier received, returned, read back and counted', async () => {
    const work = await mkdtemp(join(tmpdir(), 'motcua-consumer-'));
    try {
      const { stdout } = await run('bash', ['tests/consumer/run.sh', work], { maxBuffer: 16 * 1024 * 1024, timeout: 290_000 }).catch((error: { stdout?: string; stderr?: string }) => {
        throw new Error(`tests/consumer/run.sh failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
      });
      const steps = stdout.split('\n').filter((line) => line.startsWith('step: ')).map((line) => line.replace(/ \(\d+ s\)$/, ''));
      expect(steps).toEqual(['step: packed 6 packages', 'step: installed with npm', 'step: type-checked with tsc --strict', 'step: ran with node', 'step: require() explains ESM only']);
      const printed = stdout.split('\n').find((line) => line.startsWith('{'));
      expect(JSON.parse(printed ?? 'null')).toEqual({ status: 'RETURNED', dueDate: '2026-03-05', version: 5, figure: 100 });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 300_000);
});
