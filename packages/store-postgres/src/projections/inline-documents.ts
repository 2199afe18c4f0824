import type { PoolClient } from 'pg';
import { foldInlineAsync, type AnyProjection, type RecordedEvent } from '@motcua/core';
import { decodeRow, type EventRow } from '../decode-row.js';
import { quoteSchema } from '../schema.js';
import { DocumentTables, type Queryable } from './postgres-document-store.js';

/** Runs inside an append's transaction, after its inserts and before its commit. */
export type InlineHook = (client: PoolClient) => Promise<void>;

/**
 * Events after a global position, in order, decoded and checked like the store's own reads, on the
 * given client: what an inline fold reads inside the append's transaction (the appended events included).
 */
export const eventsAfterReader =
  (q: Queryable, schema: string) =>
  async (position: number, limit: number): Promise<RecordedEvent[]> => {
    const { rows } = await q.query<EventRow>(
      `SELECT global_position, stream_id, stream_version, type, data, metadata FROM ${quoteSchema(schema)}.events
       WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      [position, limit],
    );
    return rows.map(decodeRow);
  };

/**
 * The fold of `projections` into their live documents on one client, inside its transaction. The
 * live copies' rows are locked first (`FOR UPDATE`), so a commit to them from elsewhere (a worker,
 * another appender, a promotion) waits for this transaction and no update is lost. Projections at the
 * same checkpoint (the usual case after an append) share one read of the new events.
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
    const settled = (name: string) => locked.delete(name);
    await foldInlineAsync(
      projections,
      {
        header: async (name, slot = 'live') => {
          const header = slot === 'live' ? locked.get(name) : undefined;
          if (header !== undefined) {
            locked.delete(name);
            return header;
          }
          return tables.header(client, name, slot, true);
        },
        getMany: (name, keys, slot = 'live') => tables.getMany(client, name, keys, slot),
        commit: async (name, commit, slot = 'live') => {
          settled(name);
          await tables.commit(client, name, commit, slot);
        },
        recordFailure: async (name, failure, slot = 'live') => {
          settled(name);
          await tables.recordFailure(client, name, failure, slot);
        },
      },
      {
        readAfter: (position, limit) => {
          const key = `${position}:${limit}`;
          let page = pages.get(key);
          if (page === undefined) {
            page = read(position, limit);
            pages.set(key, page);
          }
          return page;
        },
      },
    );
  };
};

/**
 * Brings inline projections to the head of the log (at open: events appended by a process without
 * them, a projection new to this process). Holds the log's lock like an append, so no append commits
 * meanwhile and the fold ends exactly at the head.
 */
export const catchUpInline = async (client: PoolClient, schema: string, hook: InlineHook): Promise<void> => {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT last_position FROM ${quoteSchema(schema)}.log_head FOR UPDATE`);
    await hook(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};
