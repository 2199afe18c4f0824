import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../open.js';
import { DOCUMENT_MIGRATIONS, DOCUMENT_SCHEMA_VERSION } from './document-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'motcua-document-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tables = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter((name) => !name.startsWith('sqlite_'));
  } finally {
    db.close();
  }
};

describe('the document tables', () => {
  it('replace the whole-state projection tables of earlier versions, which are dropped at open', async () => {
    const file = join(dir, 'old.db');
    await openSqliteEventStore({ file }).close();
    const db = new Database(file);
    // (a file of an earlier version recorded no version of its document tables)
    db.exec(`DROP TABLE document_schema_migrations; DROP TABLE document_copies; DROP TABLE documents;
             ${DOCUMENT_MIGRATIONS[0]?.sql ?? ''}
             CREATE TABLE projections (name TEXT); CREATE TABLE projection_state (name TEXT, state TEXT); CREATE TABLE projection_entries (name TEXT, value TEXT);
             INSERT INTO projection_state VALUES ('dossier-read-models', '{}');`);
    db.close();
    await openSqliteEventStore({ file }).close();
    expect(tables(file)).toContain('documents');
    expect(tables(file).filter((name) => name.startsWith('projection'))).toEqual([]);
  });

  it("move a copy an earlier version stopped whole to its failing event's province, and keep a failure naming none stopping its copy", async () => {
    // Given a file of the version before failures per province, with a copy stopped at an event of tn and one at a stream naming no province
    const file = join(dir, 'whole-copy-failures.db');
    const db = new Database(file);
    db.exec(DOCUMENT_MIGRATIONS[0]?.sql ?? '');
    const failure = { globalPosition: 7, streamId: 'dossier-tn:D-1', streamVersion: 2, eventType: 'ResultReturned', message: 'no' };
    const odd = { ...failure, streamId: 'legacy-stream' };
    const insert = db.prepare(
      "INSERT INTO document_copies (name, slot, version, checkpoint, status, failure, generation, updated_at) VALUES (?, 'live', 1, 6, 'failed', ?, 0, '2026-01-01T00:00:00Z')",
    );
    insert.run('p', JSON.stringify(failure));
    insert.run('q', JSON.stringify(odd));
    db.close();
    // When this version opens it
    const store = openSqliteEventStore({ file });
    // Then p runs again from its checkpoint with tn failed at that event, and q stays stopped whole
    expect(await store.documents.header('p')).toEqual({ version: 1, checkpoint: 6, status: 'running', provinceFailures: [{ ...failure, tenantId: 'tn' }] });
    expect(await store.documents.header('q')).toEqual({ version: 1, checkpoint: 6, status: 'failed', failure: odd });
    await store.close();
    // And the document tables are at the current version, which a read-only connection checks
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare('SELECT max(version) FROM document_schema_migrations').pluck().get()).toBe(DOCUMENT_SCHEMA_VERSION);
    reader.close();
  });

  it('of an older version leave a read-only connection the event log, and say why its documents cannot be read', async () => {
    // Given a file whose events are current and whose document tables are at version 1
    const file = join(dir, 'older-documents.db');
    const writer = openSqliteEventStore({ file });
    await writer.appendToStream('dossier-tn:D-1', [{ type: 'Noted', data: {}, metadata: { occurredAt: '2026-03-02T02:00:00Z', tenantId: 'tn', actor: { id: 'a', role: 'system' }, correlationId: 'c', causationId: 'c' } }]);
    await writer.close();
    const db = new Database(file);
    db.exec('DELETE FROM document_schema_migrations WHERE version > 1');
    db.close();
    // When it is opened read-only (verify, migrate's source)
    const reader = openSqliteEventStore({ file, readonly: true });
    try {
      // Then its events are read and verified, and its documents are refused with the reason
      expect((await reader.readAll({ maxCount: 10 })).events.map((event) => event.metadata.streamId)).toEqual(['dossier-tn:D-1']);
      expect(() => reader.documents).toThrow(/document tables are at schema version 1, this version of @motcua\/store-sqlite needs \d+: open the file once without readonly/);
    } finally {
      await reader.close();
    }
  });
});
