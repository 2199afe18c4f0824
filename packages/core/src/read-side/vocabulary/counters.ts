/**
 * Counter documents: named counts where a missing counter is 0, so a document holds only the
 * counters that are not (and is deleted when none is left).
 */
type CountRecord = Partial<Record<string, number>>;

/** `counts` plus `deltas`, a counter that comes to 0 left out. */
export const addCounts = <C extends CountRecord>(counts: Readonly<C> | undefined, deltas: Iterable<readonly [name: keyof C & string, delta: number]>): C => {
  const next: CountRecord = { ...counts };
  for (const [name, delta] of deltas) {
    const value = (next[name] ?? 0) + delta;
    if (value === 0) delete next[name];
    else next[name] = value;
  }
  return next as C;
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
