import { chmodSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runWith, tempDir } from '../cli.testkit.js';
import type { HttpModule } from './serve.js';
import { parseTrackingSecrets } from './tracking-secrets.js';

const tmp = tempDir();
afterAll(() => tmp.remove());
afterEach(() => {
  delete process.env['MOTCUA_TRACKING_SECRET'];
  delete process.env['MOTCUA_TRACKING_SECRETS_FILE'];
});

const THAI_NGUYEN = 'tracking-secret-of-thai-nguyen-0123';
const BAC_KAN = 'tracking-secret-of-bac-kan-456789';

/** A stand-in for @motcua/http recording the tracking secrets `serve` hands it. */
const fakeHttp = () => {
  const tracked: Record<string, string>[] = [];
  const module: HttpModule = {
    buildServer: ({ tracking }) => {
      tracked.push({ ...(tracking?.secrets ?? {}) });
      return {
        listen: async ({ host, port }) => {
          setImmediate(() => process.emit('SIGTERM', 'SIGTERM'));
          return `http://${host}:${port}`;
        },
        close: async () => undefined,
      };
    },
    issueDevelopmentToken: async (_secret, claims) => `token-${claims.role}`,
  };
  return { module, tracked };
};

const secretsFile = (name: string, text: string): string => {
  const file = tmp.file(name);
  writeFileSync(file, text);
  chmodSync(file, 0o600);
  return file;
};

const serve = (http: ReturnType<typeof fakeHttp>, ...args: string[]) =>
  runWith({ loadHttp: async () => http.module }, '--db', tmp.file(`${args.join('-').replace(/[^\w-]/g, '')}.db`), 'serve', '--port', '3990', ...args);

describe('motcua serve: tracking for every province it serves', () => {
  it('Given a file of province=secret lines, Then each province is tracked with its secret, and no secret is printed', async () => {
    const file = secretsFile('secrets.txt', `# receipt tracking secrets\nthai-nguyen=${THAI_NGUYEN}\n\n  bac-kan = ${BAC_KAN}  \r\n`);
    const http = fakeHttp();
    const result = await serve(http, '--tracking-secrets', file);
    expect(result.code, result.err).toBe(0);
    // The demo province keeps its tracking, with a random secret for this run as before.
    expect(Object.keys(http.tracked[0]!)).toEqual(['thai-nguyen', 'bac-kan', 'demo-thai-nguyen']);
    expect(http.tracked[0]).toMatchObject({ 'thai-nguyen': THAI_NGUYEN, 'bac-kan': BAC_KAN });
    expect(result.out).toMatch(/tracking: http:\/\/127\.0\.0\.1:3990\/track\/\{code\} for thai-nguyen, bac-kan, demo-thai-nguyen \(a random secret for this run\)/);
    for (const secret of [THAI_NGUYEN, BAC_KAN, http.tracked[0]!['demo-thai-nguyen']!]) expect(result.out + result.err).not.toContain(secret);
  });

  it('Then the file may be named by $MOTCUA_TRACKING_SECRETS_FILE, beside the demo province secret of $MOTCUA_TRACKING_SECRET, also in production', async () => {
    process.env['MOTCUA_TRACKING_SECRETS_FILE'] = secretsFile('from-env.txt', `bac-kan=${BAC_KAN}\n`);
    process.env['MOTCUA_TRACKING_SECRET'] = THAI_NGUYEN;
    const http = fakeHttp();
    const result = await serve(http, '--production', '--jwks-url', 'https://id.example.vn/jwks.json');
    expect(result.code, result.err).toBe(0);
    expect(http.tracked[0]).toEqual({ 'bac-kan': BAC_KAN, 'demo-thai-nguyen': THAI_NGUYEN });
  });

  it('Then without any, the demo province is tracked with a random secret, as the quick start needs', async () => {
    const http = fakeHttp();
    expect((await serve(http)).code).toBe(0);
    expect(Object.keys(http.tracked[0]!)).toEqual(['demo-thai-nguyen']);
  });

  it('refuses a file with bad lines, naming each by its number and never its secret, with exit code 2 and one line', async () => {
    const file = secretsFile('bad.txt', ['thai-nguyen=short-secret', 'no equals sign here', `Bac Kan=${BAC_KAN}`, '# fine', `thai-nguyen=${THAI_NGUYEN}`, `thai-nguyen=${BAC_KAN}`].join('\n'));
    const http = fakeHttp();
    const result = await serve(http, '--tracking-secrets', file);
    expect(result.code).toBe(2);
    expect(result.err.trimEnd().split('\n')).toHaveLength(1);
    expect(result.err).toContain('line 1: the secret of thai-nguyen is shorter than 16 bytes');
    expect(result.err).toContain('line 2: not <province>=<secret>');
    expect(result.err).toContain('line 3: "Bac Kan" is not a province id');
    expect(result.err).toContain('line 6: province thai-nguyen is given a second time');
    for (const secret of ['short-secret', THAI_NGUYEN, BAC_KAN]) expect(result.err).not.toContain(secret);
    expect(http.tracked).toEqual([]);
  });

  it('refuses a missing or empty file, and the demo province given a secret twice', async () => {
    const http = fakeHttp();
    expect((await serve(http, '--tracking-secrets', tmp.file('absent.txt'))).err).toMatch(/cannot read the tracking secrets file .*absent\.txt: ENOENT/);
    expect((await serve(http, '--tracking-secrets', secretsFile('empty.txt', '# nothing yet\n'))).err).toMatch(/is refused: it names no province/);
    process.env['MOTCUA_TRACKING_SECRET'] = THAI_NGUYEN;
    const twice = await serve(http, '--tracking-secrets', secretsFile('demo.txt', `demo-thai-nguyen=${BAC_KAN}\n`));
    expect(twice).toMatchObject({ code: 2 });
    expect(twice.err).toMatch(/both MOTCUA_TRACKING_SECRET and the tracking secrets file give province demo-thai-nguyen a secret/);
    expect(http.tracked).toEqual([]);
  });

  it('warns when other users can read the file', async () => {
    const file = secretsFile('open.txt', `bac-kan=${BAC_KAN}\n`);
    chmodSync(file, 0o644);
    const result = await serve(fakeHttp(), '--tracking-secrets', file);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/open\.txt can be read by other users; `chmod 600` it/);
  });

  it('reads lines as <province>=<secret>, the secret trimmed and free to hold =', () => {
    expect(parseTrackingSecrets(`bac-kan= ${BAC_KAN}==\n`)).toEqual({ secrets: { 'bac-kan': `${BAC_KAN}==` } });
  });
});
