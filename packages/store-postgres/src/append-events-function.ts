/**
 * `append_events`, the server-side function that appends a group of appends (schema version 3; see
 * docs/adr/0015-postgres-appends-in-one-statement.md). One call takes a group of appends as parallel
 * arrays (one entry per append; their events concatenated in order) and, in the caller's transaction:
 *
 * 1. locks the one row of `log_head` (`FOR UPDATE`): the only writer of the log until the commit, so
 *    positions become visible in the order they are handed out;
 * 2. for each append in turn, reads the stream's version and checks it against the expected one
 *    (NULL: any; 0: no stream), then the idempotency key;
 * 3. inserts an accepted append's events at the next positions, each with the SHA-256 of its
 *    content and of the hash before it, computed here over the same bytes as `computeEventHash` in
 *    packages/core/src/kernel/hash-chain.ts: `v1\n<previous>\n<position>\n<version>\n` then
 *    `<byte length>:<text>\n` for the stream id, type, data and metadata, all as UTF-8;
 * 4. moves the head, and returns one row per append: `outcome` 0 (appended), 1 (version conflict)
 *    or 2 (idempotency key used before), the stream's version before it, and its first position.
 *
 * A refused append writes nothing and the others of the group go on; an error (a text the database
 * cannot hold) aborts the whole statement, and the caller retries the group's appends one by one.
 * `$schema` stands for the quoted schema name.
 */
export const APPEND_EVENTS_FUNCTION = String.raw`
  CREATE OR REPLACE FUNCTION $schema.append_events(
    p_stream_ids       text[],
    p_expected         integer[],
    p_keys             text[],
    p_command_hashes   text[],
    p_counts           integer[],
    p_types            text[],
    p_data             text[],
    p_metadata         text[]
  ) RETURNS TABLE (outcome smallint, current_version integer, first_position bigint)
  LANGUAGE plpgsql AS $fn$
  DECLARE
    head_position bigint;
    head_hash     text;
    start_position bigint;
    i             integer;
    j             integer;
    k             integer := 0;
    n             integer;
    cur           integer;
    stream        text;
    stream_bytes  bytea;
    type_bytes    bytea;
    data_bytes    bytea;
    meta_bytes    bytea;
    previous      text[];
    hashes        text[];
  BEGIN
    SELECT h.last_position, h.last_hash INTO head_position, head_hash FROM $schema.log_head h FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'the log_head row is missing: the schema was damaged';
    END IF;
    start_position := head_position;
    FOR i IN 1 .. coalesce(array_length(p_stream_ids, 1), 0) LOOP
      stream := p_stream_ids[i];
      n := p_counts[i];
      SELECT coalesce(max(e.stream_version), 0) INTO cur FROM $schema.events e WHERE e.stream_id = stream;
      current_version := cur;
      first_position := head_position + 1;
      IF p_expected[i] IS NOT NULL AND p_expected[i] <> cur THEN
        outcome := 1;
      ELSIF p_keys[i] IS NOT NULL AND EXISTS (SELECT 1 FROM $schema.events e WHERE e.idempotency_key = p_keys[i]) THEN
        outcome := 2;
      ELSE
        outcome := 0;
        stream_bytes := convert_to(stream, 'UTF8');
        hashes := '{}';
        previous := '{}';
        FOR j IN 1 .. n LOOP
          type_bytes := convert_to(p_types[k + j], 'UTF8');
          data_bytes := convert_to(p_data[k + j], 'UTF8');
          meta_bytes := convert_to(p_metadata[k + j], 'UTF8');
          previous[j] := head_hash;
          head_position := head_position + 1;
          head_hash := encode(sha256(
            convert_to('v1' || E'\n' || head_hash || E'\n' || head_position || E'\n' || (cur + j) || E'\n'
                       || length(stream_bytes) || ':', 'UTF8') || stream_bytes
            || convert_to(E'\n' || length(type_bytes) || ':', 'UTF8') || type_bytes
            || convert_to(E'\n' || length(data_bytes) || ':', 'UTF8') || data_bytes
            || convert_to(E'\n' || length(meta_bytes) || ':', 'UTF8') || meta_bytes
            || convert_to(E'\n', 'UTF8')), 'hex');
          hashes[j] := head_hash;
        END LOOP;
        -- One INSERT for the append's events; the idempotency columns are set on its first event only.
        INSERT INTO $schema.events (global_position, stream_id, stream_version, type, data, metadata,
          idempotency_key, command_hash, idempotency_last_version, previous_hash, hash)
        SELECT first_position + u.o - 1, stream, cur + u.o::integer, u.t, u.d, u.m,
          CASE WHEN u.o = 1 THEN p_keys[i] END,
          CASE WHEN u.o = 1 AND p_keys[i] IS NOT NULL THEN p_command_hashes[i] END,
          CASE WHEN u.o = 1 AND p_keys[i] IS NOT NULL THEN cur + n END,
          u.ph, u.h
        FROM unnest(p_types[k + 1 : k + n], p_data[k + 1 : k + n], p_metadata[k + 1 : k + n], previous, hashes)
             WITH ORDINALITY AS u(t, d, m, ph, h, o);
      END IF;
      k := k + n;
      RETURN NEXT;
    END LOOP;
    IF head_position <> start_position THEN
      UPDATE $schema.log_head SET last_position = head_position, last_hash = head_hash;
    END IF;
  END
  $fn$;
`;

