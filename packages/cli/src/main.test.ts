import { execFile, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './cli.testkit.js';

const exec = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const tsx = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');
const tmp = tempDir();
afterAll(() => tmp.remove());

/** Runs `motcua` as a child process from its TypeScript sources. */
const motcua = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await exec(process.execPath, [tsx, '--conditions=source', join(here, 'main.ts'), ...args], {
      cwd: tmp.dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

/** Runs `motcua` with its stdout closed by the reader before anything is written, as `motcua … | head` leaves it. */
const motcuaIntoClosedPipe = (...args: string[]) =>
  new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, '--conditions=source', join(here, 'main.ts'), ...args], { cwd: tmp.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });

describe('motcua as a child process', () => {
  it('exits quietly with code 0 when the reader of its output goes away', async () => {
    const result = await motcuaIntoClosedPipe('audit', '--help');
    expect(result).toEqual({ code: 0, stderr: '' });
  }, 60_000);

  it('prints help with examples for the program and for a command', async () => {
    const help = await motcua('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: motcua \[options\] \[command\]/);
    for (const command of ['seed', 'dossier', 'replay', 'verify', 'export', 'import', 'rebuild', 'explain', 'serve']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(help.stdout).toMatch(/Examples:/);
    const importHelp = await motcua('import', '--help');
    expect(importHelp.stdout).toMatch(/\$ motcua import demo\.ndjson --db copy\.db/);
  }, 60_000);

  it('seeds a file, shows a dossier history and verifies the log', async () => {
    const seeded = await motcua('--db', 'demo.db', 'seed', '--months', '1');
    expect(seeded.code).toBe(0);
    expect(seeded.stderr).toMatch(/seeded 8 units, 26 officers, \d+ dossiers .*: \d+ events in/);
    const code = seeded.stdout.trim();
    const history = await motcua('--db', 'demo.db', 'dossier', 'history', code);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/^1 +\d+ +\w+ +2026-03-02T/m);
    const again = await motcua('--db', 'demo.db', 'seed', '--months', '1');
    expect(again.stderr).toMatch(/already seeded/);
    const verified = await motcua('--db', 'demo.db', 'verify');
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ok: \d+ events verified/) as string });
  }, 90_000);

  it('exits with 2 and a clear message on a bad argument', async () => {
    const result = await motcua('seed', '--months', '99');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/motcua: option '--months <n>' argument '99' is invalid\. --months must be a whole number from 1 to 24/);
  }, 60_000);
});
