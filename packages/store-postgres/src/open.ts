import pg from 'pg';
import { systemClock, uuidGenerator, type AnyProjection, type Clock, type IdGenerator, deskEventCodecs, type EventCodecs } from '@motcua/core';
import { describePgError } from './errors.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { ensureDocumentSchema } from './projections/document-schema.js';
import { catchUpInline, inlineHook, type InlineHook } from './projections/inline-documents.js';
import { PostgresDocumentStore } from './projections/postgres-document-store.js';
import { checkIsolation, ownPoolConfig, withClient } from './pool-client.js';
import { migrate, quoteSchema } from './schema.js';

interface CommonOptions {
  /** Schema holding the store's tables (created when missing); default `motcua`. */
  readonly schema?: string;
  /** How often subscriptions look for appends made by other processes; default 100 ms, 0 turns it off. */
  readonly pollIntervalMs?: number;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /**
   * The codecs appended events must match exactly, by type (`EventCodecs`); an event that does not is
   * refused (`EventDataRefused`) with nothing of its append written. Default: the desk's
   * (`deskEventCodecs()`); an embedder with event types of its own gives `deskEventCodecs(ownCodecs)`.
   */
  readonly eventCodecs?: EventCodecs;
  /**
   * Document projections folded inside each append's transaction, after its inserts: documents,
   * checkpoints and events commit together. Caught up at open. A handler that throws marks its
   * projection failed and the append still succeeds; a database error aborts the append. Read them
   * through the store's `documents`, or with `openPostgresDocumentStore` on the same schema.
   */
  readonly projections?: readonly AnyProjection[];
}

export type PostgresEventStoreOptions = CommonOptions &
  (
    | {
        /** `postgres://user:password@host:port/database`; the store makes its own pool and ends it on close. */
        readonly connectionString: string;
        /** Size of that pool; default 10. */
        readonly poolSize?: number;
        readonly pool?: never;
      }
    | {
        /** A pool the application owns: the store borrows clients and never ends it. */
        readonly pool: pg.Pool;
        readonly connectionString?: never;
      }
  );

/** The event store and the read side's documents in the same schema, on the same pool. */
export type PostgresEventStoreWithDocuments = PostgresEventStore & {
  /** The documents in this schema (those of `projections` among them); closed with the store. */
  readonly documents: PostgresDocumentStore;
};

/**
 * Connects, creates or migrates the store's schema (with the document tables beside it), catches
 * inline projections up, and returns the store.
 */
export const openPostgresEventStore = async (options: PostgresEventStoreOptions): Promise<PostgresEventStoreWithDocuments> => {
  const schema = options.schema ?? 'motcua';
  quoteSchema(schema);
  const clock = options.clock ?? systemClock;
  const ownsPool = options.pool === undefined;
  const pool = options.pool ?? new pg.Pool(ownPoolConfig(options.connectionString, options.poolSize ?? 10));
  // An idle client losing its connection emits 'error' on the pool; without a listener Node exits.
  // The next query on that pool fails and reports it, so nothing is lost by listening.
  if (ownsPool) pool.on('error', () => undefined);
  const projections = options.projections ?? [];
  let inline: InlineHook | undefined;
  const documents = new PostgresDocumentStore(pool, schema, false);
  try {
    if (projections.length > 0) inline = inlineHook(projections, schema);
    await withClient(pool, async (client) => {
      await checkIsolation(client, schema);
      await migrate(client, schema, () => clock.now().toISOString());
      await ensureDocumentSchema(client, schema, () => clock.now().toISOString());
      await documents.tables.purgeRetired(client);
      if (inline !== undefined) await catchUpInline(client, schema, inline);
    });
  } catch (error) {
    if (ownsPool) await pool.end().catch(() => undefined);
    throw describePgError(error, schema, 'opening');
  }
  const store = new PostgresEventStore(pool, {
    schema,
    ownsPool,
    pollIntervalMs: options.pollIntervalMs ?? 100,
    clock,
    ids: options.ids ?? uuidGenerator,
    eventCodecs: options.eventCodecs ?? deskEventCodecs(),
    ...(inline === undefined ? {} : { beforeCommit: inline }),
  });
  return Object.defineProperty(store, 'documents', { enumerable: true, value: documents }) as PostgresEventStoreWithDocuments;
};
