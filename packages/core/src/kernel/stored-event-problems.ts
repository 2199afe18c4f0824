import type { EventStore } from './event-store.js';
import { eventHashProblems, type EventHashProblem } from './hash-chain.js';

/**
 * The events at `positions` (those a verdict rests on) checked where `store` holds them
 * (`eventHashProblems`): their rows and the rows after them read by position, a few whatever the size
 * of the log. Undefined when the store keeps no hash chain to check them against (no `chainRowsAt`).
 */
export const storedEventProblems = async (store: Pick<EventStore, 'chainRowsAt'>, positions: readonly number[]): Promise<readonly EventHashProblem[] | undefined> => {
  if (store.chainRowsAt === undefined) return undefined;
  const rows = await store.chainRowsAt([...new Set(positions.flatMap((p) => [p, p + 1]))]);
  return eventHashProblems((p) => rows.get(p), positions);
};
