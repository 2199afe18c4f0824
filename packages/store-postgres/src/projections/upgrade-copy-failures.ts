import type { PoolClient } from 'pg';
import { provinceFailuresOfWholeCopyFailure } from '@motcua/core';

/**
 * Moves the failure of each copy a version before failures per province stopped whole to the
 * province its failing event's stream names (docs/read-side.md, "A province that fails"): the copy
 * runs again from its checkpoint, just before that event, with that province failed, so the other
 * provinces' events after it are folded at last. A failure whose stream names no province, or that
 * cannot be read, keeps stopping its copy whole (`retry` or `rebuild` clear it, as before).
 * Runs inside the migration's transaction.
 */
export const upgradeWholeCopyFailures = async (client: PoolClient, quotedSchema: string): Promise<void> => {
  const { rows } = await client.query<{ copy_id: string; failure: string }>(
    `SELECT copy_id, failure FROM ${quotedSchema}.document_copies WHERE status = 'failed' AND failure IS NOT NULL`,
  );
  for (const { copy_id, failure } of rows) {
    const failures = provinceFailuresOfWholeCopyFailure(failure);
    if (failures === undefined) continue;
    await client.query(`UPDATE ${quotedSchema}.document_copies SET status = 'running', failure = NULL, province_failures = $1 WHERE copy_id = $2`, [failures, copy_id]);
  }
};
