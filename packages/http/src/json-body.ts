import { jsonTextFault } from '@motcua/core';
import { httpProblems, problem, type Problem } from './problem.js';

/** A body refused while it was read: the problem it is answered with (see `problemOfError` in server.ts). */
export class BodyRefused extends Error {
  readonly statusCode: number;
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.statusCode = problem.status;
  }
}

/** What the body of a JSON request holds, or why it was refused. */
export type JsonBody = { readonly value: unknown } | { readonly problem: Problem };

/**
 * Reads a JSON body exactly as its bytes say, or refuses it: the log keeps what a client sent, so a
 * body is never decoded leniently nor read one way among several (RFC 8259 §8.1, §4).
 * - The charset, when given, must be UTF-8 (415 otherwise): JSON exchanged between systems is UTF-8.
 * - The bytes must be UTF-8: an invalid sequence is a 400 naming its offset, never U+FFFD in the record.
 * - A byte order mark is refused rather than stripped: RFC 8259 forbids sending one, and refusing keeps
 *   the one rule "the body is the JSON text".
 * - The text must parse, then `jsonTextFault` (@motcua/core) refuses what `JSON.parse` lets through
 *   silently: a member given twice, nesting past `MAX_JSON_TEXT_DEPTH`, a number past the largest double.
 * `__proto__` is kept as an own member (JSON.parse never changes a prototype), so the routes refuse
 * it as they refuse `constructor`: the codecs' reserved-name check, or a route's unknown-field check.
 */
export const readJsonBody = (contentType: string | undefined, bytes: Buffer): JsonBody => {
  const charset = charsetOf(contentType ?? '');
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
    return { problem: problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', `send the body as UTF-8 JSON; charset=${charset} is not taken`) };
  }
  if (bytes.length === 0) return { problem: httpProblems.invalidInput('', 'json', 'the body is empty; send a JSON object') };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { problem: httpProblems.invalidInput('', 'utf-8', 'the body starts with a byte order mark; send UTF-8 JSON without one') };
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { problem: httpProblems.invalidInput('', 'utf-8', `the body is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8Byte(bytes)})`) };
  }
  let value: unknown;
  try {
    // Without a reviver: V8 parses iteratively, so no nesting overflows the stack here.
    value = JSON.parse(text);
  } catch {
    return { problem: httpProblems.invalidInput('', 'json', 'the body is not valid JSON') };
  }
  const fault = jsonTextFault(text);
  return fault === undefined ? { value } : { problem: httpProblems.invalidInput(fault.field, fault.rule, fault.message) };
};

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The `charset` parameter of a media type (unquoted), `undefined` without one. Parameters are split at
 * every `;`, quoted or not: a `;charset=` inside another parameter's quoted value is then read as a
 * charset too, which can only refuse a body, never let a wrong one in.
 */
export const charsetOf = (contentType: string): string | undefined => {
  let found: string | undefined;
  for (const parameter of contentType.split(';').slice(1)) {
    const equals = parameter.indexOf('=');
    if (equals < 0 || parameter.slice(0, equals).trim().toLowerCase() !== 'charset') continue;
    const value = parameter.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
    // Given twice, a charset other than UTF-8 in either refuses the body.
    if (found === undefined || found.toLowerCase() === 'utf-8') found = value;
  }
  return found;
};

/**
 * Offset of the first byte that is not part of a UTF-8 character (the bytes hold one, or the strict
 * decoder would have taken them). Only on the refusal path: lenient decoding turns each bad sequence into
 * U+FFFD and the valid text before it measures the offset; a U+FFFD the client really sent is skipped.
 */
export const firstInvalidUtf8Byte = (bytes: Buffer): number => {
  const lenient = bytes.toString('utf8');
  for (let index = lenient.indexOf('\ufffd'); index >= 0; index = lenient.indexOf('\ufffd', index + 1)) {
    const offset = Buffer.byteLength(lenient.slice(0, index), 'utf8');
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
  }
  return bytes.length;
};
