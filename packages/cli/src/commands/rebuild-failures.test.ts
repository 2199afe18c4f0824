import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { NO_EVENT_CODECS } from '@motcua/core';
import { openSqliteEventStore } from '@motcua/store-sqlite';
import { run, seededFile, tempDir } from '../cli.testkit.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('motcua rebuild', () => {
  it('promotes a projection whose events of one province it cannot fold, naming the province and the event', async () => {
    // Given a file holding a result returned in bac-ninh that does not match its codec, written by a
    // store that checked no codec (as stores did before they checked the desk's)
    const db = tmp.file('odd-province.db');
    const store = openSqliteEventStore({ file: db, eventCodecs: NO_EVENT_CODECS });
    const appended = await store.appendToStream('dossier-bac-ninh:000.00.15.H12-260302-0001', [
      {
        type: 'ResultReturned',
        data: { dossierCode: '000.00.15.H12-260302-0001', returnDate: 'soon' },
        metadata: { occurredAt: '2026-03-02T09:00:00+07:00', actor: { id: 'o', role: 'receptionist' }, tenantId: 'bac-ninh', correlationId: 'c', causationId: 'c' },
      },
    ]);
    expect(appended._tag).toBe('Right');
    await store.close();
    // When the timeliness projection is rebuilt
    const rebuilt = await run('--db', db, 'rebuild', 'timeliness', '--workers', '1');
    // Then it is promoted, and the output names the province that stopped and its event
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.out).toMatch(/^timeliness: rebuilt to position 1$/m);
    expect(rebuilt.out).toMatch(/^timeliness: province bac-ninh stopped at position 1 \(dossier-bac-ninh:000\.00\.15\.H12-260302-0001 v1 ResultReturned\): ResultReturned does not match its codec/m);
  });

  it('stops with the store error on one line when the file refuses to store documents (read-only, full), in worker threads as in one', async () => {
    // Given a seeded file whose document copies SQLite refuses to write
    const db = tmp.file('refusing.db');
    await seededFile(db, { months: 1 });
    const sqlite = new Database(db);
    sqlite.exec("CREATE TRIGGER refuse_copies BEFORE INSERT ON document_copies BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    sqlite.close();
    for (const workers of ['1', '2']) {
      // When a projection is rebuilt
      const rebuilt = await run('--db', db, 'rebuild', '--workers', workers);
      // Then it stops at once with exit 1 and one line naming the file and what failed
      expect(rebuilt.code).toBe(1);
      expect(rebuilt.err).toMatch(new RegExp(`^motcua: (rebuilding [^:]+: )?SQLite failed while writing documents to ${db} \\(SQLITE_CONSTRAINT_TRIGGER: disk full\\)\n$`));
    }
  }, 120_000);
});
