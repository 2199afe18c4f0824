import type Database from 'better-sqlite3';
import { provinceFailuresOfWholeCopyFailure } from '@motcua/core';

/**
 * Moves the failure of each copy a version before failures per province stopped whole to the
 * province its failing event's stream names (docs/read-side.md, "A province that fails"): the copy
 * runs again from its checkpoint, just before that event, with that province failed, so the other
 * provinces' events after it are folded at last. A failure whose stream names no province, or that
 * cannot be read, keeps stopping its copy whole (`retry` or `rebuild` clear it, as before).
 * Runs inside the migration's transaction.
 */
export const upgradeWholeCopyFailures = (db: Database.Database): void => {
  const stopped = db.prepare("SELECT copy_id, failure FROM document_copies WHERE status = 'failed' AND failure IS NOT NULL").all() as {
    copy_id: number;
    failure: string;
  }[];
  const move = db.prepare("UPDATE document_copies SET status = 'running', failure = NULL, province_failures = ? WHERE copy_id = ?");
  for (const { copy_id, failure } of stopped) {
    const failures = provinceFailuresOfWholeCopyFailure(failure);
    if (failures !== undefined) move.run(failures, copy_id);
  }
};
