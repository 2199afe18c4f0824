import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, seed, seedEntities, startTestServer, type TestServer } from './support.js';

let server: TestServer;
let system: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  await seed(server);
  system = { ...(await bearer('system')), 'content-type': 'application/json' };
});

afterAll(async () => {
  await server.app.close();
});

const postFeedback = (occurredAt: string, query = '') =>
  server.app.inject({
    method: 'POST',
    url: `/feedback${query}`,
    headers: system,
    payload: JSON.stringify({ ...seedEntities.feedback.body, feedbackId: `FB-${occurredAt.slice(0, 4)}${query === '' ? '' : '-r'}`, occurredAt }),
  });

describe('a command dated before the calendar', () => {
  it.each(['', '?mode=record'])('is refused with 422 naming the earliest accepted date, and the server keeps answering (%s)', async (query) => {
    // Given a feedback dated in year 1
    const response = await postFeedback('0001-01-01T09:00:00+07:00', query);
    // Then it is refused at once, saying from when facts are accepted
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'OCCURRED_BEFORE_CALENDAR', detail: expect.stringContaining('earliest accepted date is 1976-01-01') });
    expect((await server.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
