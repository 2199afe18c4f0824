/**
 * The store's reads as named statements: `pg` prepares each once per connection and then only binds
 * and executes it, and rows come back as arrays (no object per row). Names carry the schema, since
 * one pool may serve stores in several schemas. Positions come as text: `pg` hands text over as it
 * is, where it checks every bigint's digits with a regular expression before handing over the same
 * text, and the store turns them into numbers itself.
 */
export interface NamedStatement {
  readonly name: string;
  readonly text: string;
}

/** `global_position` (bigint, as text), `stream_version`, `type`, `data`, `metadata` (stored-metadata.ts). */
export type StreamRow = [globalPosition: string, streamVersion: number, type: string, data: string, metadata: string];

/** `global_position`, `stream_id`, `stream_version`, `type`, `data`, `metadata`, and for a filtered page the head. */
export type LogRow = [
  globalPosition: string | null,
  streamId: string,
  streamVersion: number,
  type: string,
  data: string,
  metadata: string,
  head?: string | null,
];

export interface ReadStatements {
  /** A whole stream in version order ($1 stream id). */
  readonly wholeStream: NamedStatement;
  /** The current version, then the stream's events from $2, at most $3 (NULL: all), in one snapshot. */
  readonly streamFrom: NamedStatement;
  /** The log after position $1, at most $2 events. */
  readonly page: NamedStatement;
  /** The log's events of the types $3 after position $1, at most $2, each row with the head position. */
  readonly pageOfTypes: NamedStatement;
}

/** The statements for a schema (`quoted`: its quoted name). */
export const readStatements = (quoted: string): ReadStatements => {
  const named = (name: string, text: string): NamedStatement => ({ name: `motcua.${name} ${quoted}`, text });
  return {
    wholeStream: named(
      'stream',
      `SELECT e.global_position::text, e.stream_version, e.type, e.data, e.metadata FROM ${quoted}.events e WHERE e.stream_id = $1 ORDER BY e.stream_version`,
    ),
    streamFrom: named(
      'stream_from',
      `SELECT v.current, e.global_position::text, e.stream_version, e.type, e.data, e.metadata
       FROM (SELECT coalesce(max(stream_version), 0)::int AS current FROM ${quoted}.events WHERE stream_id = $1) v
       LEFT JOIN LATERAL (
         SELECT global_position, stream_version, type, data, metadata FROM ${quoted}.events
         WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version LIMIT $3
       ) e ON true`,
    ),
    page: named(
      'page',
      `SELECT e.global_position::text, e.stream_id, e.stream_version, e.type, e.data, e.metadata FROM ${quoted}.events e
       WHERE e.global_position > $1 ORDER BY e.global_position LIMIT $2`,
    ),
    pageOfTypes: named(
      'page_of_types',
      `SELECT e.global_position::text, e.stream_id, e.stream_version, e.type, e.data, e.metadata, h.head::text FROM
         (SELECT max(global_position) AS head FROM ${quoted}.events) h
         LEFT JOIN LATERAL (SELECT * FROM ${quoted}.events
           WHERE global_position > $1 AND type = ANY($3::text[]) ORDER BY global_position LIMIT $2) e ON true`,
    ),
  };
};
