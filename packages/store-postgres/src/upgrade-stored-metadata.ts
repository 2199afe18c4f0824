import type { PoolClient } from 'pg';
import { compactMetadataJsonOfText } from '@motcua/core';

const PAGE = 1000;

/**
 * Rewrites the metadata of the events written before schema version 4 into the compact form
 * (stored-metadata.ts) wherever it gives back the very text that was hashed; any other metadata
 * (another shape, a row edited by hand) stays as it stands, which readers and `verify()` take as
 * before. Every hash, position and stream stays as it was, so `verify()` gives the same report. Runs
 * inside the migration's transaction: every row moves or none.
 */
export const upgradeStoredMetadata = async (client: PoolClient, quotedSchema: string): Promise<void> => {
  for (let after = '-9223372036854775808'; ; ) {
    const { rows } = await client.query<{ global_position: string; metadata: string }>(
      `SELECT global_position, metadata FROM ${quotedSchema}.events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      [after, PAGE],
    );
    const positions: string[] = [];
    const compact: string[] = [];
    for (const row of rows) {
      const stored = compactMetadataJsonOfText(row.metadata);
      if (stored === undefined) continue;
      positions.push(row.global_position);
      compact.push(stored);
    }
    if (positions.length > 0) {
      await client.query(
        `UPDATE ${quotedSchema}.events AS e SET metadata = m.metadata
         FROM unnest($1::bigint[], $2::text[]) AS m(global_position, metadata) WHERE e.global_position = m.global_position`,
        [positions, compact],
      );
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.global_position;
  }
};
