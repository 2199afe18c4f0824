import { afterAll, describe, expect, it } from 'vitest';
import * as motcuaHttp from '@motcua/http';
import { runWith, tempDir } from '../cli.testkit.js';
import type { HttpModule } from './serve.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const PREFIX = '/api/motcua';

interface Answer {
  readonly status: number;
  readonly body: string;
}

/**
 * @motcua/http itself, listening on a free port of the loopback: once `serve` listens and waits for a
 * signal, the given URLs are fetched, then SIGTERM stops it.
 */
const realHttpFetching = (paths: readonly string[]) => {
  const answers = new Map<string, Answer>();
  const stopsBefore = process.listenerCount('SIGTERM');
  const module: HttpModule = {
    issueDevelopmentToken: motcuaHttp.issueDevelopmentToken,
    buildServer: async (options) => {
      const server = await motcuaHttp.buildServer(options as motcuaHttp.HttpServerOptions);
      return {
        listen: async (at) => {
          const address = await server.listen(at);
          void (async () => {
            for (const path of paths) {
              const response = await fetch(`${address}${path}`);
              answers.set(path, { status: response.status, body: await response.text() });
            }
            while (process.listenerCount('SIGTERM') <= stopsBefore) await new Promise((resolve) => setTimeout(resolve, 10));
            process.emit('SIGTERM', 'SIGTERM');
          })();
          return address;
        },
        close: () => server.close(),
      };
    },
  };
  return { module, answers };
};

describe('motcua serve --prefix', () => {
  it('Given --prefix /api/motcua, Then every route answers under it and not at the root, and the printed URLs carry it', async () => {
    const http = realHttpFetching([`${PREFIX}/health`, `${PREFIX}/openapi.json`, `${PREFIX}/docs`, '/health']);
    const result = await runWith(
      { loadHttp: async () => http.module },
      '--db', tmp.file('prefix.db'), 'serve', '--port', '0', '--prefix', PREFIX, '--secret', 'a-test-secret-for-serve',
    );
    expect(result.code, result.err).toBe(0);
    expect(http.answers.get(`${PREFIX}/health`)).toEqual({ status: 200, body: JSON.stringify({ status: 'ok' }) });
    const openapi = http.answers.get(`${PREFIX}/openapi.json`);
    expect(openapi?.status).toBe(200);
    expect((JSON.parse(openapi?.body ?? '{}') as { servers?: { url: string }[] }).servers?.map((server) => server.url)).toEqual([PREFIX]);
    expect(http.answers.get(`${PREFIX}/docs`)?.status).toBe(200);
    expect(http.answers.get('/health')?.status).toBe(404);
    const url = /^motcua is serving .* at (http:\/\/127\.0\.0\.1:\d+\/api\/motcua)$/m.exec(result.out)?.[1];
    expect(url, result.out).toBeDefined();
    for (const line of [`dashboard: ${url}/dashboard/`, `docs:    ${url}/docs`, `openapi: ${url}/openapi.json`, `health:  ${url}/health, ${url}/ready`, `tracking: ${url}/track/{code}`]) {
      expect(result.out).toContain(line);
    }
    expect(result.out).toMatch(new RegExp(`^ {2}director +${url?.replace(/[.]/g, '\\.')}/dashboard/#token=`, 'm'));
  }, 60_000);

  it('Given a prefix that is no path of fixed segments, Then serve refuses it in one line with exit code 2, before opening anything', async () => {
    const http = realHttpFetching([]);
    for (const prefix of ['api', '/api/', '/api motcua', '/api/../admin', '/.', '']) {
      const result = await runWith({ loadHttp: async () => http.module }, '--db', tmp.file('refused.db'), 'serve', '--prefix', prefix);
      expect({ prefix, code: result.code }).toEqual({ prefix, code: 2 });
      expect(result.err).toMatch(/option '--prefix <path>' argument .* is invalid\. the prefix .*(is not a path of fixed segments|is empty)/);
      expect(result.err.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
