import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

/** The first ```ts block after `marker` in the file at `path` (from the repository root). */
const snippetAfter = async (path: string, marker: string): Promise<string> => {
  const text = await readFile(join(ROOT, path), 'utf8');
  const from = text.indexOf('```ts\n', text.indexOf(marker));
  return text.slice(from + 6, text.indexOf('```\n', from + 6));
};

const freePort = async (): Promise<number> =>
  new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });

/** Runs `code` as a module of the repository (so `@motcua/*` resolve to the workspace), in an empty directory. */
const runSnippet = async (code: string): Promise<string> => {
  const cwd = await mkdtemp(join(tmpdir(), 'motcua-snippet-'));
  const file = join(ROOT, 'tests/consumer', `.snippet-${process.pid}-${Date.now()}.ts`);
  try {
    await writeFile(file, code);
    const { stdout } = await run(join(ROOT, 'node_modules/.bin/tsx'), ['--conditions=source', file], { cwd, timeout: 60_000 });
    return stdout;
  } finally {
    await rm(file, { force: true });
    await rm(cwd, { recursive: true, force: true });
  }
};

/** What the snippet's `console.log(...); // <output>` says it prints. */
const promised = (code: string): string => /console\.log\(.*\); \/\/ (.*)$/m.exec(code)?.[1] ?? 'no output comment';

/** The snippets of the READMEs run as written and print what their comment says. */
describe('README snippets', () => {
  it('the embedder snippet of README.md receives a dossier and prints what it says', async () => {
    const code = await snippetAfter('README.md', '## Embed it');
    expect((await runSnippet(code)).trim()).toBe(promised(code));
  }, 90_000);

  it('the buildServer snippet of packages/http/README.md answers the receipt as it says', async () => {
    const code = await snippetAfter('packages/http/README.md', '# @motcua/http');
    const port = String(await freePort());
    // The same program on a free port, closing what it opened where it says how.
    const runnable = code.replaceAll('3000', port).replace(/^\/\/ Browse.*$/m, 'await server.close(); await store.close();');
    expect((await runSnippet(runnable)).split('\n').filter((line) => !line.startsWith('{')).join('\n').trim()).toBe(promised(code));
  }, 90_000);
});
