import { upgradedStreamId } from './tenant.js';

/** One stream moved to its province-qualified id. */
export interface StreamIdRename {
  readonly from: string;
  readonly to: string;
}

/**
 * The renames that move the streams of a log written before stream ids named the province
 * (`dossier-<code>`) to their province's ids (`dossier-<province>:<code>`), given each distinct
 * (stream id, tenantId of an event in it) pair of the log. A stream whose id or province is not of
 * that shape keeps its id. Throws, naming the stream, when one stream holds events of two provinces
 * (no single province's stream can take it whole) or when a new id is already taken: the operator
 * must look at such a log before it is upgraded (docs/adr/0011-province-in-stream-ids.md).
 */
export const planStreamIdUpgrade = (pairs: Iterable<readonly [streamId: string, tenantId: unknown]>): StreamIdRename[] => {
  const tenants = new Map<string, Set<unknown>>();
  for (const [streamId, tenantId] of pairs) {
    let seen = tenants.get(streamId);
    if (seen === undefined) tenants.set(streamId, (seen = new Set()));
    seen.add(tenantId);
  }
  const renames: StreamIdRename[] = [];
  for (const [from, seen] of tenants) {
    const targets = new Set([...seen].map((tenantId) => upgradedStreamId(from, tenantId)));
    if (targets.size === 1 && targets.has(undefined)) continue;
    if (seen.size > 1) {
      throw new Error(
        `stream ${from} holds events of more than one province (${[...seen].map((t) => JSON.stringify(t)).join(', ')}): it cannot be moved to one province's stream id`,
      );
    }
    const to = [...targets][0] as string;
    if (tenants.has(to)) throw new Error(`stream ${from} would move to ${to}, which the log already holds`);
    renames.push({ from, to });
  }
  return renames;
};
