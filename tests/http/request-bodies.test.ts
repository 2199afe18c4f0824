import { afterAll, beforeAll, describe, expect } from 'vitest';
import { it } from '@fast-check/vitest';
import { bearer, dossierCode, head, receiveBody, seed, startTestServer, type TestServer } from './support.js';

// A body is recorded exactly as its bytes say or refused with a problem saying why: never decoded
// leniently, never read one way among several (packages/http/src/json-body.ts).

let server: TestServer;
let system: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ webhooks: { allowHttp: true } });
  await seed(server);
  system = await bearer('system');
});

afterAll(async () => {
  await server.app.close();
});

type Problem = { readonly status: number; readonly code: string; readonly detail: string; readonly errors?: readonly { field: string; rule: string; message: string }[] };

/** Sends a body as given (bytes or text) and checks that a refused one appended nothing. */
const post = async (url: string, payload: string | Buffer, contentType = 'application/json', headers: Record<string, string> = system) => {
  const before = await head(server.store);
  const response = await server.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': contentType }, payload });
  if (response.statusCode >= 400) {
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(await head(server.store)).toBe(before);
  }
  return { status: response.statusCode, body: response.json() as Problem & Record<string, unknown> };
};

let next = 100;
const receipt = (extra: Record<string, unknown> = {}) => receiveBody(dossierCode(next++), extra);

describe('the charset of a body', () => {
  it('refuses a body in another charset with a 415 rather than recording it decoded as UTF-8', async () => {
    const latin1 = Buffer.from(JSON.stringify(receipt({ documents: ['Café'] })), 'latin1');
    const refused = await post('/dossiers', latin1, 'application/json; charset=iso-8859-1');
    expect(refused.status).toBe(415);
    expect(refused.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'send the body as UTF-8 JSON; charset=iso-8859-1 is not taken' });
    const utf16 = await post('/dossiers', Buffer.from(JSON.stringify(receipt()), 'utf16le'), 'application/json; charset=utf-16');
    expect(utf16.status).toBe(415);
  });

  it('refuses bytes that are not UTF-8, naming the first bad one, when no charset is given', async () => {
    const body = JSON.stringify(receipt({ documents: ['Caf'] }));
    const at = body.indexOf('Caf"') + 3;
    const bytes = Buffer.concat([Buffer.from(body.slice(0, at)), Buffer.from([0xe9]), Buffer.from(body.slice(at))]);
    const refused = await post('/dossiers', bytes);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: '', rule: 'utf-8', message: `the body is not valid UTF-8 (first bad byte at offset ${at})` }]);
  });

  it('records UTF-8 as sent, charset named in any case or not at all', async () => {
    for (const contentType of ['application/json', 'application/json; charset=UTF-8', 'application/json;charset="utf-8"']) {
      const body = receipt({ documents: ['Tờ khai đăng ký kết hôn (theo mẫu)', 'Café \ufffd'] });
      const taken = await post('/dossiers', Buffer.from(JSON.stringify(body), 'utf8'), contentType);
      expect(taken.status, contentType).toBe(201);
      expect((taken.body['events'] as { data: { documents: string[] } }[])[0]?.data.documents).toEqual(body.documents);
    }
  });

  it('refuses a byte order mark', async () => {
    const refused = await post('/dossiers', Buffer.from(`\ufeff${JSON.stringify(receipt())}`, 'utf8'));
    expect(refused.body.errors).toEqual([{ field: '', rule: 'utf-8', message: 'the body starts with a byte order mark; send UTF-8 JSON without one' }]);
  });
});
