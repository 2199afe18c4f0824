import { documentKey, keyPart } from './document-key.js';

/**
 * Document keys that handlers build at every event, made once and given again: a build folds millions
 * of events that name the same few provinces, units, officers, days and dossiers, and a key given
 * again is the same string, which nothing concatenates again and whose document is looked up without
 * hashing it again. Each memo is a pure function's (it gives what the function would), and bounded.
 */

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

/**
 * `(tenantId, id) => documentKey(tenantId, kind, keyPart(id))` for a handler that builds such a key at
 * every event: the province's `<tenant>/<kind>/` is checked and built once per province in turn.
 */
export const keyOfId = (kind: string): ((tenantId: string, id: string) => string) => {
  let tenant = '';
  let prefix = '';
  return (tenantId, id) => {
    // An empty id is refused by `documentKey`; any other is one key part once escaped.
    if (id.length === 0) return documentKey(tenantId, kind, id);
    if (tenantId !== tenant) {
      prefix = `${documentKey(tenantId, kind)}/`;
      tenant = tenantId;
    }
    return prefix + keyPart(id);
  };
};

/** Per scope's prefix, the date asked for last and its key (a bounded memo). */
const lastDated = new Map<string, { date: string; key: string }>();

/**
 * `<prefix><date>`: a scope's month or day document, its prefix remembered (`rememberedKey`) and its
 * date a codec-checked day or month. The events of a scope come day after day, so the key asked for
 * is mostly the one asked for last.
 */
export const datedKey = (prefix: string, date: string): string => {
  let last = lastDated.get(prefix);
  if (last === undefined) {
    if (lastDated.size >= 16384) lastDated.clear();
    last = { date, key: `${prefix}${date}` };
    lastDated.set(prefix, last);
  } else if (last.date !== date) {
    last.date = date;
    last.key = `${prefix}${date}`;
  }
  return last.key;
};
