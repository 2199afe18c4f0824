import type { PoolClient } from 'pg';
import {
  preparedAppendResult,
  type PreparedAppend,
  computeEventHash,
  describeExpectedVersion,
  expectedVersionHolds,
  idempotencyKeyReused,
  left,
  right,
  versionConflict,
  type AppendError,
  type AppendResult,
  type Either,
} from '@motcua/core';

/** What became of one append of a group: its result, or the error that rolled back its savepoint. */
export type Outcome = { readonly ok: Either<AppendError, AppendResult> } | { readonly error: unknown };

interface Head {
  position: number;
  hash: string;
}

/**
 * Commits a group of appends in one transaction.
 *
 * The first statement locks the one row of `log_head` (`SELECT … FOR UPDATE`): whoever holds it is
 * the only writer of the log until it commits. Under that lock the transaction reads the last
 * position and hash, checks each append's expected version, inserts the events at the next positions
 * and moves the head. PostgreSQL releases row locks only after the commit is visible, so the next
 * writer starts after it and positions become visible in the order they were handed out: a reader
 * paging by position never passes a position that a slower transaction fills in later.
 *
 * With more than one append, each runs in its own SAVEPOINT: a conflict gets its `Left`, an append
 * that fails gets its error, and the others commit. A failure outside the savepoints (BEGIN, the
 * lock, COMMIT) rolls everything back and throws.
 *
 * `beforeCommit` runs in the same transaction after the inserts, when the group appended events
 * (inline projections): what it writes commits with them, and if it throws, nothing is written.
 */
export const commitGroup = async (
  client: PoolClient,
  schema: string,
  group: readonly PreparedAppend[],
  beforeCommit?: (client: PoolClient) => Promise<void>,
): Promise<Outcome[]> => {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ last_position: string; last_hash: string }>(
      `SELECT last_position, last_hash FROM ${schema}.log_head FOR UPDATE`,
    );
    const row = rows[0];
    if (row === undefined) throw new Error(`the log_head row of schema ${schema} is missing: the schema was damaged`);
    const head: Head = { position: Number(row.last_position), hash: row.last_hash };
    const start = head.position;
    const outcomes: Outcome[] = [];
    if (group.length === 1) {
      outcomes.push({ ok: await insertAppend(client, schema, head, group[0] as PreparedAppend) });
    } else {
      for (const append of group) {
        const before = { ...head };
        await client.query('SAVEPOINT append');
        try {
          outcomes.push({ ok: await insertAppend(client, schema, head, append) });
          await client.query('RELEASE SAVEPOINT append');
        } catch (error) {
          await client.query('ROLLBACK TO SAVEPOINT append');
          Object.assign(head, before);
          outcomes.push({ error });
        }
      }
    }
    if (head.position !== start) {
      await client.query(`UPDATE ${schema}.log_head SET last_position = $1, last_hash = $2`, [head.position, head.hash]);
      await beforeCommit?.(client);
    }
    await client.query('COMMIT');
    return outcomes;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};

/** Checks and inserts one append; runs inside the transaction that holds the log_head lock. */
const insertAppend = async (
  client: PoolClient,
  schema: string,
  head: Head,
  append: PreparedAppend,
): Promise<Either<AppendError, AppendResult>> => {
  const { streamId, events } = append;
  const key = append.idempotencyKey;
  const { rows } = await client.query<{ current: number; key_used: boolean }>(
    `SELECT (SELECT coalesce(max(stream_version), 0) FROM ${schema}.events WHERE stream_id = $1)::int AS current,
            EXISTS (SELECT 1 FROM ${schema}.events WHERE idempotency_key = $2) AS key_used`,
    [streamId, key ?? null],
  );
  const current = rows[0]?.current ?? 0;
  if (!expectedVersionHolds(append.expected, current)) {
    return left(versionConflict(streamId, describeExpectedVersion(append.expected), current));
  }
  if (key !== undefined && rows[0]?.key_used === true) return left(idempotencyKeyReused(key));
  if (events.length === 0) {
    return right({ streamId, nextExpectedVersion: current, lastGlobalPosition: head.position, events: [] });
  }
  const firstPosition = head.position + 1;
  const columns = {
    positions: [] as number[],
    versions: [] as number[],
    types: [] as string[],
    data: [] as string[],
    metadata: [] as string[],
    previousHashes: [] as string[],
    hashes: [] as string[],
  };
  let previousHash = head.hash;
  events.forEach((event, i) => {
    const globalPosition = firstPosition + i;
    const streamVersion = current + i + 1;
    const hash = computeEventHash(previousHash, {
      globalPosition,
      streamId,
      streamVersion,
      type: event.type,
      dataJson: event.dataJson,
      metadataJson: event.metadataJson,
    });
    columns.positions.push(globalPosition);
    columns.versions.push(streamVersion);
    columns.types.push(event.type);
    columns.data.push(event.dataJson);
    columns.metadata.push(event.metadataJson);
    columns.previousHashes.push(previousHash);
    columns.hashes.push(hash);
    previousHash = hash;
  });
  // The idempotency columns are set on the batch's first event only.
  await client.query(
    `INSERT INTO ${schema}.events (global_position, stream_id, stream_version, type, data, metadata,
       idempotency_key, command_hash, idempotency_last_version, previous_hash, hash)
     SELECT p, $2, v, t, d, m,
            CASE WHEN v = $8 THEN $9 END, CASE WHEN v = $8 THEN $10 END, CASE WHEN v = $8 AND $9::text IS NOT NULL THEN $11::int END,
            ph, h
     FROM unnest($1::bigint[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $12::text[]) AS u(p, v, t, d, m, ph, h)`,
    [
      columns.positions,
      streamId,
      columns.versions,
      columns.types,
      columns.data,
      columns.metadata,
      columns.previousHashes,
      current + 1,
      key ?? null,
      key === undefined ? null : (append.commandHash ?? null),
      current + events.length,
      columns.hashes,
    ],
  );
  head.position = firstPosition + events.length - 1;
  head.hash = previousHash;
  return right(preparedAppendResult(append, current + 1, firstPosition));
};
