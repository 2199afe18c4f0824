import type { PoolClient } from 'pg';
import { checkEvent, foldInlineAsync, foldsInline, handlerOf, INLINE_PAGE, type AnyProjection, type ProjectionHeader, type RecordedEvent } from '@motcua/core';
import { decodeRow } from '../decode-row.js';
import { inTransaction } from '../pool-client.js';
import { quoteSchema } from '../schema.js';
import { DocumentTables, prepared, type Queryable } from './postgres-document-store.js';

/** Runs inside an append's transaction, after its inserts and before its commit. */
export type InlineHook = (client: PoolClient) => Promise<void>;

/**
 * Events after a global position, in order, decoded and checked like the store's own reads, on the
 * given client: what an inline fold reads inside the append's transaction (the appended events included).
 */
export const eventsAfterReader =
  (q: Queryable, schema: string) =>
  async (position: number, limit: number): Promise<RecordedEvent[]> => {
    const { rows } = await q.query<{ global_position: string; stream_id: string; stream_version: number; type: string; data: string; metadata: string }>(
      prepared(
        `SELECT global_position, stream_id, stream_version, type, data, metadata FROM ${quoteSchema(schema)}.events
         WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
        [position, limit],
      ),
    );
    return rows.map((row) => decodeRow(Number(row.global_position), row.stream_id, row.stream_version, row.type, row.data, row.metadata));
  };

/**
 * The fold of `projections` into their live documents on one client, inside its transaction. The
 * live copies' rows are locked first (`FOR UPDATE`), so a commit to them from elsewhere (a worker,
 * another appender, a promotion) waits for this transaction and no update is lost. Projections at the
 * same checkpoint (the usual case after an append) share one read of the new events, and the
 * documents the new events touch in every projection are read in one statement before the fold
 * (which otherwise asks for each missing document on its own).
 */
export const inlineHook = (projections: readonly AnyProjection[], schema: string): InlineHook => {
  const names = projections.map((projection) => projection.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new Error(`inline projections: ${duplicate} is named twice`);
  const tables = new DocumentTables(schema);
  return async (client) => {
    if (projections.length === 0) return;
    const locked = await tables.lockLive(client, names);
    const read = eventsAfterReader(client, schema);
    const pages = new Map<string, Promise<RecordedEvent[]>>();
    const readAfter = (position: number, limit: number): Promise<RecordedEvent[]> => {
      const key = `${position}:${limit}`;
      let page = pages.get(key);
      if (page === undefined) {
        page = read(position, limit);
        pages.set(key, page);
      }
      return page;
    };
    const known = await prefetch(client, tables, projections, locked, readAfter);
    await foldInlineAsync(
      projections,
      {
        header: async (name, slot = 'live') => {
          const header = slot === 'live' ? locked.get(name) : undefined;
          if (header !== undefined) {
            locked.delete(name);
            return header;
          }
          // The live copy is locked until the append commits; a shadow is only looked at.
          return tables.header(client, name, slot, slot === 'live');
        },
        getMany: async (name, keys, slot = 'live') => {
          const cached = slot === 'live' ? known.get(name) : undefined;
          if (cached === undefined) return tables.getMany(client, name, keys, slot);
          const found = new Map<string, unknown>();
          for (const key of keys) if (cached.get(key) !== undefined) found.set(key, cached.get(key));
          const missing = keys.filter((key) => !cached.has(key));
          if (missing.length > 0) for (const [key, document] of await tables.getMany(client, name, missing, slot)) found.set(key, document);
          return found;
        },
        commit: async (name, commit, slot = 'live') => {
          locked.delete(name);
          if (slot === 'live') {
            if (commit.fresh === true) known.delete(name);
            for (const key of commit.documents.keys()) known.get(name)?.delete(key);
          }
          await tables.commit(client, name, commit, slot);
        },
      },
      { readAfter },
    );
  };
};

/**
 * The documents the next events may touch in each projection that folds inline, read in one
 * statement: each handler's `touches` is asked as if no document existed yet (a key it reads is
 * fetched too). A guess only: the fold asks the store for any document it lacks, and an event a
 * handler throws on here is left to the fold to report.
 */
const prefetch = async (
  client: Queryable,
  tables: DocumentTables,
  projections: readonly AnyProjection[],
  headers: ReadonlyMap<string, ProjectionHeader>,
  readAfter: (position: number, limit: number) => Promise<readonly RecordedEvent[]>,
): Promise<Map<string, Map<string, unknown>>> => {
  const known = new Map<string, Map<string, unknown>>();
  const folding = projections.filter((projection) => {
    const header = headers.get(projection.name);
    return header !== undefined && foldsInline(projection, header);
  });
  if (folding.length === 0) return known;
  const from = Math.min(...folding.map((projection) => headers.get(projection.name)?.checkpoint ?? 0));
  const events = await readAfter(from, INLINE_PAGE);
  const pairs: (readonly [string, string])[] = [];
  for (const projection of folding) {
    const checkpoint = headers.get(projection.name)?.checkpoint ?? 0;
    const keys = new Set<string>();
    const asStored = { get: (key: string) => void keys.add(key) };
    for (const event of events) {
      if (event.metadata.globalPosition <= checkpoint) continue;
      const handler = handlerOf(projection, event.type);
      if (handler === undefined) continue;
      try {
        checkEvent(event);
        for (const key of handler.touches(event, asStored)) keys.add(key);
      } catch {
        // The fold meets the same event and records the failure.
      }
    }
    if (keys.size === 0) continue;
    known.set(projection.name, new Map([...keys].map((key) => [key, undefined])));
    for (const key of keys) pairs.push([projection.name, key]);
  }
  for (const [name, documents] of await tables.getLive(client, pairs)) {
    for (const [key, document] of documents) known.get(name)?.set(key, document);
  }
  return known;
};

/**
 * Brings inline projections to the head of the log (at open: events appended by a process without
 * them, a projection new to this process). Holds the log's lock like an append, so no append commits
 * meanwhile and the fold ends exactly at the head.
 */
export const catchUpInline = async (client: PoolClient, schema: string, hook: InlineHook): Promise<void> => {
  await inTransaction(client, async () => {
    await client.query(`SELECT last_position FROM ${quoteSchema(schema)}.log_head FOR UPDATE`);
    await hook(client);
  });
};
