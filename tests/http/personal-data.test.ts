import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICANT, bearer, dossierCode, head, receiveBody, seedEntities, startTestServer, UNIT_A, vn, type TestServer } from './support.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.app.close();
});

const post = async (path: string, body: unknown, headers?: Record<string, string>) =>
  server.app.inject({
    method: 'POST',
    url: path,
    headers: { ...(headers ?? (await bearer('receptionist'))), 'content-type': 'application/json' },
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

  it('refuses a token whose sub is a citizen ID number with 401 saying what id is expected, and writes nothing', async () => {
    // Given a citizen whose identity provider put their CCCD number in sub
    const before = await head(server.store);
    const headers = await bearer('citizen', { sub: '001203004567' });

    // When they submit a dossier
    const submission = { occurredAt: vn('2026-03-02T09:00'), receivingUnitId: UNIT_A, procedureCode: '1.000894', channel: 'online', applicantId: APPLICANT, documents: ['Tờ khai đăng ký kết hôn (theo mẫu)'] };
    const response = await post(`/dossiers/${dossierCode(60)}/submission`, submission, headers);

    // Then the token is refused, saying what kind of id sub must be, without echoing the number
    expect(response.statusCode).toBe(401);
    expect(response.json<Problem>().detail).toContain("the token's sub looks like a citizen ID number");
    expect(response.json<Problem>().detail).toContain('an actor id must be an opaque id from the identity provider');
    expect(response.body).not.toContain('001203004567');
    // And nothing is written
    expect(await head(server.store)).toBe(before);
  });

  it('refuses a token whose sub is a personal name', async () => {
    const response = await post('/dossiers', receiveBody(dossierCode(62)), await bearer('receptionist', { sub: 'Nguyen Van An' }));
    expect(response.statusCode).toBe(401);
    expect(response.json<Problem>().detail).toContain("the token's sub looks like a personal name");
  });

  it('refuses an X-Correlation-Id holding a name, phone number and e-mail address with 400 naming the header, and writes nothing', async () => {
    const before = await head(server.store);
    const response = await post('/dossiers', receiveBody(dossierCode(61)), {
      ...(await bearer('receptionist')),
      'x-correlation-id': 'Nguyen Van An 0912345678 an@example.com',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<Problem>().code).toBe('INVALID_INPUT');
    expect(response.json<Problem>().errors).toEqual([expect.objectContaining({ field: 'X-Correlation-Id', rule: 'CorrelationId', message: expect.stringContaining('looks like an e-mail address') })]);
    expect(response.body).not.toContain('0912345678');
    expect(await head(server.store)).toBe(before);
  });

  it('refuses an X-Correlation-Id outside the opaque-id form, and keeps an opaque one as correlation and causation id', async () => {
    const refused = await post('/dossiers', receiveBody(dossierCode(63)), { ...(await bearer('receptionist')), 'x-correlation-id': 'a/b c' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Problem>().errors).toEqual([expect.objectContaining({ field: 'X-Correlation-Id', message: expect.stringContaining('1 to 128 letters, digits') })]);

    const accepted = await post('/dossiers', receiveBody(dossierCode(64)), { ...(await bearer('receptionist')), 'x-correlation-id': 'req-2026.03:02_0001' });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const [event] = (await server.store.readStream(server.desk.dossiers.streamId('thai-nguyen', dossierCode(64)))).events;
    expect(event?.metadata).toMatchObject({ correlationId: 'req-2026.03:02_0001', causationId: 'req-2026.03:02_0001' });
  });
});
