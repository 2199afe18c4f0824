import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { Clock, EventStore, HashChainRow, VerifyReport } from '@motcua/core';
import { parseEventStoreDbUrl } from '@motcua/store-eventstoredb/store-url';
import { openSqliteReadOnly, sqliteChainRows } from '@motcua/store-sqlite';
import { CliError } from './cli-io.js';
import { openStore, readFromCopy } from './open-store.js';

/**
 * Where an event store is, as the commands that move or generate a whole log take it:
 * - `sqlite:<path>` or a bare path: a SQLite file (`sqlite:///<path>` for an absolute path);
 * - `postgres://user:password@host:port/database` (or `postgresql://`), with `?schema=<name>` for a
 *   schema other than `motcua` and PostgreSQL's own parameters (`sslmode=verify-full`, …);
 * - `esdb://…` / `kurrentdb://…`: EventStoreDB, through @motcua/store-eventstoredb.
 */
export type StoreUrl =
  | { readonly kind: 'sqlite'; readonly file: string; readonly display: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string; readonly display: string }
  | { readonly kind: 'eventstoredb'; readonly connectionString: string; readonly namespace: string; readonly display: string };

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The values the bundled `pg` (its connection-string parser) knows for the TLS parameters of a
 * PostgreSQL URL: any other is refused here, instead of reaching the server as an unrelated failure.
 */
/** The SSL modes the bundled pg treats as verify-full unless `uselibpqcompat=true`. */
const VERIFY_FULL_ALIASES: ReadonlySet<string> = new Set(['prefer', 'require', 'verify-ca']);

