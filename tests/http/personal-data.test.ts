import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dossierCode, head, receiveBody, seedEntities, startTestServer, type TestServer } from './support.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.app.close();
});

const post = async (path: string, body: unknown) =>
  server.app.inject({
    method: 'POST',
    url: path,
    headers: { ...(await bearer('receptionist')), 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

interface Problem {
  readonly code: string;
  readonly detail: string;
  readonly errors: readonly { field: string; rule: string; message: string }[];
}

describe('personal data stays out of the log, over HTTP', () => {
  it('refuses feedback whose summary holds a phone number with 400 naming the field, and writes nothing', async () => {
    // Given an empty log
    const before = await head(server.store);

    // When feedback is received with the citizen's phone number in its summary
    const phone = '0912 345 678';
    const response = await post('/feedback', { ...seedEntities.feedback.body, summary: `Công dân (SĐT ${phone}) phản ánh bị yêu cầu nộp thêm giấy tờ.` });

    // Then it is refused, naming the field and where such data belongs, without echoing the number
    expect(response.statusCode).toBe(400);
    const problem = response.json<Problem>();
    expect(problem.code).toBe('INVALID_INPUT');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'summary', rule: 'FreeText' })]);
    expect(problem.detail).toContain('summary: holds what looks like a phone number');
    expect(problem.detail).toContain('erasable personal-data store, not in the log (docs/personal-data.md)');
    expect(response.body).not.toContain(phone);
    // And nothing is written
    expect(await head(server.store)).toBe(before);
  });

  it('refuses a dossier whose applicant id is a citizen ID number, and writes nothing', async () => {
    const before = await head(server.store);
    const response = await post('/dossiers', receiveBody(dossierCode(9), { applicantId: '001099012345' }));
    expect(response.statusCode).toBe(400);
    expect(response.json<Problem>().errors).toEqual([
      expect.objectContaining({ field: 'applicantId', rule: 'SubjectId', message: expect.stringContaining('looks like a citizen ID number') }),
    ]);
    expect(await head(server.store)).toBe(before);
  });

  it('accepts the same feedback with a dossier code, an amount and an article in its summary', async () => {
    // The unit is left out: whether it exists is another check.
    const { unitId: _unit, ...feedback } = seedEntities.feedback.body;
    const response = await post('/feedback', {
      ...feedback,
      summary: `Hồ sơ ${dossierCode(1)} bị thu thêm 1.500.000 đồng, trái Điều 19 Nghị định 61/2018/NĐ-CP.`,
    });
    expect(response.statusCode, response.body).toBe(201);
  });
});
