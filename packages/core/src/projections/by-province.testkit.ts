import type { RecordedEvent } from '../kernel/envelope.js';
import { parseProvinceStreamId, provinceStreamId, upgradedStreamId } from '../kernel/tenant.js';

/** A second province for laws over two: it uses the same unit, officer and dossier codes as the first. */
export const OTHER_PROVINCE = 'bac-kan';

/** The same stream in `tenantId`: its kind and id, that province's qualifier. */
export const streamIdInProvince = (streamId: string, tenantId: string): string => {
  const parsed = parseProvinceStreamId(streamId);
  const moved = parsed === undefined ? upgradedStreamId(streamId, tenantId) : provinceStreamId(parsed.kind, tenantId, parsed.id);
  if (moved === undefined) throw new Error(`cannot move stream ${streamId} to province ${tenantId}`);
  return moved;
};

/** The same event recorded for `tenantId`, on that province's stream of the same id. */
export const inProvince = (event: RecordedEvent, tenantId: string): RecordedEvent => ({
  ...event,
  metadata: { ...event.metadata, tenantId, streamId: streamIdInProvince(event.metadata.streamId, tenantId) },
});

/**
 * Two logs merged into one in the order `picks` draws them (each keeps its own order), renumbered as
 * one log's global positions.
 */
export const mergeLogs = (a: readonly RecordedEvent[], b: readonly RecordedEvent[], picks: readonly number[]): RecordedEvent[] => {
  const merged: RecordedEvent[] = [];
  let i = 0;
  let j = 0;
  let p = 0;
  while (i < a.length || j < b.length) {
    const fromA = j >= b.length || (i < a.length && (picks[p++ % Math.max(1, picks.length)] ?? 0) % 2 === 0);
    const event = fromA ? a[i++]! : b[j++]!;
    merged.push({ ...event, metadata: { ...event.metadata, globalPosition: merged.length + 1 } });
  }
  return merged;
};