const POSTGRES_CHOICES: ReadonlyMap<string, readonly string[]> = new Map([
  ['sslmode', ['disable', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify']],
  ['uselibpqcompat', ['true', 'false']],
]);

/** Parses a store URL; throws `InvalidArgumentError` saying what is wrong (commander prints it as a usage error). */
export const parseStoreUrl = (value: string): StoreUrl => {
  const text = value.trim();
  if (text.length === 0) throw new InvalidArgumentError('the store URL must not be empty.');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined || (scheme.length === 1 && /^[a-z]:[\\/]/i.test(text))) return sqliteUrl(text, text);
  switch (scheme) {
    case 'sqlite':
      return sqliteUrl(sqlitePath(text), text);
    case 'postgres':
    case 'postgresql':
      return postgresUrl(text);
    case 'esdb':
    case 'esdb+discover':
    case 'kurrentdb':
    case 'kurrentdb+discover':
    case 'kurrent':
    case 'kurrent+discover':
      return eventStoreDbUrl(text);
    default:
      throw new InvalidArgumentError(
        `"${redact(text)}" is not a store URL: expected sqlite:<file> (or a file path), postgres://user:password@host:port/database[?schema=name], or esdb://host:2113.`,
      );
  }
};

/**
 * The path of `sqlite:<path>`, relative to the current folder or absolute; `sqlite:///<path>` is the
 * URL form of an absolute path. `sqlite://name.db` is refused: as a URL it names a host, and read as
 * a path it would be `/name.db` at the root of the file system, never what was meant.
 */
const sqlitePath = (text: string): string => {
  const path = text.slice('sqlite:'.length);
  if (!path.startsWith('//') || path.startsWith('///')) return path.replace(/^\/\/(?=\/)/, '');
  const host = path.slice(2).split('/')[0];
  if (host === '') return '';
  throw new InvalidArgumentError(
    `"${text}" names a host (${host}), not a file: write sqlite:${path.slice(2)} for a file in the current folder, or sqlite:///<absolute path>.`,
  );
};

const sqliteUrl = (path: string, original: string): StoreUrl => {
  if (path.length === 0) throw new InvalidArgumentError(`"${original}" names no file: expected sqlite:<file>, e.g. sqlite:./province.db.`);
  // Shown (and compared) absolute, so that the output says which file was read or written.
  const file = resolve(path);
  const directory = dirname(file);
  if (!existsSync(directory)) throw new InvalidArgumentError(`the folder ${directory} (of "${original}") does not exist.`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new InvalidArgumentError(`${file} is a folder, not a SQLite file.`);
  return { kind: 'sqlite', file, display: `sqlite:${file}` };
};

const postgresUrl = (text: string): StoreUrl => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentError(`"${redact(text)}" is not a valid PostgreSQL URL: expected postgres://user:password@host:port/database.`);
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    throw new InvalidArgumentError(`"${redact(text)}" names no host: expected postgres://user:password@host:port/database.`);
  }
  if (url.pathname.replace(/^\//, '') === '') throw new InvalidArgumentError(`"${redact(text)}" names no database: expected postgres://user:password@host:port/database.`);
  const schema = url.searchParams.get('schema') ?? 'motcua';
  if (!SCHEMA_NAME.test(schema)) {
    throw new InvalidArgumentError(`"${schema}" is not a schema name: expected lowercase letters, digits and _, starting with a letter or _ (at most 63).`);
  }
  for (const [name, accepted] of POSTGRES_CHOICES) {
    const given = url.searchParams.get(name);
    if (given !== null && !accepted.includes(given)) {
      throw new InvalidArgumentError(`${name}=${given} in "${redact(text)}" is not one of ${accepted.join(', ')}.`);
    }
  }
  // The bundled pg (pg-connection-string 2) checks the certificate and the host name for prefer, require
  // and verify-ca as for verify-full, and says so in a warning of several lines at the first connection:
  // named verify-full here, they do the same, without it (docs/operations/connection-strings-and-tls.md).
  // `uselibpqcompat=true` asks for libpq's meanings instead, which the driver then applies.
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode !== null && VERIFY_FULL_ALIASES.has(sslmode) && url.searchParams.get('uselibpqcompat') !== 'true') url.searchParams.set('sslmode', 'verify-full');
  // `schema` is motcua's, not a PostgreSQL connection parameter: the server would refuse it.
  url.searchParams.delete('schema');
  const connectionString = url.toString();
  return { kind: 'postgres', connectionString, schema, display: `${redact(connectionString)}${schema === 'motcua' ? '' : ` (schema ${schema})`}` };
};

/** Checked by the adapter's own parser, a module of its own that loads neither the client nor gRPC. */
const eventStoreDbUrl = (text: string): StoreUrl => {
  try {
    const { connectionString, namespace } = parseEventStoreDbUrl(text);
    return { kind: 'eventstoredb', connectionString, namespace, display: redact(text) };
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

/**
 * A store URL given to option `flag` of `command`, parsed in the command's action rather than by
 * commander, which would echo the whole argument, password included: a bad one is a usage error.
 */
export const storeUrlOption = (command: Command, flag: string, value: string): StoreUrl => {
  try {
    return parseStoreUrl(value);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    return command.error(`option '${flag} <store>': ${error.message}`, { code: 'commander.invalidArgument', exitCode: 2 });
  }
};

/** The URL with its password replaced by `***`, for messages and logs. */
export const redact = (text: string): string => text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');

export interface OpenStoreUrlOptions {
  /** Recorded times come from it (a settable clock keeps each copied append's recorded time). */
  readonly clock?: Clock;
}

/** What copying a whole log reads of its source: its head and its stored rows. */
export interface SourceStore {
  readonly url: StoreUrl;
  /** How the source is read, when not as usual (a SQLite file read from a copy). */
  readonly note?: string;
  /** Global position of the last event (0 when empty). */
  head(): Promise<number>;
  /** The stored rows exactly as hashed, in global order, after `after`, on a connection of their own. */
  chainRows(after: number): AsyncIterable<HashChainRow>;
  close(): Promise<void>;
}

/** An event store opened from a URL for writing, with what copying a whole log needs beside the port. */
export interface OpenedStore extends SourceStore {
  readonly store: EventStore & { verify(): Promise<VerifyReport> };
}

/** Opens the store a URL names for writing, creating a SQLite file or a schema when missing. */
export const openStoreUrl = async (url: StoreUrl, options: OpenStoreUrlOptions = {}): Promise<OpenedStore> => {
  const clock = options.clock === undefined ? {} : { clock: options.clock };
  if (url.kind === 'sqlite') {
    const store = openStore(url.file, { synchronous: 'NORMAL', ...clock });
    return { url, store, head: () => store.headPosition(), chainRows: (after) => sqliteChainRows(url.file, 1000, undefined, after), close: () => store.close() };
  }
  if (url.kind === 'eventstoredb') {
    const store = await openEventStoreDb(url, clock);
    return { url, store, head: () => store.headPosition(), chainRows: (after) => store.chainRows(after), close: () => store.close() };
  }
  // Loaded only for a PostgreSQL URL: a SQLite user never loads pg.
  const { openPostgresEventStore, postgresChainRows, postgresHeadPosition } = await import('@motcua/store-postgres');
  let store: Awaited<ReturnType<typeof openPostgresEventStore>>;
  try {
    store = await openPostgresEventStore({ connectionString: url.connectionString, schema: url.schema, pollIntervalMs: 0, poolSize: 4, ...clock });
  } catch (error) {
    throw new CliError(`cannot open the event store ${url.display}: ${(error as Error).message}`);
  }
  return {
    url,
    store,
    head: () => postgresHeadPosition({ connectionString: url.connectionString, schema: url.schema }),
    chainRows: (after) => postgresChainRows({ connectionString: url.connectionString, schema: url.schema, after, pageSize: 2000 }),
    close: () => store.close(),
  };
};

/**
 * Opens the store a URL names as a copy's source: it must exist, and nothing is written to it (no
 * file or schema created, no schema upgraded, no idempotency record repaired), so a mistyped name is
 * refused rather than read as an empty store, and a read-only role or a standby can be copied from.
 */
export const openSourceUrl = async (url: StoreUrl): Promise<SourceStore> => {
  if (url.kind === 'sqlite') {
    const source = openSqliteSource(url.file);
    return {
      url,
      ...(source.copiedTo === undefined ? {} : { note: readFromCopy(url.display, source.copiedTo) }),
      head: () => source.store.headPosition(),
      chainRows: (after) => sqliteChainRows(source.file, 1000, undefined, after),
      close: () => source.close(),
    };
  }
  if (url.kind === 'eventstoredb') {
    const store = await openEventStoreDb(url, { readonly: true });
    return { url, head: () => store.headPosition(), chainRows: (after) => store.chainRows(after), close: () => store.close() };
  }
  const { findPostgresEventStore, postgresChainRows, postgresHeadPosition, SCHEMA_VERSION } = await import('@motcua/store-postgres');
  const where = { connectionString: url.connectionString, schema: url.schema };
  let found: Awaited<ReturnType<typeof findPostgresEventStore>>;
  try {
    found = await findPostgresEventStore(where);
  } catch (error) {
    throw new CliError(`cannot open the event store ${url.display}: ${(error as Error).message}`);
  }
  if (found.version === undefined) {
    const others = found.schemas.length === 0 ? 'no schema of that database holds one' : `schemas holding one: ${found.schemas.join(', ')}`;
    throw new CliError(`no event store in schema "${url.schema}" of ${url.display} (${others}); check ?schema= in --from`);
  }
  // The columns a copy reads (chain-rows.ts) exist from version 2 on; a newer schema may hold rows this version misreads.
  if (found.version < 2 || found.version > SCHEMA_VERSION) {
    throw new CliError(
      `the event store in schema "${url.schema}" of ${url.display} has schema version ${found.version}, this motcua reads versions 2 to ${SCHEMA_VERSION}: ` +
        (found.version < 2 ? 'open it once for writing with this version (openPostgresEventStore upgrades it), then copy it' : 'copy it with the version of motcua that wrote it'),
    );
  }
  return {
    url,
    head: () => postgresHeadPosition(where),
    chainRows: (after) => postgresChainRows({ ...where, after, pageSize: 2000 }),
    close: async () => undefined,
  };
};

/** An EventStoreDB namespace (`esdb://host:2113?tls=false&namespace=<name>`, `kurrentdb://…`), through @motcua/store-eventstoredb. */
const openEventStoreDb = async (url: Extract<StoreUrl, { kind: 'eventstoredb' }>, options: { clock?: Clock; readonly?: boolean }) => {
  const { openEventStoreDbEventStore } = await import('@motcua/store-eventstoredb');
  try {
    return await openEventStoreDbEventStore({ connectionString: url.connectionString, namespace: url.namespace, ...options });
  } catch (error) {
    throw new CliError(`cannot open the event store ${url.display}: ${(error as Error).message}`);
  }
};

const openSqliteSource = (file: string) => {
  if (!existsSync(file)) throw new CliError(`no event store at ${resolve(file)}`);
  try {
    return openSqliteReadOnly(file);
  } catch (error) {
    throw new CliError(`cannot open the event store ${resolve(file)}: ${(error as Error).message}`);
  }
};
