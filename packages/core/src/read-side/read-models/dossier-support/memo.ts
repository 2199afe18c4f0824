/**
 * What a handler works out from an event and the document it reads before the event, kept while the
 * engine evolves the event's keys: `touches` and each `evolve` of one event ask for it again, with the
 * same event and the same document object. A different event or document (another session) works it
 * out anew, so the handler stays a function of its arguments. Only the last answer is kept: the fold
 * asks for one event's at a time, and a table of every event seen would outlive them (the log's events
 * are kept alive by whoever holds the log, and each entry is work for the garbage collector).
 */
export const memoByEvent = <E extends object, B, R>(work: (event: E, before: B) => R): ((event: E, before: B) => R) => {
  let lastEvent: E | undefined;
  let lastBefore: B | undefined;
  let lastResult: R | undefined;
  return (event, before) => {
    if (lastEvent === event && lastBefore === before) return lastResult as R;
    const result = work(event, before);
    lastEvent = event;
    lastBefore = before;
    lastResult = result;
    return result;
  };
};
