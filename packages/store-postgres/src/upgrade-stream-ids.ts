import type { PoolClient } from 'pg';
import { planStreamIdUpgrade } from '@motcua/core';

/**
 * Moves the streams of a schema written before stream ids named the province (`dossier-<code>`) to
 * their province's ids (`dossier-<province>:<code>`), the province being each event's own
 * `tenantId`. Every moved row keeps the id its hash was computed over in `hashed_stream_id`, so
 * `verify()` still proves the chain and checks the move (docs/adr/0011-province-in-stream-ids.md).
 * Runs inside the migration's transaction: all streams move or none.
 */
export const upgradeStreamIds = async (client: PoolClient, quotedSchema: string): Promise<void> => {
  // Only a JSON string is a province: `->>` would turn a number into text.
  const { rows } = await client.query<{ stream_id: string; tenant_id: string | null }>(
    `SELECT DISTINCT stream_id,
       CASE WHEN json_typeof(metadata::json -> 'tenantId') = 'string' THEN metadata::json ->> 'tenantId' END AS tenant_id
     FROM ${quotedSchema}.events`,
  );
  const renames = planStreamIdUpgrade(rows.map((row) => [row.stream_id, row.tenant_id ?? undefined] as const));
  if (renames.length === 0) return;
  await client.query(
    `UPDATE ${quotedSchema}.events AS e SET hashed_stream_id = e.stream_id, stream_id = m.to_id
     FROM unnest($1::text[], $2::text[]) AS m(from_id, to_id) WHERE e.stream_id = m.from_id`,
    [renames.map((r) => r.from), renames.map((r) => r.to)],
  );
};
