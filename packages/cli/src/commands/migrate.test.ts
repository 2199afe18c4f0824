import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@motcua/core';
import { openSqliteEventStore } from '@motcua/store-sqlite';
import { makeReadOnly } from '../../../store-sqlite/src/read-only-folder.testkit.js';
import { run, storedRows, tempDir } from '../cli.testkit.js';
import { copyLog } from '../migrate/copy-log.js';
import { CliError } from '../cli-io.js';
import { openSourceUrl, openStoreUrl, parseStoreUrl, type SourceStore } from '../store-url.js';

const tmp = tempDir();
const source = tmp.file('source.db');
let files = 0;
const fresh = () => tmp.file(`target-${++files}.db`);

beforeAll(async () => {
  const generated = await run('generate', '--to', `sqlite:${source}`, '--units', '2', '--dossiers-per-day', '4', '--days', '6', '--officers-per-unit', '2');
  expect(generated).toMatchObject({ code: 0 });
  expect(generated.out).toMatch(/^generated \d+ events/);
}, 60_000);
afterAll(() => tmp.remove());

/** Copies part of the source into `target` and stops, as an interrupted migrate would: after `groups` groups of `perGroup` appends. */
const interruptedCopy = async (target: string, groups: number, perGroup: number) => {
  const clock = fixedClock(new Date());
  const from = await openSourceUrl(parseStoreUrl(source));
  const to = await openStoreUrl(parseStoreUrl(target), { clock });
  let seen = 0;
  try {
    await copyLog(from, to, {
      clock,
      appendsPerGroup: perGroup,
      onProgress: () => {
        if (++seen === groups) throw new Error('interrupted');
      },
    });
  } catch (error) {
    if ((error as Error).message !== 'interrupted') throw error;
  } finally {
    await to.close();
    await from.close();
  }
};

