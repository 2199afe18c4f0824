import { afterAll, beforeAll, describe, expect } from 'vitest';
import { it, fc } from '@fast-check/vitest';
import { commandRoutes, STREAM_ROUTES } from '@motcua/http';
import { bearer, dossierCode, head, receiveBody, seed, seedEntities, startTestServer, type TestServer } from './support.js';

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

describe('ambiguous JSON', () => {
  it('refuses a duplicated member, naming it, instead of taking the last', async () => {
    const feedback = JSON.stringify({ ...seedEntities.feedback.body, feedbackId: 'B' }).replace('{', '{"feedbackId":"A",');
    const refused = await post('/feedback', feedback);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'INVALID_INPUT', detail: 'feedbackId: is given twice in one object; send each member once' });
    expect(refused.body.errors).toEqual([{ field: 'feedbackId', rule: 'duplicate-member', message: 'is given twice in one object; send each member once' }]);
  });

  it.prop([fc.constantFrom(...Object.keys(receiveBody(dossierCode(1)))), fc.jsonValue({ maxDepth: 2 }), fc.boolean()])(
    'refuses a receipt with any of its members given twice, whichever comes first',
    async (name, value, first) => {
      const body = receipt();
      const member = `${JSON.stringify(name)}:${JSON.stringify(value)}`;
      const text = JSON.stringify(body);
      const refused = await post('/dossiers', first ? `{${member},${text.slice(1)}` : `${text.slice(0, -1)},${member}}`);
      expect(refused.body.errors).toEqual([{ field: name, rule: 'duplicate-member', message: 'is given twice in one object; send each member once' }]);
    },
  );

  it('refuses __proto__ wherever constructor is refused, as constructor is', async () => {
    const routes = commandRoutes();
    const ids: Record<string, string> = Object.fromEntries(STREAM_ROUTES.map((stream) => [stream.collection, Object.values(seedEntities).find((entity) => entity.path === `/${stream.collection}`)?.id ?? 'x']));
    for (const route of routes) {
      const url = route.path.replace(/\{[^}]+\}/, encodeURIComponent(ids[route.stream.collection] ?? 'x'));
      const answers = [];
      for (const name of ['constructor', '__proto__']) {
        const { status, body } = await post(url, `{"${name}":{"admin":true}}`);
        answers.push({ status, errors: body.errors?.filter((error) => error.field === name).map((error) => ({ ...error, field: 'reserved' })) });
      }
      expect(answers[1], url).toEqual(answers[0]);
      expect(answers[0]?.errors?.[0]?.rule, url).toBe('reserved-name');
    }
    const nested = await post('/dossiers', JSON.stringify(receipt()).replace('{', '{"__proto__":{"feeDong":5},'));
    expect(nested.body.errors).toEqual([{ field: '__proto__', rule: 'reserved-name', message: 'is a reserved name, never a field of ReceiveDossier' }]);
    const subscription = await post('/webhooks/subscriptions', '{"url":"https://sms.example/hook","__proto__":{}}');
    expect(subscription.body.errors).toEqual([{ field: '__proto__', rule: 'unknown', message: 'is not a field of a subscription (url, types, statuses)' }]);
  });
});

describe('deep nesting', () => {
  it('refuses a body nesting deeper than 64 levels with its own message, however deep', async () => {
    for (const depth of [65, 3_000, 30_000]) {
      const refused = await post('/dossiers', '['.repeat(depth) + ']'.repeat(depth), 'application/merge-patch+json');
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: Array.from({ length: 64 }, () => '0').join('.'), rule: 'too-deep', message: 'nests deeper than 64 levels' }]);
    }
    const object = await post('/dossiers', JSON.stringify(receipt({ documents: 'D' })).replace('"D"', `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`));
    expect(object.body.detail).toBe(`documents.${Array.from({ length: 63 }, () => 'a').join('.')}: nests deeper than 64 levels`);
  });
});

describe('numbers out of range', () => {
  it('says a number past the largest double is out of range, rather than that it got null', async () => {
    const refused = await post('/dossiers', JSON.stringify(receipt({ feeDong: 0 })).replace('"feeDong":0', '"feeDong":1e400'));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'feeDong', rule: 'number-range', message: 'is out of range: 1e400 is beyond ±1.7976931348623157e308, the largest number JSON is read to' }]);
  });
});
