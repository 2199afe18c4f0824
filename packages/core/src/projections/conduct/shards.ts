/**
 * A JSON map from key to value, split into 32 × 32 buckets of `[key, value]` pairs by a hash of the
 * key. Handlers must not mutate state, and copying one flat object of every incident or dossier per
 * event would make a build quadratic (and objects with many keys copy slowly); here an update copies
 * two arrays of 32 and one small bucket.
 */
export type Bucket<V> = readonly (readonly [key: string, value: V])[];
export type Shards<V> = readonly (readonly (Bucket<V> | null)[] | null)[];

const FAN_OUT = 32;

/** FNV-1a, 32 bits: stable across runs, so rebuilt state has the same layout. */
const hash = (key: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

const nulls = <T>(): (T | null)[] => new Array<T | null>(FAN_OUT).fill(null);

export const getIn = <V>(shards: Shards<V>, key: string): V | undefined => {
  const h = hash(key);
  const bucket = shards[h % FAN_OUT]?.[(h >>> 5) % FAN_OUT];
  if (bucket === null || bucket === undefined) return undefined;
  for (const [k, value] of bucket) if (k === key) return value;
  return undefined;
};

export const setIn = <V>(shards: Shards<V>, key: string, value: V): Shards<V> => {
  const h = hash(key);
  const a = h % FAN_OUT;
  const b = (h >>> 5) % FAN_OUT;
  const outer = shards.length === 0 ? nulls<readonly (Bucket<V> | null)[]>() : shards.slice();
  const inner = (outer[a] ?? nulls<Bucket<V>>()).slice();
  const bucket = (inner[b] ?? []).slice();
  const index = bucket.findIndex(([k]) => k === key);
  if (index < 0) bucket.push([key, value]);
  else bucket[index] = [key, value];
  inner[b] = bucket;
  outer[a] = inner;
  return outer;
};

/** Applies `change` to the value at `key` (or to `initial` when absent). */
export const updateIn = <V>(shards: Shards<V>, key: string, initial: V, change: (value: V) => V): Shards<V> =>
  setIn(shards, key, change(getIn(shards, key) ?? initial));

export function* entriesOf<V>(shards: Shards<V>): Generator<readonly [string, V]> {
  for (const inner of shards) {
    if (inner === null) continue;
    for (const bucket of inner) if (bucket !== null) yield* bucket;
  }
}
