/**
 * Counter documents: named counts where a missing counter is 0, so a document holds only the
 * counters that are not (and is deleted when none is left).
 */
type CountRecord = Partial<Record<string, number>>;

/** `counts` plus `deltas`, a counter that comes to 0 left out. */
export const addCounts = <C extends CountRecord>(counts: Readonly<C> | undefined, deltas: Iterable<readonly [name: keyof C & string, delta: number]>): C => {
  const next: CountRecord = { ...counts };
  let zeros = false;
  for (const [name, delta] of deltas) {
    const value = (next[name] ?? 0) + delta;
    next[name] = value;
    if (value === 0) zeros = true;
  }
  if (!zeros) return next as C;
  // Rebuilt rather than `delete`d: an object with a property deleted is slower to read and copy.
  const kept: CountRecord = {};
  for (const name in next) {
    const value = next[name];
    if (value !== 0) kept[name] = value;
  }
  return kept as C;
};

/** Counters summed over documents; undefined when there are none. */
export const sumCounts = <C extends CountRecord>(all: Iterable<Readonly<C>>): C | undefined => {
  let sum: CountRecord | undefined;
  for (const counts of all) {
    sum ??= {};
    for (const [name, count] of Object.entries(counts)) if (count !== undefined) sum[name] = (sum[name] ?? 0) + count;
  }
  return sum as C | undefined;
};