/**
 * `append_events` from schema version 4 on: as version 3, with one more argument, `p_stored_metadata`,
 * the text the `metadata` column keeps for each event (its compact form, stored-metadata.ts), or NULL
 * to keep the metadata text as hashed. The hash still covers `p_metadata`, the metadata JSON exactly
 * as appended. It also does less work per event: the hash input is built by one expression and
 * converted to UTF-8 once (the same bytes: conversion goes character by character), and the
 * idempotency lookup runs only for an append that has a key. The version 3 signature is dropped: a
 * process of an earlier version calling it gets an error instead of writing rows its readers would
 * take for damaged.
 */
export const APPEND_EVENTS_FUNCTION_V4 = String.raw`
  DROP FUNCTION IF EXISTS $schema.append_events(text[], integer[], text[], text[], integer[], text[], text[], text[]);
  CREATE OR REPLACE FUNCTION $schema.append_events(
    p_stream_ids       text[],
    p_expected         integer[],
    p_keys             text[],
    p_command_hashes   text[],
    p_counts           integer[],
    p_types            text[],
    p_data             text[],
    p_metadata         text[],
    p_stored_metadata  text[]
  ) RETURNS TABLE (outcome smallint, current_version integer, first_position bigint)
  LANGUAGE plpgsql AS $fn$
  DECLARE
    head_position  bigint;
    head_hash      text;
    start_position bigint;
    i              integer;
    j              integer;
    k              integer := 0;
    n              integer;
    cur            integer;
    stream         text;
    stream_length  integer;
    previous       text[];
    hashes         text[];
  BEGIN
    SELECT h.last_position, h.last_hash INTO head_position, head_hash FROM $schema.log_head h FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'the log_head row is missing: the schema was damaged';
    END IF;
    start_position := head_position;
    FOR i IN 1 .. coalesce(array_length(p_stream_ids, 1), 0) LOOP
      stream := p_stream_ids[i];
      n := p_counts[i];
      SELECT coalesce(max(e.stream_version), 0) INTO cur FROM $schema.events e WHERE e.stream_id = stream;
      current_version := cur;
      first_position := head_position + 1;
      outcome := 0;
      IF p_expected[i] IS NOT NULL AND p_expected[i] <> cur THEN
        outcome := 1;
      ELSIF p_keys[i] IS NOT NULL THEN
        IF EXISTS (SELECT 1 FROM $schema.events e WHERE e.idempotency_key = p_keys[i]) THEN
          outcome := 2;
        END IF;
      END IF;
      IF outcome = 0 THEN
        stream_length := octet_length(convert_to(stream, 'UTF8'));
        hashes := '{}';
        previous := '{}';
        FOR j IN 1 .. n LOOP
          previous[j] := head_hash;
          head_position := head_position + 1;
          head_hash := encode(sha256(convert_to(concat(
            'v1', E'\n', head_hash, E'\n', head_position, E'\n', cur + j, E'\n',
            stream_length, ':', stream, E'\n',
            octet_length(convert_to(p_types[k + j], 'UTF8')), ':', p_types[k + j], E'\n',
            octet_length(convert_to(p_data[k + j], 'UTF8')), ':', p_data[k + j], E'\n',
            octet_length(convert_to(p_metadata[k + j], 'UTF8')), ':', p_metadata[k + j], E'\n'), 'UTF8')), 'hex');
          hashes[j] := head_hash;
        END LOOP;
        -- One INSERT for the append's events; the idempotency columns are set on its first event only.
        INSERT INTO $schema.events (global_position, stream_id, stream_version, type, data, metadata,
          idempotency_key, command_hash, idempotency_last_version, previous_hash, hash)
        SELECT first_position + u.o - 1, stream, cur + u.o::integer, u.t, u.d, coalesce(u.sm, u.m),
          CASE WHEN u.o = 1 THEN p_keys[i] END,
          CASE WHEN u.o = 1 AND p_keys[i] IS NOT NULL THEN p_command_hashes[i] END,
          CASE WHEN u.o = 1 AND p_keys[i] IS NOT NULL THEN cur + n END,
          u.ph, u.h
        FROM unnest(p_types[k + 1 : k + n], p_data[k + 1 : k + n], p_metadata[k + 1 : k + n],
                    p_stored_metadata[k + 1 : k + n], previous, hashes)
             WITH ORDINALITY AS u(t, d, m, sm, ph, h, o);
      END IF;
      k := k + n;
      RETURN NEXT;
    END LOOP;
    IF head_position <> start_position THEN
      UPDATE $schema.log_head SET last_position = head_position, last_hash = head_hash;
    END IF;
  END
  $fn$;
`;

