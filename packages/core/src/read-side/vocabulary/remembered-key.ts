/**
 * A key (or key prefix) made of three strings, remembered: every event builds the keys of a few units,
 * officers, days or dossiers, the same ones over and over. A remembered key is the same string at every
 * event, so nothing is concatenated and a look-up of its document hashes nothing. A pure function's
 * memo, bounded (emptied when it holds `limit` keys).
 */
export const rememberedKey = <A extends string, B extends string, C extends string>(key: (a: A, b: B, c: C) => string, limit = 16384) => {
  // By the first string, then the second, then the third: nested maps, so a look-up builds no string.
  let known = new Map<string, Map<string, Map<string, string>>>();
  let size = 0;
  // The keys of the first two strings asked for last (mostly the same: one province, one kind of key).
  let lastA: string | undefined;
  let lastB: string | undefined;
  let lastCs: Map<string, string> | undefined;
  return (a: A, b: B, c: C): string => {
    if (size >= limit) {
      known = new Map();
      size = 0;
      lastCs = undefined;
    }
    let cs = lastCs;
    if (a !== lastA || b !== lastB || cs === undefined) {
      let bs = known.get(a);
      if (bs === undefined) known.set(a, (bs = new Map()));
      cs = bs.get(b);
      if (cs === undefined) bs.set(b, (cs = new Map()));
      lastA = a;
      lastB = b;
      lastCs = cs;
    }
    let found = cs.get(c);
    if (found === undefined) {
      found = key(a, b, c);
      cs.set(c, found);
      size++;
    }
    return found;
  };
};