describe('motcua migrate between SQLite files', () => {
  it('copies every event with its position and hash; the target verifies and has the same head', async () => {
    const target = fresh();
    const result = await run('migrate', '--from', `sqlite:${source}`, '--to', target);
    expect(result).toMatchObject({ code: 0 });
    const rows = await storedRows(source);
    expect(result.out).toContain(`source sqlite:${source}: ${rows.length} events, last hash ${rows.at(-1)!.hash}`);
    expect(result.out).toContain(`${rows.length} events verified, last hash ${rows.at(-1)!.hash}`);
    expect(result.out).toMatch(/^ok: the target holds the same events/m);
    expect(await storedRows(target)).toEqual(rows);
    expect(await run('--db', target, 'verify')).toMatchObject({ code: 0 });
  });

  it("refuses a target that is another application's SQLite database, adding nothing to it", async () => {
    // Given a SQLite file of another application
    const other = fresh();
    const db = new Database(other);
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    db.close();
    // When it is given as the target, or to a command reading a store
    const migrated = await run('migrate', '--from', `sqlite:${source}`, '--to', `sqlite:${other}`);
    const verified = await run('--db', other, 'verify');
    // Then both are refused, naming its tables, and the file holds only its own table
    for (const result of [migrated, verified]) {
      expect(result.code).toBe(1);
      expect(result.err).toContain(`${resolve(other)} is a SQLite database of another application (tables customers), not an event store`);
    }
    const after = new Database(other, { readonly: true });
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['customers']);
    after.close();
  });

  it('resumes an interrupted copy where the target ends, whatever the point of interruption', async () => {
    const rows = await storedRows(source);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 40 }), async (groups, perGroup) => {
        const target = fresh();
        await interruptedCopy(target, groups, perGroup);
        const partial = await storedRows(target);
        expect(partial).toEqual(rows.slice(0, partial.length));
        const result = await run('migrate', '--from', source, '--to', `sqlite:${target}`);
        expect(result).toMatchObject({ code: 0 });
        if (partial.length > 0 && partial.length < rows.length) expect(result.out).toContain(`after the ${partial.length} already there`);
        expect(await storedRows(target)).toEqual(rows);
      }),
      { numRuns: 6 },
    );
  }, 60_000);

  it('runs again on a complete copy without writing anything', async () => {
    const target = fresh();
    expect(await run('migrate', '--from', source, '--to', target)).toMatchObject({ code: 0 });
    const again = await run('migrate', '--from', source, '--to', target);
    expect(again).toMatchObject({ code: 0 });
    expect(again.out).toMatch(/copied 0 events after the \d+ already there/);
  });

  it('refuses a target that is not a beginning of the source, and leaves it as it was', async () => {
    const other = fresh();
    expect(await run('generate', '--to', other, '--units', '1', '--dossiers-per-day', '2', '--days', '2', '--seed', '7')).toMatchObject({ code: 0 });
    const before = await storedRows(other);
    const result = await run('migrate', '--from', source, '--to', other);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/is not a beginning of the source: at position \d+ the target's hash is [0-9a-f]{64}, the source's [0-9a-f]{64}/);
    expect(await storedRows(other)).toEqual(before);
  });

  it('stops at an altered event of the source at position N, naming it, the N-1 events before it in the target', async () => {
    const altered = fresh();
    expect(await run('migrate', '--from', source, '--to', altered)).toMatchObject({ code: 0 });
    const db = new Database(altered);
    db.prepare("UPDATE events SET type = 'DossierTeleported' WHERE global_position = 120").run();
    db.close();
    const target = fresh();
    const result = await run('migrate', '--from', altered, '--to', target);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/the source's event at position 120 \(stream [^)]+\) cannot be copied: unknown event type "DossierTeleported"/);
    expect(await storedRows(target)).toEqual((await storedRows(source)).slice(0, 119));
  });

  it('says where a failing target stopped the copy, and a run again resumes it', async () => {
    const rows = await storedRows(source);
    const target = fresh();
    await interruptedCopy(target, 1, 10);
    const failing = new Database(target);
    failing.exec("CREATE TRIGGER full BEFORE INSERT ON events WHEN NEW.global_position > 100 BEGIN SELECT RAISE(ABORT, 'no room left'); END");
    failing.close();
    const result = await run('migrate', '--from', source, '--to', target);
    expect(result.code).toBe(1);
    const reached = (await storedRows(target)).length;
    expect(result.err).toMatch(/^motcua: SQLite failed while appending to .*no room left/);
    expect(result.err).toContain(`the copy stopped after position ${reached}; run the same command again to resume`);
    const repaired = new Database(target);
    repaired.exec('DROP TRIGGER full');
    repaired.close();
    expect(await run('migrate', '--from', source, '--to', target)).toMatchObject({ code: 0 });
    expect(await storedRows(target)).toEqual(rows);
  });

  it('stops at a source row whose stored text does not parse, naming it, having written the events before it', async () => {
    const rows = await storedRows(source);
    const broken = 57;
    const from: SourceStore = {
      url: parseStoreUrl(tmp.file('broken.db')),
      head: async () => rows.length,
      chainRows: async function* (after) {
        for (const row of rows) if (row.globalPosition > after) yield row.globalPosition === broken ? { ...row, dataJson: '{"dossierId": ' } : row;
      },
      close: async () => undefined,
    };
    const clock = fixedClock(new Date());
    const target = fresh();
    const to = await openStoreUrl(parseStoreUrl(target), { clock });
    try {
      const copy = copyLog(from, to, { clock, appendsPerGroup: 1000 });
      await expect(copy).rejects.toThrow(CliError);
      await expect(copy).rejects.toThrow(
        new RegExp(`^the source's event at position ${broken} \\(stream [^,]+, version \\d+\\) cannot be copied: its stored data or metadata is not JSON`),
      );
    } finally {
      await to.close();
    }
    expect(await storedRows(target)).toEqual(rows.slice(0, broken - 1));
  });

  it('refuses the same store as source and target, and a source that does not exist', async () => {
    const same = await run('migrate', '--from', source, '--to', `sqlite:${source}`);
    expect(same).toMatchObject({ code: 1 });
    expect(same.err).toMatch(/--from and --to name the same store/);
    const missing = await run('migrate', '--from', tmp.file('nothing.db'), '--to', fresh());
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no event store at .*nothing\.db/);
  });

  it('refuses an empty source unless --allow-empty, naming it, and creates no target', async () => {
    const empty = fresh();
    await openSqliteEventStore({ file: empty, pollIntervalMs: 0 }).close();
    const target = fresh();
    const refused = await run('migrate', '--from', empty, '--to', target);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`motcua: the source sqlite:${empty} holds no events: check --from (add --allow-empty to copy an empty store)`);
    expect(existsSync(target)).toBe(false);
    const allowed = await run('migrate', '--from', empty, '--to', target, '--allow-empty');
    expect(allowed).toMatchObject({ code: 0 });
    expect(allowed.out).toMatch(/^ok: /m);
  });

  it('refuses to generate into a store that holds events', async () => {
    const result = await run('generate', '--to', source, '--units', '1', '--days', '1');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/already holds \d+ events: generate writes into an empty store only/);
  });
});