/**
 * `append_event`, in schema version 5 only (version 6 drops it): one append of one event, the
 * commonest call (a command's decision, or one caller alone on the store), with scalar arguments.
 * It does what `append_events` does for a group of one append of one event, with the same checks,
 * hash and row, and answers the same three columns, but the server neither parses nine arrays nor
 * walks a loop for it: measured on W1 it is the most part of what a lone append costs beyond its
 * commit (docs/adr/0015-postgres-appends-in-one-statement.md, "Schema 5"). `p_expected` NULL is any
 * version, 0 no stream. The idempotency columns are set only with a key, as `append_events` does.
 */
export const APPEND_EVENT_FUNCTION = String.raw`
  CREATE OR REPLACE FUNCTION $schema.append_event(
    p_stream_id        text,
    p_expected         integer,
    p_key              text,
    p_command_hash     text,
    p_type             text,
    p_data             text,
    p_metadata         text,
    p_stored_metadata  text,
    OUT outcome        smallint,
    OUT current_version integer,
    OUT first_position bigint
  ) LANGUAGE plpgsql AS $fn$
  DECLARE
    previous text;
    hash     text;
  BEGIN
    SELECT h.last_position + 1, h.last_hash INTO first_position, previous FROM $schema.log_head h FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'the log_head row is missing: the schema was damaged';
    END IF;
    -- A statement of its own, after the lock: it sees every append committed before this one.
    SELECT coalesce(max(e.stream_version), 0) INTO current_version FROM $schema.events e WHERE e.stream_id = p_stream_id;
    IF p_expected <> current_version THEN
      outcome := 1;
      RETURN;
    END IF;
    IF p_key IS NOT NULL AND EXISTS (SELECT 1 FROM $schema.events e WHERE e.idempotency_key = p_key) THEN
      outcome := 2;
      RETURN;
    END IF;
    hash := encode(sha256(convert_to(concat(
      'v1', E'\n', previous, E'\n', first_position, E'\n', current_version + 1, E'\n',
      octet_length(convert_to(p_stream_id, 'UTF8')), ':', p_stream_id, E'\n',
      octet_length(convert_to(p_type, 'UTF8')), ':', p_type, E'\n',
      octet_length(convert_to(p_data, 'UTF8')), ':', p_data, E'\n',
      octet_length(convert_to(p_metadata, 'UTF8')), ':', p_metadata, E'\n'), 'UTF8')), 'hex');
    INSERT INTO $schema.events (global_position, stream_id, stream_version, type, data, metadata,
      idempotency_key, command_hash, idempotency_last_version, previous_hash, hash)
    VALUES (first_position, p_stream_id, current_version + 1, p_type, p_data, coalesce(p_stored_metadata, p_metadata),
      p_key, CASE WHEN p_key IS NOT NULL THEN p_command_hash END, CASE WHEN p_key IS NOT NULL THEN current_version + 1 END,
      previous, hash);
    UPDATE $schema.log_head SET last_position = first_position, last_hash = hash;
    outcome := 0;
  END
  $fn$;
`;

