/**
 * A document a projection evolved that cannot be stored as JSON (a `BigInt`, a cycle, a function or a
 * `toJSON` that throws). Every document store writes documents with `documentText`, before it changes
 * any row, so a commit holding one changes nothing and throws this; the engine then folds the events
 * again checking each document as it is evolved, and the event that gave it fails its province as a
 * throwing handler does (docs/read-side.md, "A province that fails").
 */
export class DocumentNotStorable extends Error {
  constructor(
    readonly projection: string,
    readonly key: string,
    reason: string,
  ) {
    super(`projection ${projection}: document ${JSON.stringify(key)} is not a JSON value (${reason})`);
    this.name = 'DocumentNotStorable';
  }
}

/** A document as its store keeps it: JSON text, or `DocumentNotStorable`. */
export const documentText = (projection: string, key: string, document: unknown): string => {
  let text: string | undefined;
  try {
    text = JSON.stringify(document) as string | undefined;
  } catch (error) {
    throw new DocumentNotStorable(projection, key, error instanceof Error ? error.message : String(error));
  }
  if (text === undefined) throw new DocumentNotStorable(projection, key, `JSON has no ${typeof document}`);
  return text;
};