describe('motcua migrate from a SQLite file that may not be written to', () => {
  /** The source copied at rest into a folder of its own (opened and closed for writing once: no -wal or -shm beside it). */
  const sourceAtRest = async () => {
    const folder = tmp.file(`at-rest-${++files}`);
    mkdirSync(folder);
    const file = join(folder, 'province.db');
    copyFileSync(source, file);
    if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${file}-wal`);
    await openSqliteEventStore({ file, pollIntervalMs: 0 }).close();
    expect(readdirSync(folder)).toEqual(['province.db']);
    return { folder, file };
  };

  it('copies a source in a read-only folder, where SQLite cannot make the -shm of its log, through a private copy removed at the end; the target verifies with the same head hash', async (context) => {
    const { folder, file } = await sourceAtRest();
    const readOnly = makeReadOnly([file, folder]);
    if ('unavailable' in readOnly) {
      console.warn(`skipped: no read-only folder can be made here (${readOnly.unavailable}); store-sqlite's read-only-source.test.ts tests the copy`);
      return context.skip();
    }
    try {
      const target = fresh();
      const result = await run('migrate', '--from', `sqlite:${file}`, '--to', target);
      expect({ code: result.code, err: result.err }).toMatchObject({ code: 0, err: expect.stringContaining(`sqlite:${file} is in a folder SQLite cannot write its index (-shm) to: read from a copy in `) });
      const rows = await storedRows(source);
      const head = rows.at(-1)!.hash;
      expect(result.out).toContain(`source sqlite:${file}: ${rows.length} events, last hash ${head}`);
      expect(result.out).toContain(`target sqlite:${target}: ${rows.length} events verified, last hash ${head}`);
      expect(result.out).toMatch(/^ok: the target holds the same events/m);
      expect(await storedRows(target)).toEqual(rows);
      expect(await run('--db', target, 'verify')).toMatchObject({ code: 0 });
      // Nothing was written beside the source, and the copy is gone.
      expect(readdirSync(folder)).toEqual(['province.db']);
      const copy = /read from a copy in (\S+), removed at the end/.exec(result.err)![1]!;
      expect(existsSync(copy)).toBe(false);
    } finally {
      readOnly.restore();
    }
  });

  it('copies a read-only source file in a folder it may write to, reading it where it is', async (context) => {
    const { file } = await sourceAtRest();
    const readOnly = makeReadOnly([file]);
    if ('unavailable' in readOnly) {
      console.warn(`skipped: no read-only file can be made here (${readOnly.unavailable})`);
      return context.skip();
    }
    try {
      const target = fresh();
      const result = await run('migrate', '--from', `sqlite:${file}`, '--to', target);
      expect({ code: result.code, copied: result.err.includes('read from a copy') }).toEqual({ code: 0, copied: false });
      expect(result.out).toMatch(/^ok: the target holds the same events/m);
      expect(await storedRows(target)).toEqual(await storedRows(source));
    } finally {
      readOnly.restore();
    }
  });

  it('explains under --help that a source in a read-only folder is read from a copy, whole only when nothing writes to it meanwhile', async () => {
    const help = await run('migrate', '--help');
    expect(help.out).toContain('In a read-only folder, where SQLite cannot make the index of');
    expect(help.out).toContain('no process writes to the source meanwhile.');
  });
});