/** What joins the texts of a group's events in one argument of `append_events` from schema version 6 on: U+001F, which no JSON text holds. */
export const EVENT_TEXT_SEPARATOR = '\u001f';

/**
 * `append_events` from schema version 6 on: as version 4, but each event's data, hashed metadata and
 * stored metadata come as three texts, the group's events joined by U+001F (`EVENT_TEXT_SEPARATOR`),
 * instead of three arrays. No JSON text holds that character raw (JSON escapes every control
 * character), so the server splits each text with `string_to_array` and the client joins them; an
 * array's literal, where the client escapes every quote of the JSON and the server unescapes it, cost
 * about a tenth of a W1 batch append (docs/adr/0015-postgres-appends-in-one-statement.md, "Schema 6").
 * The stored metadata is always given: the compact values, or the hashed text itself. A text split
 * into another number of pieces than the counts add up to aborts the statement. Types and stream ids
 * stay arrays: any string is a type. The version 4 signature is dropped, as version 4 dropped version
 * 3's, and so is `append_event`: one append is one plain statement from version 6 on
 * (append-statements.ts). `log_head` is analysed, so that the planner knows it holds one row: it then
 * keeps one generic plan for those statements instead of planning them at every call (about 0.3 ms).
 */
export const APPEND_EVENTS_FUNCTION_V6 = String.raw`
  DROP FUNCTION IF EXISTS $schema.append_events(text[], integer[], text[], text[], integer[], text[], text[], text[], text[]);
  DROP FUNCTION IF EXISTS $schema.append_event(text, integer, text, text, text, text, text, text);
  ANALYZE $schema.log_head;
  CREATE OR REPLACE FUNCTION $schema.append_events(
    p_stream_ids       text[],
    p_expected         integer[],
    p_keys             text[],
    p_command_hashes   text[],
    p_counts           integer[],
    p_types            text[],
    p_data             text,
    p_metadata         text,
    p_stored_metadata  text
  ) RETURNS TABLE (outcome smallint, current_version integer, first_position bigint)
  LANGUAGE plpgsql AS $fn$
  DECLARE
    head_position  bigint;
    head_hash      text;
    start_position bigint;
    i              integer;
    j              integer;
    k              integer := 0;
    n              integer;
    cur            integer;
    stream         text;
    stream_length  integer;
    total          integer;
    data           text[] := string_to_array(p_data, E'\x1f');
    metadata       text[] := string_to_array(p_metadata, E'\x1f');
    stored         text[] := string_to_array(p_stored_metadata, E'\x1f');
    previous       text[];
    hashes         text[];
  BEGIN
    SELECT coalesce(sum(c), 0) INTO total FROM unnest(p_counts) AS c;
    IF coalesce(array_length(p_types, 1), 0) <> total OR coalesce(array_length(data, 1), 0) <> total
       OR coalesce(array_length(metadata, 1), 0) <> total OR coalesce(array_length(stored, 1), 0) <> total THEN
      RAISE EXCEPTION 'append_events: % events counted, but % types, % data texts, % metadata texts and % stored metadata texts (a text holding U+001F?)',
        total, coalesce(array_length(p_types, 1), 0), coalesce(array_length(data, 1), 0), coalesce(array_length(metadata, 1), 0), coalesce(array_length(stored, 1), 0);
    END IF;
    SELECT h.last_position, h.last_hash INTO head_position, head_hash FROM $schema.log_head h FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'the log_head row is missing: the schema was damaged';
    END IF;
    start_position := head_position;
    FOR i IN 1 .. coalesce(array_length(p_stream_ids, 1), 0) LOOP
      stream := p_stream_ids[i];
      n := p_counts[i];
      SELECT coalesce(max(e.stream_version), 0) INTO cur FROM $schema.events e WHERE e.stream_id = stream;
      current_version := cur;
      first_position := head_position + 1;
      outcome := 0;
      IF p_expected[i] IS NOT NULL AND p_expected[i] <> cur THEN
        outcome := 1;
      ELSIF p_keys[i] IS NOT NULL THEN
        IF EXISTS (SELECT 1 FROM $schema.events e WHERE e.idempotency_key = p_keys[i]) THEN
          outcome := 2;
        END IF;
      END IF;
      IF outcome = 0 THEN
        stream_length := octet_length(convert_to(stream, 'UTF8'));
        hashes := '{}';
        previous := '{}';
        FOR j IN 1 .. n LOOP
          previous[j] := head_hash;
          head_position := head_position + 1;
          head_hash := encode(sha256(convert_to(concat(
            'v1', E'\n', head_hash, E'\n', head_position, E'\n', cur + j, E'\n',
            stream_length, ':', stream, E'\n',
            octet_length(convert_to(p_types[k + j], 'UTF8')), ':', p_types[k + j], E'\n',
            octet_length(convert_to(data[k + j], 'UTF8')), ':', data[k + j], E'\n',
            octet_length(convert_to(metadata[k + j], 'UTF8')), ':', metadata[k + j], E'\n'), 'UTF8')), 'hex');
          hashes[j] := head_hash;
        END LOOP;
        -- One INSERT for the append's events; the idempotency columns are set on its first event only.
        INSERT INTO $schema.events (global_position, stream_id, stream_version, type, data, metadata,
          idempotency_key, command_hash, idempotency_last_version, previous_hash, hash)
        SELECT first_position + u.o - 1, stream, cur + u.o::integer, u.t, u.d, u.sm,
          CASE WHEN u.o = 1 THEN p_keys[i] END,
          CASE WHEN u.o = 1 AND p_keys[i] IS NOT NULL THEN p_command_hashes[i] END,
          CASE WHEN u.o = 1 AND p_keys[i] IS NOT NULL THEN cur + n END,
          u.ph, u.h
        FROM unnest(p_types[k + 1 : k + n], data[k + 1 : k + n], stored[k + 1 : k + n], previous, hashes)
             WITH ORDINALITY AS u(t, d, sm, ph, h, o);
      END IF;
      k := k + n;
      RETURN NEXT;
    END LOOP;
    IF head_position <> start_position THEN
      UPDATE $schema.log_head SET last_position = head_position, last_hash = head_hash;
    END IF;
  END
  $fn$;
`;
