import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_TEXT_DEPTH } from '@motcua/core';
import { charsetOf, firstInvalidUtf8Byte, readJsonBody } from './json-body.js';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

type Issue = { readonly field: string; readonly rule: string; readonly message: string };
/** The one issue of a refused body, or `undefined` for a body read. */
const issueOf = (contentType: string | undefined, bytes: Buffer): Issue | undefined => {
  const read = readJsonBody(contentType, bytes);
  if (!('problem' in read)) return undefined;
  return (read.problem['errors'] as Issue[] | undefined)?.[0] ?? { field: '', rule: String(read.problem.status), message: read.problem.detail ?? '' };
};

describe('readJsonBody', () => {
  it('reads a JSON body as JSON.parse does, and refuses what jsonTextFault finds (core), naming the field', () => {
    const text = '{"a":[1,{"b":"\\u0063"}],"\\u0063":null,"d":-1.5e308}';
    expect(readJsonBody('application/json', utf8(text))).toEqual({ value: JSON.parse(text) });
    expect(issueOf('application/json', utf8('{"feedbackId":"A","feedbackId":"B"}'))).toEqual({ field: 'feedbackId', rule: 'duplicate-member', message: 'is given twice in one object; send each member once' });
    expect(issueOf('application/json', utf8(`{"a":${'['.repeat(MAX_JSON_TEXT_DEPTH)}${']'.repeat(MAX_JSON_TEXT_DEPTH)}}`))).toMatchObject({ field: `a${'.0'.repeat(MAX_JSON_TEXT_DEPTH - 1)}`, rule: 'too-deep' });
    expect(issueOf('application/json', utf8('{"feeDong":1e400}'))).toMatchObject({ field: 'feeDong', rule: 'number-range' });
  });

  it('refuses a deep body, however deep, without overflowing the stack', () => {
    const text = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(issueOf('application/json', utf8(text))).toMatchObject({ rule: 'too-deep' });
  });

  it('keeps __proto__ as an own member, never as a prototype, for the routes to refuse like constructor', () => {
    const read = readJsonBody(undefined, utf8('{"__proto__":{"admin":true},"a":{"__proto__":null}}'));
    expect('value' in read).toBe(true);
    const value = (read as { value: Record<string, unknown> }).value;
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect((value as { admin?: unknown }).admin).toBeUndefined();
    expect(Object.keys(value['a'] as object)).toEqual(['__proto__']);
  });

  it('refuses an empty body and a body that is not JSON', () => {
    expect(issueOf('application/json', Buffer.alloc(0))).toMatchObject({ rule: 'json', message: 'the body is empty; send a JSON object' });
    expect(issueOf('application/json', utf8('{"a":'))).toMatchObject({ rule: 'json', message: 'the body is not valid JSON' });
  });
});

describe('the charset', () => {
  it('takes UTF-8 in any case, quoted or not, and no charset as UTF-8', () => {
    for (const type of [undefined, 'application/json', 'application/json; charset=utf-8', 'application/json;charset=UTF-8', 'application/json; Charset="Utf-8"', 'application/merge-patch+json; charset=utf-8; q=1']) {
      expect(readJsonBody(type, utf8('{"a":"Café"}')), String(type)).toEqual({ value: { a: 'Café' } });
    }
  });

  it('refuses any other charset with a 415 naming it, whatever the bytes', () => {
    for (const charset of ['iso-8859-1', 'latin1', 'utf-16', 'UTF-16LE', 'utf8', 'us-ascii', '"windows-1252"', '']) {
      const read = readJsonBody(`application/json; charset=${charset}`, utf8('{}'));
      expect(read, charset).toMatchObject({ problem: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: `send the body as UTF-8 JSON; charset=${charset.replace(/"/g, '')} is not taken` } });
    }
    expect(readJsonBody('application/json; charset=utf-8; charset=latin1', utf8('{}'))).toMatchObject({ problem: { status: 415 } });
  });

  it('reads the charset parameter alone', () => {
    expect(charsetOf('application/json')).toBeUndefined();
    expect(charsetOf('application/json; foo=bar')).toBeUndefined();
    expect(charsetOf('application/json; foo=bar; CHARSET = "ISO-8859-1" ')).toBe('ISO-8859-1');
  });
});

describe('UTF-8', () => {
  it('refuses invalid bytes naming the offset of the first, a U+FFFD sent as such before it notwithstanding', () => {
    const latin1 = Buffer.concat([utf8('{"a":"Caf'), Buffer.from([0xe9]), utf8('"}')]);
    expect(issueOf('application/json', latin1)).toEqual({ field: '', rule: 'utf-8', message: 'the body is not valid UTF-8 (first bad byte at offset 9)' });
    const utf16 = Buffer.from('\ufeff{"a":1}', 'utf16le');
    expect(issueOf(undefined, utf16)).toMatchObject({ rule: 'utf-8', message: 'the body is not valid UTF-8 (first bad byte at offset 0)' });
    expect(firstInvalidUtf8Byte(Buffer.concat([utf8('"\ufffdé'), Buffer.from([0xc3])]))).toBe(6);
  });

  it('names the first bad byte after any valid text', () => {
    const bad = fc.constantFrom([0x80], [0xbf], [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8], [0xff], [0xe2, 0x82], [0xf0, 0x9f, 0x98]);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), bad, fc.string({ unit: 'binary', maxLength: 5 }), (before, bytes, after) => {
        const body = Buffer.concat([utf8(before), Buffer.from(bytes), utf8(after)]);
        expect(issueOf('application/json', body)?.message).toBe(`the body is not valid UTF-8 (first bad byte at offset ${utf8(before).length})`);
      }),
    );
  });

  it('refuses a byte order mark rather than reading past it', () => {
    expect(issueOf('application/json', utf8('\ufeff{"a":1}'))).toEqual({ field: '', rule: 'utf-8', message: 'the body starts with a byte order mark; send UTF-8 JSON without one' });
  });
});
