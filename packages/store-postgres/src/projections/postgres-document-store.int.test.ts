import { describe, expect, it } from 'vitest';
import { describeDocumentStore, listAll } from '../../../store-sqlite/src/projections/document-store.contract.testkit.js';
import { postgresDatabase } from '../test-support.testkit.js';
import { DOCUMENT_MIGRATIONS, DOCUMENT_SCHEMA_VERSION } from './document-schema.js';
import { openPostgresDocumentStore, prefixEnd, type PostgresDocumentStore } from './postgres-document-store.js';

const db = postgresDatabase('packages/store-postgres/src/projections/postgres-document-store.int.test.ts');

describe.skipIf(db.skipped !== undefined)('postgres document store', () => {
  // Each store in a schema of its own, on the file's pool (the store borrows it and never ends it).
  describeDocumentStore('postgres', async () => {
    const store = await openPostgresDocumentStore({ pool: db.admin(), schema: db.freshSchema('contract') });
    return { store, close: () => store.close() };
  });

  const open = async (schema = db.freshSchema('docs')): Promise<PostgresDocumentStore> => openPostgresDocumentStore({ pool: db.admin(), schema });
  const sql = async (text: string, values: unknown[] = []) => db.admin().query(text, values);

  it('a commit that fails half way leaves documents and checkpoint as they were', async () => {
    // Given a committed copy, and a trigger that fails on one of the next commit's documents
    const schema = db.freshSchema('atomic');
    const store = await open(schema);
    await store.commit('p', { version: 1, checkpoint: 1, documents: new Map([['tn/a', 1], ['tn/b', 1]]), fresh: true });
    await sql(`CREATE FUNCTION "${schema}".gone() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN IF NEW.key = 'tn/c' THEN RAISE EXCEPTION 'disk gone'; END IF; RETURN NEW; END $$;
               CREATE TRIGGER gone BEFORE INSERT OR UPDATE ON "${schema}".documents FOR EACH ROW EXECUTE FUNCTION "${schema}".gone();`);
    // When a commit changing, deleting and adding documents fails, and a fresh one too
    const documents = new Map<string, unknown>([['tn/a', 2], ['tn/b', undefined], ['tn/c', 2], ['tn/d', 2]]);
    await expect(store.commit('p', { version: 1, checkpoint: 2, documents })).rejects.toThrow('disk gone');
    await expect(store.commit('p', { version: 2, checkpoint: 2, documents, fresh: true })).rejects.toThrow('disk gone');
    // Then neither documents nor checkpoint moved
    expect(await store.header('p')).toEqual({ version: 1, checkpoint: 1, status: 'running' });
    expect(await listAll(store, 'p', 'tn/', 10)).toEqual([
      ['tn/a', 1],
      ['tn/b', 1],
    ]);
    // And a document that is no JSON value stops a commit before any row is written
    await expect(store.commit('p', { version: 1, checkpoint: 3, documents: new Map<string, unknown>([['tn/a', 3], ['tn/x', () => 1]]) })).rejects.toThrow(
      'projection p: document "tn/x" is not a JSON value (JSON has no function)',
    );
    expect(await store.header('p')).toEqual({ version: 1, checkpoint: 1, status: 'running' });
  });

  it('promotes by relabelling the copies: the shadow keeps its rows, the old live copy is deleted, the generation counts', async () => {
    const schema = db.freshSchema('promote');
    const store = await open(schema);
    const copyIds = async () =>
      (await sql(`SELECT slot, copy_id FROM "${schema}".document_copies WHERE projection = 'p' ORDER BY slot`)).rows.map((row) => [row.slot, Number(row.copy_id)]);
    await store.commit('p', { version: 1, checkpoint: 4, documents: new Map([['tn/a', 'old'], ['tn/b', 'old']]), fresh: true });
    await store.commit('p', { version: 2, checkpoint: 2, documents: new Map([['tn/a', 'new']]), fresh: true }, 'shadow');
    const before = Object.fromEntries(await copyIds());
    expect(await store.generation('p')).toBe(0);
    // When the shadow is promoted
    await store.promoteShadow('p');
    // Then the live copy is the former shadow, rows untouched, and nothing of the old live copy is left
    expect(await copyIds()).toEqual([['live', before.shadow]]);
    const { rows } = await sql(`SELECT copy_id, key FROM "${schema}".documents ORDER BY key`);
    expect(rows.map((row) => [Number(row.copy_id), row.key])).toEqual([[before.shadow, 'tn/a']]);
    expect(await store.generation('p')).toBe(1);
    await store.commit('p', { version: 3, checkpoint: 1, documents: new Map(), fresh: true }, 'shadow');
    await store.promoteShadow('p');
    expect(await store.generation('p')).toBe(2);
  });

  it('names the projection and key of a stored document or failure that is not JSON', async () => {
    const schema = db.freshSchema('corrupt');
    const store = await open(schema);
    await store.commit('p', { version: 1, checkpoint: 1, documents: new Map([['tn/a', { n: 1 }]]), fresh: true });
    await sql(`UPDATE "${schema}".documents SET body = '{"n": 1'`);
    await expect(store.getMany('p', ['tn/a'])).rejects.toThrow(/projection p \(live\): document tn\/a is not valid JSON .*rebuild the projection/);
    await expect(store.list('p', { prefix: 'tn/', limit: 5 })).rejects.toThrow(/projection p \(live\): document tn\/a is not valid JSON/);
    await sql(`UPDATE "${schema}".document_copies SET status = 'failed', failure = 'oops'`);
    await expect(store.header('p')).rejects.toThrow(/projection p \(live\): its stored failure is not valid JSON/);
    await sql(`UPDATE "${schema}".document_copies SET status = 'running', failure = NULL, province_failures = '[{'`);
    await expect(store.header('p')).rejects.toThrow(/projection p \(live\): its stored province failures is not valid JSON/);
  });

  it("moves a copy an earlier version stopped whole to its failing event's province, and keeps a failure naming none stopping its copy", async () => {
    // Given document tables of the version before failures per province, a copy stopped at an event of tn and one at a stream naming no province
    const schema = db.freshSchema('whole');
    await sql(`CREATE SCHEMA "${schema}"`);
    await sql((DOCUMENT_MIGRATIONS[0]?.sql ?? '').replaceAll('$schema', `"${schema}"`));
    const failure = { globalPosition: 7, streamId: 'dossier-tn:D-1', streamVersion: 2, eventType: 'ResultReturned', message: 'no' };
    const odd = { ...failure, streamId: 'legacy-stream' };
    for (const [name, stored] of [['p', failure], ['q', odd]] as const) {
      await sql(
        `INSERT INTO "${schema}".document_copies (projection, slot, version, checkpoint, status, failure, generation, updated_at) VALUES ($1, 'live', 1, 6, 'failed', $2, 0, now())`,
        [name, JSON.stringify(stored)],
      );
    }
    // When this version opens them
    const store = await open(schema);
    // Then p runs again from its checkpoint with tn failed at that event, and q stays stopped whole
    expect(await store.header('p')).toEqual({ version: 1, checkpoint: 6, status: 'running', provinceFailures: [{ ...failure, tenantId: 'tn' }] });
    expect(await store.header('q')).toEqual({ version: 1, checkpoint: 6, status: 'failed', failure: odd });
    expect((await sql(`SELECT max(version) AS version FROM "${schema}".document_schema_migrations`)).rows[0]?.version).toBe(DOCUMENT_SCHEMA_VERSION);
    // And opening them again changes nothing
    await open(schema);
    expect(await store.header('p')).toEqual({ version: 1, checkpoint: 6, status: 'running', provinceFailures: [{ ...failure, tenantId: 'tn' }] });
  });

  it('orders keys as the in-memory store does and lists a prefix as one range of the primary key', async () => {
    const schema = db.freshSchema('order');
    const store = await open(schema);
    const keys = ['tn/Z', 'tn/a', 'tn/_', 'tn/Đ', 'tn/đ', 'tn/ă', 'tn/ơ', 'tn/ư', 'tn/ 1', 'tn/-', 'tn/.', 'tn/~', 'tn0/x', 'tn./x', 'tn/a/b', 'tn/a0'];
    await store.commit('p', { version: 1, checkpoint: 1, documents: new Map(keys.map((key) => [key, key])), fresh: true });
    expect((await listAll(store, 'p', 'tn/', 3)).map(([key]) => key)).toEqual(keys.filter((key) => key.startsWith('tn/')).sort());
    // The plan walks the primary key from the prefix to its end, in order, without a sort
    const plan = await sql(
      `EXPLAIN SELECT key, body FROM "${schema}".documents
       WHERE copy_id = (SELECT copy_id FROM "${schema}".document_copies WHERE projection = 'p' AND slot = 'live')
         AND key >= 'tn/' AND key < 'tn0' AND key > 'tn/a' ORDER BY key LIMIT 3`,
    );
    const text = plan.rows.map((row: Record<string, string>) => Object.values(row)[0]).join('\n');
    expect(text).toMatch(/Index (Only )?Scan using documents_pkey/);
    expect(text).not.toMatch(/Sort/);
  });

  it('ends a prefix at the next code point', () => {
    expect(prefixEnd('tn/')).toBe('tn0');
    expect(prefixEnd('tn/a')).toBe('tn/b');
    expect(prefixEnd('')).toBeUndefined();
    expect(prefixEnd('a\u{10ffff}')).toBe('b');
    expect(prefixEnd('a\ud7ff')).toBe('a\ue000');
  });
});
