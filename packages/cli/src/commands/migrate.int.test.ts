import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@motcua/core';
import { postgresDatabase } from '../../../store-postgres/src/test-support.testkit.js';
import { run, storedRows, tempDir } from '../cli.testkit.js';
import { copyLog } from '../migrate/copy-log.js';
import { openStoreUrl, parseStoreUrl } from '../store-url.js';

const db = postgresDatabase('packages/cli/src/commands/migrate.int.test.ts');
const tmp = tempDir();
const source = tmp.file('source.db');

/** The PostgreSQL URL of a fresh schema of the test database. */
const freshPostgres = () => {
  const url = new URL(db.url());
  url.searchParams.set('schema', db.freshSchema('migrate'));
  return url.toString();
};

beforeAll(async () => {
  expect(await run('generate', '--to', source, '--units', '2', '--dossiers-per-day', '4', '--days', '6', '--officers-per-unit', '2')).toMatchObject({ code: 0 });
}, 60_000);
afterAll(() => tmp.remove());

describe.skipIf(db.skipped !== undefined)('motcua migrate through PostgreSQL', () => {
  it('SQLite → PostgreSQL → SQLite gives back the same rows, positions and hashes, each target verified', async () => {
    const rows = await storedRows(source);
    const postgres = freshPostgres();
    const there = await run('migrate', '--from', `sqlite:${source}`, '--to', postgres);
    expect(there).toMatchObject({ code: 0 });
    expect(there.out).toContain(`${rows.length} events verified, last hash ${rows.at(-1)!.hash}`);
    expect(there.out).toMatch(/^ok: /m);
    const back = tmp.file('back.db');
    const returned = await run('migrate', '--from', postgres, '--to', `sqlite:${back}`);
    expect(returned).toMatchObject({ code: 0 });
    expect(returned.out).toMatch(/^ok: /m);
    expect(await storedRows(back)).toEqual(rows);
  }, 60_000);

  it('resumes an interrupted copy into PostgreSQL', async () => {
    const rows = await storedRows(source);
    const postgres = freshPostgres();
    const clock = fixedClock(new Date());
    const from = await openStoreUrl(parseStoreUrl(source), { mustExist: true });
    const to = await openStoreUrl(parseStoreUrl(postgres), { clock });
    await expect(
      copyLog(from, to, {
        clock,
        appendsPerGroup: 25,
        onProgress: (position) => {
          if (position > 100) throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    const written = await to.head();
    await to.close();
    await from.close();
    expect(written).toBeGreaterThan(100);
    expect(written).toBeLessThan(rows.length);
    const result = await run('migrate', '--from', source, '--to', postgres);
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toContain(`copied ${rows.length - written} events after the ${written} already there`);
    expect(result.out).toContain(`${rows.length} events verified, last hash ${rows.at(-1)!.hash}`);
  }, 60_000);

  it('generates a province-year into PostgreSQL whose copy verifies', async () => {
    const postgres = freshPostgres();
    const generated = await run('generate', '--to', postgres, '--units', '1', '--dossiers-per-day', '3', '--days', '4', '--officers-per-unit', '2');
    expect(generated).toMatchObject({ code: 0 });
    const events = Number(/^generated (\d+) events/.exec(generated.out)?.[1]);
    expect(events).toBeGreaterThan(50);
    const copy = await run('migrate', '--from', postgres, '--to', tmp.file('generated.db'));
    expect(copy).toMatchObject({ code: 0 });
    expect(copy.out).toContain(`: ${events} events verified`);
  }, 60_000);

  it('says why it cannot reach a server', async () => {
    const result = await run('migrate', '--from', source, '--to', 'postgres://nobody:secret@127.0.0.1:1/none');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^motcua: cannot open the event store postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none: /);
    expect(result.err).not.toContain('secret');
  });
});
