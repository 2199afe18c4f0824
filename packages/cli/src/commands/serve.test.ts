import { afterAll, describe, expect, it } from 'vitest';
import { runWith, tempDir } from '../cli.testkit.js';
import type { HttpModule } from './serve.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** A stand-in for @motcua/http with the same two exports, recording how serve uses them. */
const fakeHttp = () => {
  const calls: string[] = [];
  const tokens: { role: string; tenantId: string; subjectId?: string }[] = [];
  const module: HttpModule = {
    buildServer: ({ auth, readModels }) => {
      calls.push(`build:${auth.hs256Secret}`);
      calls.push(`read models:${(readModels ?? []).map((endpoint) => endpoint.readModel.name).join(',')}`);
      return {
        listen: async ({ host, port }) => {
          calls.push(`listen:${host}:${port}`);
          setImmediate(() => process.emit('SIGTERM', 'SIGTERM'));
          return `http://${host}:${port}`;
        },
        close: async () => void calls.push('close'),
      };
    },
    issueDevelopmentToken: async (secret, claims, ttl) => {
      tokens.push(claims);
      return `token-${claims.role}-${ttl}-${secret.length}`;
    },
  };
  return { module, calls, tokens };
};

describe('motcua serve', () => {
  it('seeds, listens, prints the docs and a token per role, and closes the server then the store on SIGTERM', async () => {
    const http = fakeHttp();
    const result = await runWith(
      { loadHttp: async () => http.module },
      '--db', tmp.file('serve.db'), 'serve', '--seed', '--months', '1', '--port', '3999', '--secret', 'a-test-secret',
    );
    expect(result.code).toBe(0);
    expect(http.calls).toEqual([
      'build:a-test-secret',
      'read models:unit-board,timeliness,circular01,sipas,service-index-766,incident-register,feedback-compliance,praise,officer-rating',
      'listen:127.0.0.1:3999',
      'close',
    ]);
    expect(result.out).toContain('http://127.0.0.1:3999/docs');
    expect(result.out).toContain('http://127.0.0.1:3999/openapi.json');
    expect(http.tokens.map((claims) => claims.role)).toEqual([
      'receptionist', 'processing-officer', 'unit-head', 'director', 'inspector', 'citizen', 'system',
    ]);
    expect(http.tokens.every((claims) => claims.tenantId === 'demo-thai-nguyen')).toBe(true);
    expect(http.tokens.find((claims) => claims.role === 'citizen')?.subjectId).toMatch(/^subject-/);
    expect(result.out).toMatch(/^ {2}citizen +token-citizen-12h-13$/m);
    expect(result.err).toMatch(/SIGTERM: closing the server, then the store/);
  }, 60_000);

  it('says so when the port is taken, and closes what it opened', async () => {
    const calls: string[] = [];
    const http: HttpModule = {
      buildServer: () => ({
        listen: async () => {
          throw Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
        },
        close: async () => void calls.push('close'),
      }),
      issueDevelopmentToken: async () => 'token',
    };
    const result = await runWith({ loadHttp: async () => http }, '--db', tmp.file('busy.db'), 'serve', '--port', '3000');
    expect(result).toMatchObject({ code: 1, err: 'motcua: port 3000 on 127.0.0.1 is in use: pass another --port (0 takes any free one)\n' });
    expect(calls).toEqual(['close']);
  });
});
