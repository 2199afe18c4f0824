import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../open.js';

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
    db.exec(`CREATE TABLE projections (name TEXT); CREATE TABLE projection_state (name TEXT, state TEXT); CREATE TABLE projection_entries (name TEXT, value TEXT);
             INSERT INTO projection_state VALUES ('dossier-read-models', '{}');`);
    db.close();
    await openSqliteEventStore({ file }).close();
    expect(tables(file)).toContain('documents');
    expect(tables(file).filter((name) => name.startsWith('projection'))).toEqual([]);
  });
});
