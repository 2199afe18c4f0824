/**
 * The plain statements that append one stream's events without a function (schema version 6; see
 * docs/adr/0015-postgres-appends-in-one-statement.md, "One append as one statement"): the commonest
 * appends (a command's decision, a stream written whole, one caller alone on the store), whose cost
 * `append_events`' PL/pgSQL work dominated, since PL/pgSQL prepares each expression and statement it
 * reaches once per transaction. `$schema` stands for the quoted schema name.
 *
 * Parameters: `$1` stream id, `$2` expected version (NULL any, 0 no stream), `$3` idempotency key, `$4`
 * command hash; then the events: `$5` types, `$6` data, `$7` metadata as hashed and `$8` the metadata
 * column's text, one event's texts in `ONE_EVENT_STATEMENT`, several events' joined by U+001F
 * (`EVENT_TEXT_SEPARATOR`) in `ONE_APPEND_STATEMENT`, as `append_events` takes them. Each answers one
 * row: the stream's version as the statement saw it, and the position of the append's last event, NULL
 * when it wrote nothing.
 *
 * `head` locks the `log_head` row and, in READ COMMITTED, answers its newest version once the lock is
 * granted: positions and the previous hash are always right. The stream's version and the key's use
 * are read with the statement's snapshot, taken before the lock was granted, so they may miss an
 * append committed meanwhile. That append holds the version this one would take first (versions have
 * no gaps) or the key, so the insert breaks a UNIQUE index and the statement fails with 23505, writing
 * nothing; and a check failed on such a snapshot may be wrong. So the store takes only written rows as
 * the answer: when nothing was written or an index refused a row, `append_events` decides, with every
 * check in a statement of its own after the lock (log-writer.ts).
 */

/**
 * The SQL of an event's hash over the bytes `computeEventHash` hashes (packages/core/src/kernel/hash-chain.ts),
 * as `append_events` builds them: `v1\n<previous>\n<position>\n<version>\n` then `<byte length>:<text>\n`
 * for the stream id, type, data and metadata, all as UTF-8. Each argument is an SQL expression.
 */
const eventHash = (e: { previous: string; position: string; version: string; type: string; data: string; metadata: string }): string => `
  encode(sha256(convert_to(concat(
    'v1', E'\\n', ${e.previous}, E'\\n', ${e.position}, E'\\n', ${e.version}, E'\\n',
    octet_length(convert_to($1::text, 'UTF8')), ':', $1::text, E'\\n',
    octet_length(convert_to(${e.type}, 'UTF8')), ':', ${e.type}, E'\\n',
    octet_length(convert_to(${e.data}, 'UTF8')), ':', ${e.data}, E'\\n',
    octet_length(convert_to(${e.metadata}, 'UTF8')), ':', ${e.metadata}, E'\\n'), 'UTF8')), 'hex')`;

const HEAD = `head AS (SELECT h.last_position AS position, h.last_hash AS hash FROM $schema.log_head h FOR UPDATE)`;
const CURRENT = `cur AS (SELECT coalesce(max(e.stream_version), 0) AS version FROM $schema.events e WHERE e.stream_id = $1::text)`;
const CHECKS = `($2::integer IS NULL OR $2::integer = cur.version)
      AND ($3::text IS NULL OR NOT EXISTS (SELECT 1 FROM $schema.events e WHERE e.idempotency_key = $3::text))`;
const INSERT = `INSERT INTO $schema.events (global_position, stream_id, stream_version, type, data, metadata,
      idempotency_key, command_hash, idempotency_last_version, previous_hash, hash)`;
const ANSWER = `SELECT cur.version, moved.last_position::text FROM cur LEFT JOIN moved ON true`;

/** One append of one event: the hash in the INSERT, the head moved to the inserted row. */
export const ONE_EVENT_STATEMENT = `
  WITH ${HEAD}, ${CURRENT}, inserted AS (
    ${INSERT}
    SELECT head.position + 1, $1::text, cur.version + 1, $5::text, $6::text, $8::text,
      $3::text, CASE WHEN $3::text IS NOT NULL THEN $4::text END, CASE WHEN $3::text IS NOT NULL THEN cur.version + 1 END,
      head.hash, ${eventHash({ previous: 'head.hash', position: 'head.position + 1', version: 'cur.version + 1', type: '$5::text', data: '$6::text', metadata: '$7::text' })}
    FROM head, cur
    WHERE ${CHECKS}
    RETURNING global_position, hash
  ), moved AS (
    UPDATE $schema.log_head h SET last_position = inserted.global_position, last_hash = inserted.hash
    FROM inserted RETURNING h.last_position
  )
  ${ANSWER}
`;

/**
 * One append of several events: `chain` hashes them one after the other from the head (a recursive
 * CTE: each hash covers the one before). Texts that do not split into one piece per type write
 * nothing, and `append_events` refuses them by name.
 */
export const ONE_APPEND_STATEMENT = `
  WITH RECURSIVE ${HEAD}, ${CURRENT}, ev AS (
    SELECT u.t, u.d, u.m, u.sm, u.o::integer AS o
    FROM unnest($5::text[], string_to_array($6::text, E'\\x1f'), string_to_array($7::text, E'\\x1f'), string_to_array($8::text, E'\\x1f'))
      WITH ORDINALITY AS u(t, d, m, sm, o)
  ), chain AS (
    SELECT 0 AS o, head.position, cur.version, head.hash, NULL::text AS previous FROM head, cur
    WHERE ${CHECKS}
      AND NOT EXISTS (SELECT 1 FROM ev WHERE ev.t IS NULL OR ev.d IS NULL OR ev.m IS NULL OR ev.sm IS NULL)
    UNION ALL
    SELECT c.o + 1, c.position + 1, c.version + 1,
      ${eventHash({ previous: 'c.hash', position: 'c.position + 1', version: 'c.version + 1', type: 'ev.t', data: 'ev.d', metadata: 'ev.m' })},
      c.hash
    FROM chain c JOIN ev ON ev.o = c.o + 1
  ), inserted AS (
    ${INSERT}
    SELECT c.position, $1::text, c.version, ev.t, ev.d, ev.sm,
      CASE WHEN c.o = 1 THEN $3::text END,
      CASE WHEN c.o = 1 AND $3::text IS NOT NULL THEN $4::text END,
      CASE WHEN c.o = 1 AND $3::text IS NOT NULL THEN c.version - 1 + cardinality($5::text[]) END,
      c.previous, c.hash
    FROM chain c JOIN ev ON ev.o = c.o
    RETURNING global_position, hash
  ), moved AS (
    UPDATE $schema.log_head h SET last_position = last.global_position, last_hash = last.hash
    FROM (SELECT global_position, hash FROM inserted ORDER BY global_position DESC LIMIT 1) last
    RETURNING h.last_position
  )
  ${ANSWER}
`;
