import type { PoolClient, QueryConfig } from 'pg';
import {
  preparedAppendResult,
  describeExpectedVersion,
  idempotencyKeyReused,
  left,
  right,
  versionConflict,
  type AppendError,
  type AppendResult,
  type Either,
  type ExpectedVersion,
  type PreparedAppend,
} from '@motcua/core';
import { EVENT_TEXT_SEPARATOR } from './append-events-function.js';
import { ONE_APPEND_STATEMENT, ONE_EVENT_STATEMENT } from './append-statements.js';
import { statementRefused } from './errors.js';
import { inTransaction } from './pool-client.js';
import { storedMetadataText } from './stored-metadata.js';

/** What became of one append of a group: its result, or the error that kept it out of the log. */
export type Outcome = { readonly ok: Either<AppendError, AppendResult> } | { readonly error: unknown };

/** The function's `outcome` column. */
const APPENDED = 0;
const VERSION_CONFLICT = 1;

/**
 * Commits a group of appends with one call of the schema's `append_events` function, and a group of
 * one append with one plain statement (append-statements.ts), which hands over to
 * `append_events` when it writes nothing (append-events-function.ts): one prepared statement, one
 * round trip, one transaction and one WAL flush for the whole group. Both hold the `log_head` row
 * lock until the commit, so positions become visible in the order they were handed out and a reader
 * paging by position never passes one that a slower transaction fills in later.
 *
 * Without `beforeCommit` the statement runs on its own and commits as it ends. With it (inline
 * projections), it runs between `BEGIN` and `COMMIT` and `beforeCommit` follows it when the group
 * appended events: what it writes commits with them, and if it throws, nothing is written.
 *
 * Each append gets its own outcome: a version conflict or a reused idempotency key its `Left`. When the
 * database refuses the statement itself (a text it cannot hold, an index row too large), nothing of the
 * group was written: its appends are tried again one by one, so only the bad one fails.
 */
export const commitGroup = async (
  client: PoolClient,
  schema: string,
  group: readonly PreparedAppend[],
  beforeCommit?: (client: PoolClient) => Promise<void>,
): Promise<CommittedGroup> => {
  try {
    return { outcomes: await appendGroup(client, schema, group, beforeCommit), transactions: 1 };
  } catch (error) {
    if (group.length === 1 || !statementRefused(error)) throw error;
  }
  const outcomes: Outcome[] = [];
  let broken: unknown;
  let transactions = 0;
  for (const append of group) {
    if (broken !== undefined) {
      outcomes.push({ error: broken });
      continue;
    }
    try {
      transactions++;
      outcomes.push(...(await appendGroup(client, schema, [append], beforeCommit)));
    } catch (error) {
      outcomes.push({ error });
      if (!statementRefused(error)) broken = error;
    }
  }
  return { outcomes, transactions };
};

/** What became of each append of a group, and in how many transactions it was tried (more than one when retried one by one). */
export interface CommittedGroup {
  readonly outcomes: Outcome[];
  readonly transactions: number;
}

type FunctionRow = [outcome: number, currentVersion: number, firstPosition: string];

/** SQLSTATE of a row that breaks a UNIQUE index. */
const UNIQUE_VIOLATION = '23505';

const appendGroup = async (
  client: PoolClient,
  schema: string,
  group: readonly PreparedAppend[],
  beforeCommit: ((client: PoolClient) => Promise<void>) | undefined,
): Promise<Outcome[]> => {
  const only = group.length === 1 ? (group[0] as PreparedAppend) : undefined;
  if (only !== undefined && only.events.length > 0) {
    const appended = await appendOne(client, schema, only, beforeCommit);
    if (appended !== undefined) return [appended];
  }
  const rows = await runStatement<FunctionRow>(client, groupStatement(schema, group), beforeCommit, (rows) =>
    rows.some((row, i) => row[0] === APPENDED && (group[i] as PreparedAppend).events.length > 0),
  );
  return outcomesOf(group, rows);
};

/**
 * One append through its plain statement (append-statements.ts): its outcome when it wrote the
 * events, else undefined (it wrote nothing, and `append_events` decides: the statement's checks may
 * have seen the log as it was before the lock).
 */
const appendOne = async (
  client: PoolClient,
  schema: string,
  append: PreparedAppend,
  beforeCommit: ((client: PoolClient) => Promise<void>) | undefined,
): Promise<Outcome | undefined> => {
  try {
    const rows = await runStatement<[currentVersion: number, lastPosition: string | null]>(client, oneAppendStatement(schema, append), beforeCommit, (rows) => rows[0]?.[1] != null);
    const [current, last] = rows[0] ?? [0, null];
    return last === null ? undefined : { ok: right(preparedAppendResult(append, current + 1, Number(last) - append.events.length + 1)) };
  } catch (error) {
    // The events table's indexes refused a row (a version or key taken meanwhile): nothing was written.
    const { code, table } = (error ?? {}) as { code?: unknown; table?: unknown };
    if (code === UNIQUE_VIOLATION && table === 'events') return undefined;
    throw error;
  }
};

