import Database from 'better-sqlite3';
import {
  documentText,
  type DocumentBuild,
  type DocumentCommit,
  type DocumentPage,
  type DocumentStore,
  type ListQuery,
  type ProjectionFailure,
  type ProjectionHeader,
  type ProjectionSlot,
  type ProvinceFailure,
  type SyncDocumentStore,
} from '@motcua/core';
import { describeSqliteError } from '../errors.js';
import { checkDocumentSchema, ensureDocumentSchema } from './document-schema.js';

export interface SqliteDocumentStoreOptions {
  /** The database file; the event store's own file is the usual choice. */
  readonly file: string;
  /** How long to wait for another connection's write lock; default 5000 ms. */
  readonly busyTimeoutMs?: number;
  readonly now?: () => Date;
  /** SQLite's page cache for this connection, in KiB; default 32 MiB. */
  readonly cacheKiB?: number;
  /**
   * `'FULL'` (default): each commit is fsynced. `'NORMAL'`: the WAL is fsynced at checkpoints only, so
   * a power loss can lose the last commits, never split one: a copy's documents and checkpoint stay
   * together, and its projection resumes after the last commit kept (documents are rebuilt from the log).
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
}

/** Rows (or keys) per statement: many rows per statement save round trips, far below SQLite's parameter limit. */
const ROWS_PER_STATEMENT = 64;
/** Documents of a retired copy deleted per transaction, so a large copy never holds the write lock long. */
const PURGE_ROWS = 5000;
/** Documents a finishing build moves into its copy per transaction, for the same reason. */
const MOVE_ROWS = 20_000;
/**
 * Rows of a build's write per transaction of its scratch table. The rollback journal of the scratch
 * tables is kept in memory (`startBuild`) and holds every page a transaction changes: in transactions
 * of a whole write (a generation of the engine's cache, thousands of documents spread over the table),
 * a rebuild of the province-year peaked 0.14 GB higher (docs/operations/sizing.md).
 */
export const SCRATCH_ROWS_PER_TRANSACTION = 2048;
/** SQLite's page cache for the scratch tables of builds (the connection's temporary database), in KiB. */
const BUILD_CACHE_KIB = 16_384;
/**
 * The page size of the temporary database that holds builds' scratch tables: `motcua rebuild` of the 1M
 * slice took 76-81 user CPU s with 16 KiB pages against 87-97 with 4 KiB (docs/operations/sizing.md).
 */
const BUILD_PAGE_BYTES = 16_384;

interface CopyRow {
  readonly copy_id: number;
  readonly version: number;
  readonly checkpoint: number;
  readonly status: 'running' | 'failed';
  readonly failure: string | null;
  readonly generation: number;
  /** The failed provinces, a JSON array; NULL for none. */
  readonly province_failures: string | null;
}

/** A row of the `copies` statement: the copy's name and slot, then `CopyRow`'s values in its columns' order. */
type CopiesRow = readonly [
  name: string,
  slot: ProjectionSlot,
  copy_id: number,
  version: number,
  checkpoint: number,
  status: CopyRow['status'],
  failure: string | null,
  generation: number,
  province_failures: string | null,
];

/**
 * The smallest string greater than every string starting with `prefix`, in code point order (which
 * is SQLite's byte order of UTF-8 text); undefined when there is none (`prefix` is all U+10FFFF).
 * With it a prefix is one range of the primary key: `key >= prefix AND key < upper`.
 */
export const prefixUpperBound = (prefix: string): string | undefined => {
  const points = Array.from(prefix, (char) => char.codePointAt(0) as number);
  while (points.length > 0) {
    const last = points.pop() as number;
    if (last < 0x10ffff) return String.fromCodePoint(...points, last === 0xd7ff ? 0xe000 : last + 1);
  }
  return undefined;
};

/** A stored document read back; a row that is not JSON is an error naming the projection and the key. */
const parse = (name: string, key: string, text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`projection ${name}: stored document ${JSON.stringify(key)} is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
};

/** A copy's failed provinces as stored: a JSON array, NULL for none. */
const failuresText = (failures: readonly ProvinceFailure[] | undefined): string | null =>
  failures === undefined || failures.length === 0 ? null : JSON.stringify(failures);

const compareKeys = (a: readonly [string, unknown], b: readonly [string, unknown]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * `DocumentStore` in SQLite (tables in `ensureDocumentSchema`), and the same documents without promises
 * (`sync`) for code already inside a transaction on this connection: inline projections, in the
 * append's own transaction. Every asynchronous write is one `BEGIN IMMEDIATE` transaction, so a copy's
 * documents and checkpoint are written together or not at all. Reads are single statements (one
 * snapshot each), by primary key: a key, a set of keys, or one key range per page.
 */
export class SqliteDocumentStore implements DocumentStore {
  private readonly statements;
  private readonly variadic = new Map<string, Database.Statement>();
  private builds = 0;
  /**
   * Goes up whenever a copy may have changed other than by a commit of its checkpoint: another
   * connection committed (SQLite's `data_version` moved), or this store replaced, failed, promoted,
   * dropped or purged a copy. Part of every `copyState`, so none matches across such a change.
   */
  private epoch = 0;
  private dataVersion: number | undefined;

  /** The documents without promises, for a caller inside a transaction on this connection. */
  readonly sync: SyncDocumentStore = {
    header: (name, slot = 'live') => this.headerNow(name, slot),
    get: (name, key, slot = 'live') => {
      const text = this.statements.get.get(name, slot, key) as string | undefined;
      return text === undefined ? undefined : parse(name, key, text);
    },
    commit: (name, commit, slot = 'live') => this.write(() => this.commitNow(name, commit, slot)),
  };

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
    private readonly ownsConnection = false,
  ) {
    if (db.readonly) checkDocumentSchema(db);
    else ensureDocumentSchema(db);
    const copy = "FROM document_copies WHERE name = ? AND slot = ? AND slot <> 'retired'";
    // A copy's row as `CopyRow` holds it, read alone (`copy`) or with every other (`copies`, after its
    // name and slot, as the values `CopiesRow` names). `copies` runs in every inline transaction: each
    // row's object made from its values costs about half of better-sqlite3's row object and a rest
    // spread (13 µs against 22 for ten copies in a loop; 15-90 µs of an inline append's median with
    // every read model in two pairs of runs, bench/README.md "Inline cost").
    const copyColumns = 'copy_id, version, checkpoint, status, failure, generation, province_failures';
    this.statements = {
      copy: db.prepare(`SELECT ${copyColumns} ${copy}`),
      copies: db.prepare(`SELECT name, slot, ${copyColumns} FROM document_copies WHERE slot <> 'retired'`).raw(),
      get: db
        .prepare(
          `SELECT d.document FROM document_copies c JOIN documents d ON d.copy_id = c.copy_id
           WHERE c.name = ? AND c.slot = ? AND c.slot <> 'retired' AND d.key = ?`,
        )
        .pluck(),
      getByCopy: db.prepare('SELECT document FROM documents WHERE copy_id = ? AND key = ?').pluck(),
      insertCopy: db.prepare(
        `INSERT INTO document_copies (name, slot, version, checkpoint, status, failure, generation, updated_at, province_failures)
         VALUES (@name, @slot, @version, @checkpoint, 'running', NULL, @generation, @now, @provinceFailures)`,
      ),
      updateCopy: db.prepare(
        "UPDATE document_copies SET version = ?, checkpoint = ?, status = 'running', failure = NULL, updated_at = ? WHERE copy_id = ?",
      ),
      // The same, setting the copy's failed provinces (a commit that names them).
      updateCopyFailures: db.prepare(
        "UPDATE document_copies SET version = ?, checkpoint = ?, status = 'running', failure = NULL, updated_at = ?, province_failures = ? WHERE copy_id = ?",
      ),
      retire: db.prepare("UPDATE document_copies SET slot = 'retired', updated_at = ? WHERE copy_id = ?"),
      promote: db.prepare("UPDATE document_copies SET slot = 'live', generation = ?, updated_at = ? WHERE copy_id = ?"),
      names: db.prepare("SELECT name FROM document_copies WHERE slot = 'live' ORDER BY name").pluck(),
      retired: db.prepare("SELECT copy_id FROM document_copies WHERE slot = 'retired' LIMIT 1").pluck(),
      // The key ending the next page to purge: a page is deleted as one range of the primary key.
      purgeUntil: db.prepare('SELECT key FROM documents WHERE copy_id = ? ORDER BY key LIMIT 1 OFFSET ?').pluck(),
      purgeRange: db.prepare('DELETE FROM documents WHERE copy_id = ? AND key <= ?'),
      purgeAll: db.prepare('DELETE FROM documents WHERE copy_id = ?'),
      deleteCopy: db.prepare('DELETE FROM document_copies WHERE copy_id = ?'),
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
    };
  }

  /** Opens its own connection to `file` (WAL, like the event store, so readers never block the writer). */
  static open(options: SqliteDocumentStoreOptions): SqliteDocumentStore {
    const busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000));
    const db = new Database(options.file, { timeout: busyTimeoutMs });
    try {
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
      // As the event store's connection (open.ts): a page cache that holds the upper levels of the
      // documents' B-tree as it grows to millions of rows, and checkpoints of the WAL less often.
      db.pragma(`cache_size = ${-Math.max(2048, Math.floor(options.cacheKiB ?? 32_768))}`);
      db.pragma('wal_autocheckpoint = 10000');
      return new SqliteDocumentStore(db, options.now, true);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async header(name: string, slot: ProjectionSlot = 'live'): Promise<ProjectionHeader | undefined> {
    return this.headerNow(name, slot);
  }

  async getMany(name: string, keys: readonly string[], slot: ProjectionSlot = 'live'): Promise<ReadonlyMap<string, unknown>> {
    const found = new Map<string, unknown>();
    const unique = [...new Set(keys)];
    for (let i = 0; i < unique.length; i += ROWS_PER_STATEMENT) {
      const chunk = unique.slice(i, i + ROWS_PER_STATEMENT);
      const rows = this.statementFor('getMany', chunk.length).all(name, slot, ...chunk) as { key: string; document: string }[];
      for (const row of rows) found.set(row.key, parse(name, row.key, row.document));
    }
    return found;
  }

  async list(name: string, { prefix, after, limit }: ListQuery, slot: ProjectionSlot = 'live'): Promise<DocumentPage> {
    const size = Math.floor(limit);
    if (!(size > 0)) return { documents: [] };
    const upper = prefixUpperBound(prefix);
    const statement = this.listStatement(after !== undefined, upper !== undefined);
    const params: unknown[] = [name, slot, prefix];
    if (after !== undefined) params.push(after);
    if (upper !== undefined) params.push(upper);
    const rows = statement.all(...params, size + 1) as { key: string; document: string }[];
    const page = rows.slice(0, size);
    const documents = page.map((row) => [row.key, parse(name, row.key, row.document)] as const);
    return rows.length > size ? { documents, next: (page[page.length - 1] as { key: string }).key } : { documents };
  }

  async commit(name: string, commit: DocumentCommit, slot: ProjectionSlot = 'live'): Promise<void> {
    this.write(() => this.commitNow(name, commit, slot));
    if (commit.fresh === true) this.purgeRetiredQuietly();
  }

  /**
   * Makes the shadow copy live by swapping two rows of `document_copies` in one transaction; the old
   * live copy is retired there, and its documents are deleted afterwards, a page per transaction.
   */
  async promoteShadow(name: string): Promise<void> {
    this.write(() => {
      const shadow = this.copyRow(name, 'shadow');
      if (shadow === undefined) throw new Error(`projection ${name} has no shadow copy to promote`);
      const live = this.copyRow(name, 'live');
      const now = this.now().toISOString();
      this.epoch++;
      if (live !== undefined) this.statements.retire.run(now, live.copy_id);
      this.statements.promote.run((live?.generation ?? -1) + 1, now, shadow.copy_id);
    });
    this.purgeRetiredQuietly();
  }

  async drop(name: string, slot: ProjectionSlot): Promise<void> {
    this.write(() => {
      const copy = this.copyRow(name, slot);
      this.epoch++;
      if (copy !== undefined) this.statements.retire.run(this.now().toISOString(), copy.copy_id);
    });
    this.purgeRetiredQuietly();
  }

  /**
   * A build from position 0 into a copy of `name`, written to a table of this connection's temporary
   * database (a file of its own, deleted with the connection, never fsynced, taking no lock of the
   * log's file) keyed by the document's key: a key's first write inserts its row, a later one
   * rewrites it (one upsert, `ROWS_PER_STATEMENT` rows a statement). So a build holds no memory per
   * key, whatever the log's size: what it keeps is SQLite's page cache of the temporary database
   * (`BUILD_CACHE_KIB`), and as keys written together share their beginnings (a province, a unit, a
   * day), the pages a build writes are few at a time. `finish` copies the rows, already in key order,
   * into a new copy, `MOVE_ROWS` documents per transaction (each a plain append at the end of the
   * documents' B-tree), then commits the checkpoint. Until that last commit the copy stands at
   * checkpoint 0, so a crash on the way leaves a build that starts over, and a copy moved half way is
   * purged with the copy that replaces it.
   */
  startBuild(name: string, slot: ProjectionSlot): DocumentBuild {
    if (this.db.readonly) throw new Error('a read-only connection cannot build documents');
    if (this.builds === 0) {
      // The temporary database is a file even on a connection that keeps temporary things in memory
      // (the event store's, `temp_store = MEMORY`): a province's documents would not fit. Switching
      // drops the temporary tables of the connection, and none exists before its first build.
      if (Number(this.db.pragma('temp_store', { simple: true })) !== 1) this.db.pragma('temp_store = FILE');
      // Set before the temporary database's first page: its key-ordered scratch tables are B-trees of
      // documents, which split less and stay shallower in 16 KiB pages than in SQLite's default 4 KiB.
      this.db.pragma(`temp.page_size = ${BUILD_PAGE_BYTES}`);
      // Its rollback journal is kept in memory: a transaction that fails still rolls back whole, and no
      // page is copied to a file of its own first. (OFF, which keeps none, is refused: better-sqlite3 opens
      // connections in SQLite's defensive mode, where the pragma leaves the journal a file and answers
      // `delete`.) A rebuild of the 1M slice made 1.2 million fewer writes of pages and spent 4 s less
      // of the system's time (docs/operations/sizing.md).
      const journal = this.db.pragma('temp.journal_mode = MEMORY', { simple: true });
      if (journal !== 'memory') throw new Error(`the temporary database kept journal mode ${String(journal)} instead of memory`);
      this.db.pragma(`temp.cache_size = ${-BUILD_CACHE_KIB}`);
    }
    const table = `temp.build_${++this.builds}`;
    // A deleted document is a row without one (NULL), so a later write finds the row to rewrite.
    this.db.exec(`CREATE TABLE ${table} (key TEXT PRIMARY KEY, document TEXT) WITHOUT ROWID`);
    const get = this.db.prepare(`SELECT document FROM ${table} WHERE key = ?`).pluck();
    const writers = new Map<number, Database.Statement>();
    const writer = (count: number) => {
      let statement = writers.get(count);
      if (statement === undefined) {
        statement = this.db.prepare(
          // OR FAIL: a statement failing half way keeps its first rows instead of being undone alone,
          // so SQLite keeps no statement journal (a file: `temp_store = FILE`); the transaction rolls
          // back whole anyway.
          `INSERT OR FAIL INTO ${table} (key, document) VALUES ${Array.from({ length: count }, () => '(?, ?)').join(', ')}
           ON CONFLICT (key) DO UPDATE SET document = excluded.document`,
        );
        writers.set(count, statement);
      }
      return statement;
    };
    // Rows `start` to `end` of a write's key-value list `params`, in one transaction.
    const writeRows = this.db.transaction((params: readonly (string | null)[], start: number, end: number) => {
      for (let i = start; i < end; i += ROWS_PER_STATEMENT) {
        const n = Math.min(ROWS_PER_STATEMENT, end - i);
        writer(n).run(params.slice(2 * i, 2 * (i + n)));
      }
    });
    let open = true;
    const over = () => new Error(`projection ${name}: its build is over`);
    const close = () => {
      if (!open) return;
      open = false;
      this.db.exec(`DROP TABLE IF EXISTS ${table}`);
    };
    return {
      write: (documents) => {
        if (!open) throw over();
        // Serialise first: a document that cannot be written stops the write before any row. Rows go
        // in key order, so the statements walk the table's pages once from start to end instead of
        // seeking a page at random for each key: a rebuild of the 1M slice took 51 s and 92 CPU s
        // instead of 65 s and 116 (docs/operations/sizing.md).
        const rows: [string, string | null][] = [];
        for (const [key, document] of documents) rows.push([key, document === undefined ? null : documentText(name, key, document)]);
        rows.sort(compareKeys);
        const params = rows.flat();
        const count = rows.length;
        for (let start = 0; start < count; start += SCRATCH_ROWS_PER_TRANSACTION) this.described(() => writeRows(params, start, Math.min(count, start + SCRATCH_ROWS_PER_TRANSACTION)));
      },
      get: (key) => {
        if (!open) throw over();
        const text = get.get(key) as string | null | undefined;
        return text === undefined || text === null ? undefined : parse(name, key, text);
      },
      finish: async ({ version, checkpoint, provinceFailures }) => {
        if (!open) throw over();
        // A new copy at checkpoint 0 (the one it replaces is retired with its documents), filled, then its checkpoint.
        const copy = this.write(() => this.commitNow(name, { version, checkpoint: 0, documents: new Map(), fresh: true }, slot));
        // Pages of the table's key order, each ending at the key `MOVE_ROWS` rows on (the first page starting at the first key).
        const range = (first: boolean, last: boolean) => `key ${first ? '>=' : '>'} ?${last ? '' : ' AND key <= ?'}`;
        const pageEnd = (first: boolean) => this.db.prepare(`SELECT key FROM ${table} WHERE ${range(first, true)} ORDER BY key LIMIT 1 OFFSET ${MOVE_ROWS - 1}`).pluck();
        const move = (first: boolean, last: boolean) =>
          this.db.prepare(`INSERT INTO documents (copy_id, key, document) SELECT ?, key, document FROM ${table} WHERE ${range(first, last)} AND document IS NOT NULL ORDER BY key`);
        for (let after: string | undefined; ; ) {
          const first = after === undefined;
          const from = after ?? '';
          const until = pageEnd(first).get(from) as string | undefined;
          this.write(() => (until === undefined ? move(first, true).run(copy.copy_id, from) : move(first, false).run(copy.copy_id, from, until)));
          if (until === undefined) break;
          after = until;
        }
        this.write(() => this.statements.updateCopyFailures.run(version, checkpoint, this.now().toISOString(), failuresText(provinceFailures), copy.copy_id));
        close();
        this.purgeRetiredQuietly();
      },
      discard: close,
    };
  }

  async names(): Promise<readonly string[]> {
    return this.statements.names.all() as string[];
  }

  /** How many times the live copy was replaced (promoted or written afresh); undefined without a live copy. */
  generation(name: string): number | undefined {
    return this.copyRow(name, 'live')?.generation;
  }

  /**
   * `sync` for the length of one transaction that holds the write lock (an append's): the copies' rows
   * are read once, all with one statement, and documents are read by copy id, since no other
   * connection can change a copy until the transaction ends. Take a new one for every transaction.
   */
  syncWithinTransaction(): SyncDocumentStore {
    // Read under the transaction's write lock: no other connection can commit until it ends.
    const dataVersion = this.statements.dataVersion.get() as number;
    if (dataVersion !== this.dataVersion) {
      this.dataVersion = dataVersion;
      this.epoch++;
    }
    let copies: Map<string, CopyRow | undefined> | undefined;
    const copyOf = (name: string, slot: ProjectionSlot): CopyRow | undefined => {
      if (copies === undefined) {
        copies = new Map();
        for (const [copyName, copySlot, copy_id, version, checkpoint, status, failure, generation, province_failures] of this.statements.copies.all() as CopiesRow[]) {
          copies.set(`${copySlot}:${copyName}`, { copy_id, version, checkpoint, status, failure, generation, province_failures });
        }
      }
      return copies.get(`${slot}:${name}`);
    };
    return {
      header: (name, slot = 'live') => this.headerOf(name, copyOf(name, slot)),
      get: (name, key, slot = 'live') => {
        const copy = copyOf(name, slot);
        const text = copy === undefined ? undefined : (this.statements.getByCopy.get(copy.copy_id, key) as string | undefined);
        return text === undefined ? undefined : parse(name, key, text);
      },
      commit: (name, commit, slot = 'live') => {
        const row = this.write(() => this.commitNow(name, commit, slot, copyOf(name, slot)));
        copies?.set(`${slot}:${name}`, row);
      },
      copyState: (name) => {
        const copy = copyOf(name, 'live');
        return copy === undefined ? undefined : `${this.epoch}:${copy.copy_id}:${copy.generation}:${copy.version}:${copy.checkpoint}:${copy.status}`;
      },
    };
  }

  /**
   * Deletes the documents of retired copies, `PURGE_ROWS` per transaction, then their rows. Called
   * after a promotion or drop; call it at open too, for a process that stopped half way.
   */
  purgeRetired(): void {
    for (;;) {
      const done = this.db
        .transaction(() => {
          const copyId = this.statements.retired.get() as number | undefined;
          if (copyId === undefined) return true;
          this.epoch++;
          const until = this.statements.purgeUntil.get(copyId, PURGE_ROWS - 1) as string | undefined;
          if (until !== undefined) this.statements.purgeRange.run(copyId, until);
          else {
            this.statements.purgeAll.run(copyId);
            this.statements.deleteCopy.run(copyId);
          }
          return false;
        })
        .immediate();
      if (done) return;
    }
  }

  close(): void {
    if (this.ownsConnection) this.db.close();
  }

  private headerNow(name: string, slot: ProjectionSlot): ProjectionHeader | undefined {
    return this.headerOf(name, this.copyRow(name, slot));
  }

  private headerOf(name: string, row: CopyRow | undefined): ProjectionHeader | undefined {
    if (row === undefined) return undefined;
    const header: ProjectionHeader = { version: row.version, checkpoint: row.checkpoint, status: row.status };
    const failure = row.failure === null ? {} : { failure: parse(name, '(failure)', row.failure) as ProjectionFailure };
    const failures = row.province_failures === null ? [] : (parse(name, '(province failures)', row.province_failures) as ProvinceFailure[]);
    return { ...header, ...failure, ...(failures.length === 0 ? {} : { provinceFailures: failures }) };
  }

  private copyRow(name: string, slot: ProjectionSlot): CopyRow | undefined {
    return this.statements.copy.get(name, slot) as CopyRow | undefined;
  }

  /**
   * Runs `work` in the caller's transaction (whose owner tells its failures), or in one of its own
   * (`BEGIN IMMEDIATE`) outside any, failing as the store fails (`SqliteStoreError`: a read-only file, a full disk).
   */
  private write<T>(work: () => T): T {
    return this.db.inTransaction ? work() : this.described(() => this.db.transaction(work).immediate());
  }

  /** Runs `work`, turning SQLite's errors into ones that name the file and say what happened. */
  private described<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw describeSqliteError(error, this.db.name, 'writing documents to', Number(this.db.pragma('busy_timeout', { simple: true })));
    }
  }

  /** Documents and checkpoint; call inside a transaction. Gives the copy's row as it now stands. */
  private commitNow(name: string, commit: DocumentCommit, slot: ProjectionSlot, existing = this.copyRow(name, slot)): CopyRow {
    // Serialise first: a document that cannot be written stops the commit before any row changes.
    const rows: [string, string][] = [];
    const deleted: string[] = [];
    for (const [key, document] of commit.documents) {
      if (document === undefined) deleted.push(key);
      else rows.push([key, documentText(name, key, document)]);
    }
    rows.sort(compareKeys);
    const now = this.now().toISOString();
    const { version, checkpoint } = commit;
    let copyId: number;
    let generation: number;
    let provinceFailures: string | null;
    if (existing === undefined || commit.fresh === true) {
      this.epoch++;
      // A copy written afresh gets a new id: the documents of the one it replaces go with it, without a delete here.
      if (existing !== undefined) this.statements.retire.run(now, existing.copy_id);
      generation = existing === undefined ? 0 : existing.generation + 1;
      provinceFailures = failuresText(commit.provinceFailures);
      copyId = Number(this.statements.insertCopy.run({ name, slot, version, checkpoint, generation, now, provinceFailures }).lastInsertRowid);
    } else {
      copyId = existing.copy_id;
      generation = existing.generation;
      if (commit.provinceFailures === undefined) {
        provinceFailures = existing.province_failures;
        this.statements.updateCopy.run(version, checkpoint, now, copyId);
      } else {
        provinceFailures = failuresText(commit.provinceFailures);
        this.statements.updateCopyFailures.run(version, checkpoint, now, provinceFailures, copyId);
      }
      for (let i = 0; i < deleted.length; i += ROWS_PER_STATEMENT) {
        const chunk = deleted.slice(i, i + ROWS_PER_STATEMENT);
        this.statementFor('delete', chunk.length).run(copyId, ...chunk);
      }
    }
    const params: unknown[] = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      params.length = 0;
      for (const [key, text] of chunk) params.push(copyId, key, text);
      this.statementFor('upsert', chunk.length).run(params);
    }
    return { copy_id: copyId, version, checkpoint, status: 'running', failure: null, generation, province_failures: provinceFailures };
  }

  private purgeRetiredQuietly(): void {
    try {
      this.purgeRetired();
    } catch {
      // The copy is already retired, so readers never see its documents; the next purge deletes them.
    }
  }

  /** A statement over `count` rows or keys, prepared once per count. */
  private statementFor(kind: 'getMany' | 'delete' | 'upsert', count: number): Database.Statement {
    const id = `${kind}:${count}`;
    let statement = this.variadic.get(id);
    if (statement !== undefined) return statement;
    const marks = (group: string) => Array.from({ length: count }, () => group).join(', ');
    const sql =
      kind === 'getMany'
        ? `SELECT d.key, d.document FROM document_copies c JOIN documents d ON d.copy_id = c.copy_id
           WHERE c.name = ? AND c.slot = ? AND c.slot <> 'retired' AND d.key IN (${marks('?')})`
        : kind === 'delete'
          ? `DELETE FROM documents WHERE copy_id = ? AND key IN (${marks('?')})`
          : `INSERT INTO documents (copy_id, key, document) VALUES ${marks('(?, ?, ?)')}
             ON CONFLICT (copy_id, key) DO UPDATE SET document = excluded.document`;
    statement = this.db.prepare(sql);
    this.variadic.set(id, statement);
    return statement;
  }

  private listStatement(after: boolean, upper: boolean): Database.Statement {
    const id = `list:${after}:${upper}`;
    let statement = this.variadic.get(id);
    if (statement !== undefined) return statement;
    statement = this.db.prepare(
      `SELECT d.key, d.document FROM document_copies c JOIN documents d ON d.copy_id = c.copy_id
       WHERE c.name = ? AND c.slot = ? AND c.slot <> 'retired' AND d.key >= ?${after ? ' AND d.key > ?' : ''}${upper ? ' AND d.key < ?' : ''}
       ORDER BY d.key LIMIT ?`,
    );
    this.variadic.set(id, statement);
    return statement;
  }
}

/** Opens the document tables in `file` (usually the event store's file) on a connection of their own. */
export const openSqliteDocumentStore = (options: SqliteDocumentStoreOptions): SqliteDocumentStore => SqliteDocumentStore.open(options);