describe('store URLs', () => {
  it('reads SQLite paths with or without the sqlite: prefix, and PostgreSQL URLs with a schema', () => {
    expect(parseStoreUrl(source)).toMatchObject({ kind: 'sqlite', file: source });
    expect(parseStoreUrl(`sqlite:${source}`)).toMatchObject({ kind: 'sqlite', file: source });
    expect(parseStoreUrl('postgres://motcua:secret@db.example:5432/motcua?schema=bac_ninh&sslmode=verify-full')).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://motcua:secret@db.example:5432/motcua?sslmode=verify-full',
      schema: 'bac_ninh',
      display: 'postgres://motcua:***@db.example:5432/motcua?sslmode=verify-full (schema bac_ninh)',
    });
    expect(parseStoreUrl('postgresql://db.example/motcua')).toMatchObject({ kind: 'postgres', schema: 'motcua' });
  });

  it('refuses a TLS parameter of a PostgreSQL or EventStoreDB URL given a value the driver does not know, listing the accepted ones, exit code 2', async () => {
    expect(() => parseStoreUrl('postgres://motcua:secret@db.example/motcua?sslmode=bogus')).toThrow(
      'sslmode=bogus in "postgres://motcua:***@db.example/motcua?sslmode=bogus" is not one of disable, prefer, require, verify-ca, verify-full, no-verify.',
    );
    expect(() => parseStoreUrl('postgres://db.example/motcua?uselibpqcompat=yes')).toThrow(/uselibpqcompat=yes .* is not one of true, false\./);
    expect(parseStoreUrl('postgres://db.example/motcua?sslmode=verify-ca&uselibpqcompat=true')).toMatchObject({ kind: 'postgres' });
    const esdb = await run('migrate', '--from', source, '--to', 'esdb://localhost:2113?tls=maybe');
    expect(esdb.code).toBe(2);
    expect(esdb.err).toMatch(/tls=maybe in "esdb:\/\/localhost:2113\?tls=maybe" is not one of true, false/);
  });

  it("names verify-full the SSL modes the bundled pg treats as verify-full (it checks the certificate), unless libpq's meanings are asked for", () => {
    for (const mode of ['prefer', 'require', 'verify-ca']) {
      expect(parseStoreUrl(`postgres://db.example/motcua?sslmode=${mode}`)).toMatchObject({ connectionString: 'postgres://db.example/motcua?sslmode=verify-full' });
      expect(parseStoreUrl(`postgres://db.example/motcua?sslmode=${mode}&uselibpqcompat=true`)).toMatchObject({
        connectionString: `postgres://db.example/motcua?sslmode=${mode}&uselibpqcompat=true`,
      });
    }
    expect(parseStoreUrl('postgres://db.example/motcua?sslmode=no-verify')).toMatchObject({ connectionString: 'postgres://db.example/motcua?sslmode=no-verify' });
  });

  it('reads a relative SQLite path against the current folder and shows it absolute; sqlite:/// is an absolute path', () => {
    expect(parseStoreUrl('sqlite:province.db')).toEqual({ kind: 'sqlite', file: resolve('province.db'), display: `sqlite:${resolve('province.db')}` });
    expect(parseStoreUrl('./province.db')).toMatchObject({ file: resolve('province.db') });
    expect(parseStoreUrl(`sqlite://${source}`)).toMatchObject({ kind: 'sqlite', file: source, display: `sqlite:${source}` });
  });

  it('reads EventStoreDB URLs (esdb://, kurrentdb://) without a password in what it displays', () => {
    expect(parseStoreUrl('esdb://localhost:2113?tls=false')).toEqual({
      kind: 'eventstoredb',
      connectionString: 'esdb://localhost:2113?tls=false',
      namespace: 'motcua',
      display: 'esdb://localhost:2113?tls=false',
    });
    expect(parseStoreUrl('esdb://localhost:2113?tls=false&namespace=motcua_hn')).toMatchObject({ connectionString: 'esdb://localhost:2113?tls=false', namespace: 'motcua_hn' });
    expect(parseStoreUrl('kurrentdb://admin:changeit@node1:2113,node2:2113')).toMatchObject({ kind: 'eventstoredb', display: 'kurrentdb://admin:***@node1:2113,node2:2113' });
  });

  it.each([
    ['mysql://root:hunter2@db/motcua', /"mysql:\/\/root:\*\*\*@db\/motcua" is not a store URL: expected sqlite:<file>/],
    ['postgres://motcua:hunter2@db.example:5432', /names no database/],
    ['postgres://motcua:hunter2@db.example/motcua?schema=Bad-Name', /"Bad-Name" is not a schema name/],
    ['sqlite:', /names no file/],
    ['sqlite://', /names no file/],
    ['sqlite://name.db', /"sqlite:\/\/name\.db" names a host \(name\.db\), not a file: write sqlite:name\.db for a file in the current folder, or sqlite:\/\/\/<absolute path>/],
    ['sqlite://localhost/var/x.db', /names a host \(localhost\)/],
    ['sqlite:/no/such/folder/x.db', /the folder \/no\/such\/folder .* does not exist/],
    ['', /must not be empty/],
    ['esdb://admin:hunter2@node1:2113?namespace=bad-name', /namespace of "esdb:\/\/admin:\*\*\*@node1:2113\?namespace=bad-name"/],
    ['esdb://', /names no host/],
  ])('refuses %j with a message saying what is wrong', (url, message) => {
    expect(() => parseStoreUrl(url)).toThrow(message);
  });

  it('prints a bad EventStoreDB URL as a usage error, as any other bad URL', async () => {
    const result = await run('migrate', '--from', source, '--to', 'kurrentdb://admin:hunter2@?tls=false');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^motcua: option '--to <store>': .*names no host/);
    expect(result.err).not.toContain('hunter2');
  });

  it('prints a bad URL as a usage error, never with its password', async () => {
    const result = await run('migrate', '--from', 'mysql://root:hunter2@db/motcua', '--to', fresh());
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^motcua: option '--from <store>': "mysql:\/\/root:\*\*\*@db\/motcua" is not a store URL/);
    expect(result.err).not.toContain('hunter2');
  });
});
