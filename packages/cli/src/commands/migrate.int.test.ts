import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@motcua/core';
import { postgresDatabase } from '../../../store-postgres/src/test-support.testkit.js';
import { run, storedRows, tempDir } from '../cli.testkit.js';
import { copyLog } from '../migrate/copy-log.js';
import { openSourceUrl, openStoreUrl, parseStoreUrl } from '../store-url.js';

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
    const from = await openSourceUrl(parseStoreUrl(source));
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

  it('refuses a source schema that holds no event store, naming the ones that do, and creates nothing', async () => {
    const postgres = freshPostgres();
    expect(await run('migrate', '--from', source, '--to', postgres)).toMatchObject({ code: 0 });
    const schema = new URL(postgres).searchParams.get('schema')!;
    const mistyped = new URL(postgres);
    mistyped.searchParams.set('schema', `${schema}_typo`);
    const target = tmp.file('from-typo.db');
    const result = await run('migrate', '--from', mistyped.toString(), '--to', target);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(new RegExp(`^motcua: no event store in schema "${schema}_typo" of .*schemas holding one: .*\\b${schema}\\b`));
    const { rows } = await db.admin().query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [`${schema}_typo`]);
    expect(rows).toEqual([]);
    expect(existsSync(target)).toBe(false);
  }, 60_000);

  it('copies from a role that may only read, in read-only transactions, and refuses an empty schema', async () => {
    const rows = await storedRows(source);
    const postgres = freshPostgres();
    expect(await run('migrate', '--from', source, '--to', postgres)).toMatchObject({ code: 0 });
    const schema = new URL(postgres).searchParams.get('schema')!;
    const role = `reader_${schema}`;
    const admin = db.admin();
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'reader'`);
    await admin.query(`ALTER ROLE ${role} SET default_transaction_read_only = on`);
    await admin.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
    await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
    const reader = new URL(postgres);
    reader.username = role;
    reader.password = 'reader';
    const copy = tmp.file('from-reader.db');
    const result = await run('migrate', '--from', reader.toString(), '--to', copy);
    expect(result).toMatchObject({ code: 0 });
    expect(await storedRows(copy)).toEqual(rows);

    const empty = freshPostgres();
    const opened = await openStoreUrl(parseStoreUrl(empty));
    await opened.close();
    const refused = await run('migrate', '--from', empty, '--to', tmp.file('from-empty.db'));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/holds no events: check --from \(add --allow-empty/);
  }, 60_000);

  it('says where the copy stopped when the target loses its connection, and a run again resumes it', async () => {
    const rows = await storedRows(source);
    const postgres = freshPostgres();
    const schema = new URL(postgres).searchParams.get('schema')!;
    const clock = fixedClock(new Date());
    const to = await openStoreUrl(parseStoreUrl(postgres), { clock });
    await to.close();
    const admin = db.admin();
    await admin.query(`CREATE FUNCTION ${schema}.cut() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.global_position > 100 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NEW; END $$`);
    await admin.query(`CREATE TRIGGER cut BEFORE INSERT ON ${schema}.events FOR EACH ROW EXECUTE FUNCTION ${schema}.cut()`);
    const result = await run('migrate', '--from', source, '--to', postgres);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^motcua: PostgreSQL failed while appending to the event store in schema/);
    expect(result.err).toMatch(/\n {2}the copy stopped after position \d+; run the same command again to resume\n$/);
    expect(result.err).not.toMatch(/\n\s+at /);
    await admin.query(`DROP TRIGGER cut ON ${schema}.events`);
    const again = await run('migrate', '--from', source, '--to', postgres);
    expect(again).toMatchObject({ code: 0 });
    expect(again.out).toContain(`${rows.length} events verified, last hash ${rows.at(-1)!.hash}`);
  }, 60_000);

  it('says why it cannot reach a server', async () => {
    const result = await run('migrate', '--from', source, '--to', 'postgres://nobody:secret@127.0.0.1:1/none');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^motcua: cannot open the event store postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none: /);
    expect(result.err).not.toContain('secret');
  });
});
