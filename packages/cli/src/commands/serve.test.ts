import { afterAll, describe, expect, it } from 'vitest';
import { createReadModels, createVietnamCalendar, defaultRuleBook } from '@motcua/core';
import { runWith, tempDir } from '../cli.testkit.js';
import type { HttpModule } from './serve.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** A stand-in for @motcua/http with the same two exports, recording how serve uses them. */
const fakeHttp = () => {
  const calls: string[] = [];
  const tokens: { role: string; tenantId: string; subjectId?: string }[] = [];
  const module: HttpModule = {
    buildServer: ({ auth, readSide }) => {
      calls.push(`build:${auth.hs256Secret ?? `jwks ${auth.jwks} ${auth.issuer} ${auth.audience}`}`);
      calls.push(`read models:${(readSide?.readModels ?? []).map((readModel) => readModel.name).join(',')}`);
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
      '--db', tmp.file('serve.db'), 'serve', '--seed', '--months', '1', '--port', '3999', '--secret', 'a-test-secret-for-serve',
    );
    expect(result.code).toBe(0);
    expect(http.calls).toEqual([
      'build:a-test-secret-for-serve',
      // Every read model of the registry, in its order.
      `read models:${createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() })
        .all.map((readModel) => readModel.name)
        .join(',')}`,
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
    expect(result.out).toMatch(/^ {2}citizen +token-citizen-12h-23$/m);
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

  it('in production prints no token, and takes the JWKS URL, issuer and audience', async () => {
    const http = fakeHttp();
    process.env['MOTCUA_TRACKING_SECRET'] = 'tracking-secret-of-the-test-province';
    const result = await runWith(
      { loadHttp: async () => http.module },
      '--db', tmp.file('production.db'), 'serve', '--production', '--port', '3998',
      '--jwks-url', 'https://id.example.vn/jwks.json', '--issuer', 'https://id.example.vn', '--audience', 'motcua',
    );
    expect(result.code).toBe(0);
    expect(http.calls[0]).toBe('build:jwks https://id.example.vn/jwks.json https://id.example.vn motcua');
    expect(http.tokens).toEqual([]);
    expect(result.out).not.toMatch(/token-/);
    expect(result.out).toMatch(/no development tokens/);
    delete process.env['MOTCUA_TRACKING_SECRET'];
  });

  it('refuses to serve in production without a tracking secret, since printed receipts would stop working at the next start', async () => {
    const http = fakeHttp();
    delete process.env['MOTCUA_TRACKING_SECRET'];
    const result = await runWith(
      { loadHttp: async () => http.module },
      '--db', tmp.file('production-no-tracking.db'), 'serve', '--production', '--port', '3997',
      '--jwks-url', 'https://id.example.vn/jwks.json', '--issuer', 'https://id.example.vn', '--audience', 'motcua',
    );
    expect(result).toMatchObject({ code: 2 });
    expect(result.err).toMatch(/production needs MOTCUA_TRACKING_SECRET/);
    expect(http.calls).toEqual([]);
  });

  it('refuses a weak secret or no key at all in production, and a short secret anywhere, with exit code 2 and one line', async () => {
    const http = fakeHttp();
    const cases: [string[], RegExp][] = [
      [['--production', '--secret', ' '.repeat(16)], /--secret must be at least 16 bytes and not blank/],
      [['--production', '--secret', 'a'.repeat(64)], /--secret has about 0 bits of entropy; production needs 256/],
      [['--production', '--secret', 'correct-horse-battery-staple'], /--secret has about \d+ bits of entropy; production needs 256/],
      [['--production'], /production needs --jwks-url .* or a secret/],
      [['--secret', 'short'], /--secret must be at least 16 bytes/],
      [['--jwks-url', 'not a url'], /--jwks-url must be an http\(s\) URL, got "not a url"/],
      [['--jwks-url', 'file:///etc/keys.json'], /--jwks-url must be an http\(s\) URL/],
      [['--issuer', ''], /--issuer must not be empty/],
      [['--frobnicate'], /unknown option '--frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const result = await runWith({ loadHttp: async () => http.module }, '--db', tmp.file('refused.db'), 'serve', ...args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.err).toMatch(message);
      expect(result.err.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(http.calls).toEqual([]);
  });
});

describe('a store failing under a command', () => {
  it('is said in one line with exit code 1, not as a crash', async () => {
    // Given an HTTP module whose server cannot be built because the store failed (as a lost connection would)
    const failing: HttpModule = {
      ...fakeHttp().module,
      buildServer: () => {
        throw Object.assign(new Error('PostgreSQL failed while reading the event store in schema "motcua": the connection to the server was lost (57P01: terminating connection)'), {
          name: 'PostgresStoreError',
        });
      },
    };
    // When serve runs
    const result = await runWith({ loadHttp: async () => failing }, '--db', tmp.file('failing.db'), 'serve', '--port', '3998', '--secret', 'a-test-secret-for-serve');
    // Then the store's own sentence is printed, and nothing else
    expect(result.code).toBe(1);
    expect(result.err).toBe('motcua: PostgreSQL failed while reading the event store in schema "motcua": the connection to the server was lost (57P01: terminating connection)\n');
  });
});