/**
 * Runs an append statement: on its own, committing as it ends, without `beforeCommit`; with it,
 * between `BEGIN` and `COMMIT`, `beforeCommit` following when `appended(rows)` says events were written.
 * Any error rolls the transaction back and is thrown.
 */
const runStatement = async <Row extends unknown[]>(
  client: PoolClient,
  statement: QueryConfig<unknown[]> & { rowMode: 'array' },
  beforeCommit: ((client: PoolClient) => Promise<void>) | undefined,
  appended: (rows: readonly Row[]) => boolean,
): Promise<Row[]> => {
  if (beforeCommit === undefined) return (await client.query<Row>(statement)).rows;
  return inTransaction(client, async () => {
    const { rows } = await client.query<Row>(statement);
    if (appended(rows)) await beforeCommit(client);
    return rows;
  });
};

/** The function's expected version: NULL for any, 0 for no stream, -1 for one no stream can be at. */
const expectedArgument = (expected: ExpectedVersion): number | null => {
  if (expected === 'any') return null;
  if (expected === 'no-stream') return 0;
  return Number.isSafeInteger(expected) && expected >= 0 && expected <= 0x7fffffff ? expected : -1;
};

/** An append's command hash as `append_events` and the plain statements take it: given only with an idempotency key. */
const commandHashArgument = (append: PreparedAppend): string | null => (append.idempotencyKey === undefined ? null : (append.commandHash ?? null));

/** The events of appends as `append_events` and the plain statements take them: types, and texts joined by `EVENT_TEXT_SEPARATOR`. */
const eventColumns = (appends: readonly PreparedAppend[]): [types: string[], data: string, metadata: string, storedMetadata: string] => {
  const types: string[] = [];
  let data = '';
  let metadata = '';
  let storedMetadata = '';
  for (const append of appends) {
    for (const event of append.events) {
      const separator = types.length === 0 ? '' : EVENT_TEXT_SEPARATOR;
      types.push(event.type);
      data += separator + event.dataJson;
      metadata += separator + event.metadataJson;
      storedMetadata += separator + storedMetadataText(event.metadata, event.metadataJson);
    }
  }
  return [types, data, metadata, storedMetadata];
};

/** One named (prepared once per connection) call of `append_events` with the group's columns (schema 6). */
const groupStatement = (schema: string, group: readonly PreparedAppend[]) => ({
  name: `motcua.append_events ${schema}`,
  text: `SELECT outcome, current_version, first_position
         FROM ${schema}.append_events($1::text[], $2::int[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text, $8::text, $9::text)`,
  values: [
    group.map((append) => append.streamId),
    group.map((append) => expectedArgument(append.expected)),
    group.map((append) => append.idempotencyKey ?? null),
    group.map(commandHashArgument),
    group.map((append) => append.events.length),
    ...eventColumns(group),
  ],
  rowMode: 'array' as const,
});

/** The texts of the plain statements for each schema, made once: `pg` sends a named statement's text only to prepare it. */
const statementTexts = new Map<string, { oneEvent: string; oneAppend: string }>();
const statementTextsOf = (schema: string) => {
  let texts = statementTexts.get(schema);
  if (texts === undefined) {
    texts = { oneEvent: ONE_EVENT_STATEMENT.replaceAll('$schema', schema), oneAppend: ONE_APPEND_STATEMENT.replaceAll('$schema', schema) };
    statementTexts.set(schema, texts);
  }
  return texts;
};

/** The named statement of one append (append-statements.ts): `ONE_EVENT_STATEMENT` for one event, else `ONE_APPEND_STATEMENT`. */
const oneAppendStatement = (schema: string, append: PreparedAppend) => {
  const [types, data, metadata, storedMetadata] = eventColumns([append]);
  const one = types.length === 1;
  const texts = statementTextsOf(schema);
  return {
    name: `motcua.append_${one ? 'one_event' : 'one'} ${schema}`,
    text: one ? texts.oneEvent : texts.oneAppend,
    values: [
      append.streamId,
      expectedArgument(append.expected),
      append.idempotencyKey ?? null,
      commandHashArgument(append),
      one ? types[0] : types,
      data,
      metadata,
      storedMetadata,
    ],
    rowMode: 'array' as const,
  };
};

const outcomesOf = (group: readonly PreparedAppend[], rows: readonly FunctionRow[]): Outcome[] => {
  if (rows.length !== group.length) throw new Error(`append_events answered ${rows.length} rows for ${group.length} appends`);
  return group.map((append, i): Outcome => {
    const [outcome, current, firstPosition] = rows[i] as FunctionRow;
    if (outcome === APPENDED) return { ok: right(preparedAppendResult(append, current + 1, Number(firstPosition))) };
    if (outcome === VERSION_CONFLICT) return { ok: left(versionConflict(append.streamId, describeExpectedVersion(append.expected), current)) };
    return { ok: left(idempotencyKeyReused(append.idempotencyKey as string)) };
  });
};
