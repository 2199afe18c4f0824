/**
 * What a handler works out from an event and the document it reads before the event, kept while the
 * engine evolves the event's keys: `touches` and each `evolve` of one event ask for it again, with the
 * same event and the same document object. A different document (another session) works it out anew,
 * so the handler stays a function of its arguments.
 */
export const memoByEvent = <E extends object, B, R>(work: (event: E, before: B) => R): ((event: E, before: B) => R) => {
  const cache = new WeakMap<E, { readonly before: B; readonly result: R }>();
  return (event, before) => {
    const hit = cache.get(event);
    if (hit !== undefined && hit.before === before) return hit.result;
    const result = work(event, before);
    cache.set(event, { before, result });
    return result;
  };
};
