import Database from 'better-sqlite3';

/** SQLite's page cache for the scratch tables, in KiB. */
const SCRATCH_CACHE_KIB = 16_384;
/**
 * The page size of the scratch tables: `motcua rebuild` of the 1M slice took 76-81 user CPU s with
 * 16 KiB pages against 87-97 with 4 KiB (docs/operations/sizing.md).
 */
const SCRATCH_PAGE_BYTES = 16_384;

/** One build's table of documents by key: `null` for a key whose document was deleted. */
export interface ScratchTable {
  /** Writes `[key, text | null, key, text | null, …]`, in key order, replacing earlier rows of the same keys. */
  write(pairs: readonly (string | null)[]): void;
  /** The text written last for `key`: `null` for a deleted document, undefined for a key never written. */
  get(key: string): string | null | undefined;
  /** Up to `limit` rows with a document, in key order, after the key `after` (from the first key without it). */
  page(after: string | undefined, limit: number): readonly (readonly [key: string, text: string])[];
  /** Drops the table; the last table dropped closes the connection, deleting its file. */
  drop(): void;
}

/**
 * Where a document store's builds keep their documents until they finish (docs/read-side.md, "Builds
 * in bulk"): tables of the temporary database of a connection of their own, a file that is never
 * fsynced and is deleted with the connection. The connection writes in one transaction that is never
 * committed: nobody else reads these tables and nothing in them needs to outlive the process, so
 * SQLite writes a page to the file only when its page cache must make room, instead of every page a
 * batch touched at each commit. Being a connection of its own, its transaction never holds the log's
 * file or delays a commit of the documents. With one row a statement (below), a rebuild of the 1M
 * slice wrote 7 GB to its files instead of 15 (docs/operations/sizing.md).
 */
export class BuildScratch {
  private db: Database.Database | undefined;
  private tables = 0;
  private open = 0;

  table(): ScratchTable {
    const db = this.connection();
    const table = `temp.build_${++this.tables}`;
    db.exec(`CREATE TABLE ${table} (key TEXT PRIMARY KEY, document TEXT) WITHOUT ROWID`);
    this.open++;
    const get = db.prepare(`SELECT document FROM ${table} WHERE key = ?`).pluck();
    const first = db.prepare(`SELECT key, document FROM ${table} WHERE document IS NOT NULL ORDER BY key LIMIT ?`).raw();
    const next = db.prepare(`SELECT key, document FROM ${table} WHERE key > ? AND document IS NOT NULL ORDER BY key LIMIT ?`).raw();
    // One row a statement: a statement of several rows in a transaction keeps a journal of the pages
    // it changes (to undo itself if a later row fails), which SQLite writes to a file of its own once
    // past 64 KiB, a few 16 KiB pages: 5 GB written for 3 million rows against 0.3 GB one row at a time.
    const upsert = db.prepare(`INSERT INTO ${table} (key, document) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET document = excluded.document`);
    let dropped = false;
    return {
      write: (pairs) => {
        for (let i = 0; i < pairs.length; i += 2) upsert.run(pairs[i], pairs[i + 1]);
      },
      get: (key) => get.get(key) as string | null | undefined,
      page: (after, limit) => (after === undefined ? first.all(limit) : next.all(after, limit)) as [string, string][],
      drop: () => {
        // A table of a connection already closed (`close`) went with it.
        if (dropped || this.db !== db) return;
        dropped = true;
        this.open--;
        if (this.open === 0) this.close();
        else db.exec(`DROP TABLE IF EXISTS ${table}`);
      },
    };
  }

  /** Closes the connection (its file goes with it), dropping every table still open. */
  close(): void {
    const { db } = this;
    this.db = undefined;
    this.open = 0;
    db?.close();
  }

  private connection(): Database.Database {
    if (this.db !== undefined) return this.db;
    // The main database stays empty; the tables live in the temporary one, which is a file (a
    // province's documents would not fit in memory) made with 16 KiB pages, without a journal.
    const db = new Database(':memory:');
    try {
      db.pragma('temp_store = FILE');
      db.pragma(`temp.page_size = ${SCRATCH_PAGE_BYTES}`);
      db.pragma('temp.journal_mode = OFF');
      db.pragma(`temp.cache_size = ${-SCRATCH_CACHE_KIB}`);
      db.exec('BEGIN');
    } catch (error) {
      db.close();
      throw error;
    }
    this.db = db;
    return db;
  }
}
