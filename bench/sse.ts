// pnpm -s bench:sse [--events 1000000] [--clients 300] [--seconds 20] [--connections 8] [--seed 42]
//   [--dir DIR] [--keep] [--reuse]
// The event feed under load: the real server (@motcua/http on the SQLite store, in a child process so
// its RSS is its own) serves a province-year slice (bench/read-models-workload.ts, untimed; `--keep`
// leaves it in `--dir`, `--reuse` serves what a kept run left there). First /health and POST /dossiers
// are measured alone; then `--clients` event-feed clients catch up from position 0 (each resumes with
// Last-Event-ID when the server ends its catch-up) while /health and POST /dossiers are measured again
// and the server's RSS is sampled. One JSON line per measurement on stdout.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { provinceYear } from './read-models-workload.js';
import { benchOptions } from './options.js';

const SECRET = 'bench-secret-0123456789abcdef-0123456789abcdef';
const TENANT = 'province-thai-nguyen';
const UNIT = 'unit-bench-desk';
const OFFICER = 'officer-bench-01';

const { args: argv, option, integer } = benchOptions();

const emit = (line: Record<string, unknown>) => console.log(JSON.stringify({ bench: 'sse', ...line }));

/** Untimed: the slice, appended to `file` unless a kept run left it there. */
const generate = async (file: string, events: number, seed: number, reuse: boolean) => {
  const { openSqliteEventStore } = await import('@motcua/store-sqlite');
  const start = performance.now();
  const store = openSqliteEventStore({ file, synchronous: 'NORMAL', pollIntervalMs: 0 });
  let appended = reuse ? await store.headPosition() : 0;
  for (const day of reuse ? [] : provinceYear({ events, seed, year: 2026, units: 60, officersPerUnit: 10, procedures: 150, tenantId: TENANT })) {
    for (let i = 0; i < day.length; i += 2000) {
      const results = await Promise.all(day.slice(i, i + 2000).map((batch) => store.appendToStream(batch.streamId, batch.events)));
      for (const result of results) if (result._tag === 'Left') throw new Error(`append refused: ${JSON.stringify(result.left)}`);
    }
    appended += day.reduce((n, batch) => n + batch.events.length, 0);
  }
  await store.close();
  emit({ measurement: 'load', events: appended, seconds: (performance.now() - start) / 1000, timed: false, reused: reuse });
};

/** Child: serve the desk on the file, as `motcua serve` builds it, and report the port. */
const serve = async (file: string) => {
  const { createDesk, createReadModels, createVietnamCalendar, defaultRuleBook } = await import('@motcua/core');
  const { openSqliteEventStore } = await import('@motcua/store-sqlite');
  const { buildServer } = await import('@motcua/http');
  // Every read model folded inside each append's transaction (caught up at open: the first run over a
  // fresh slice builds them there; `--reuse` finds them built).
  const readModels = createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() });
  const store = openSqliteEventStore({ file, projections: readModels.projections });
  const server = await buildServer({ desk: createDesk({ store }), auth: { hs256Secret: SECRET }, readSide: { readModels: readModels.all, documents: store.documents } });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  process.send?.({ port: typeof address === 'object' && address !== null ? address.port : 0 });
  process.on('message', (message) => {
    if (message === 'stop') void server.close().then(() => store.close()).then(() => process.exit(0));
  });
};

const startChild = (file: string): Promise<{ child: ChildProcess; port: number }> =>
  new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--serve', file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => resolve({ child, port: (message as { port: number }).port }));
    child.once('exit', (status) => reject(new Error(`server exited with ${status}`)));
  });

/**
 * The process's own memory in MB (`RssAnon`: heap and native allocations), without the file pages
 * SQLite maps from the database (`RssFile`, up to the store's 256 MB `mmap_size`), which the kernel
 * reclaims as page cache.
 */
const anonMb = (pid: number): number => {
  const match = /RssAnon:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? Number.NaN : Math.round(Number(match[1]) / 1024);
};

/** Resident set of a process in MB, from /proc (Linux). */
const rssMb = (pid: number): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? Number.NaN : Math.round(Number(match[1]) / 1024);
};

const run = (options: autocannon.Options) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });

// A day of the past year per run, so a kept slice takes new dossier codes each run; received a minute
// ago, as a desk records what just happened (a future occurredAt is refused).
const RUN_DAYS_BACK = 1 + Math.floor(Math.random() * 300);
const code = (n: number): string => {
  const day = new Date(Date.now() - (RUN_DAYS_BACK + Math.floor(n / 10_000)) * 86_400_000).toISOString().slice(2, 10).replace(/-/g, '');
  return `000.00.15.H55-${day}-${String(n % 10_000).padStart(4, '0')}`;
};

const receiveBody = (n: number) =>
  JSON.stringify({
    dossierCode: code(n), occurredAt: new Date(Date.now() - 60_000).toISOString(), receivingUnitId: UNIT, procedureCode: '1.000894', channel: 'counter',
    applicantId: `subject-b${n}`, priorityGroup: 'none', documents: ['Tờ khai đăng ký kết hôn (theo mẫu)'], feeDong: 0, officerId: OFFICER,
  });

/** The unit and officer POST /dossiers names, so its commands pass the reference checks. */
const createReferences = async (url: string, token: string) => {
  const post = async (path: string, body: Record<string, unknown>) => {
    const response = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status !== 201 && response.status !== 409 && response.status !== 422) emit({ measurement: 'setup', path, status: response.status, body: (await response.text()).slice(0, 300) });
  };
  await post('/units', { code: UNIT, name: 'Bộ phận một cửa (bench)', kind: 'province-centre', provinceCode: '19', effectiveDate: '2026-01-01', occurredAt: '2025-12-30T09:00:00+07:00' });
  await post('/officers', {
    officerId: OFFICER, unitId: UNIT, deskLevel: 'province', role: 'receiving-officer', fields: ['civil-status'], effectiveDate: '2026-01-01',
    termEndDate: '2027-12-31', legalStatus: 'civil-servant', secondingAgencyId: 'TN-SO-TU-PHAP', occurredAt: '2025-12-30T09:00:00+07:00',
  });
};

interface FeedClient {
  events: number;
  bytes: number;
  reconnects: number;
  lastId: string;
  request?: ClientRequest;
  stopped: boolean;
}

/** One event-feed client from position 0; when the server ends its catch-up it resumes with Last-Event-ID. */
const openFeed = (port: number, token: string, client: FeedClient): void => {
  if (client.stopped) return;
  const request = httpRequest(
    { host: '127.0.0.1', port, path: '/events/stream', headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', 'last-event-id': client.lastId } },
    (response) => {
      let tail = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        client.bytes += chunk.length;
        const text = tail + chunk;
        const end = text.lastIndexOf('\n\n');
        if (end < 0) {
          tail = text;
          return;
        }
        for (const match of text.slice(0, end).matchAll(/^id: (\d+)$/gm)) {
          client.events++;
          client.lastId = match[1] as string;
        }
        tail = text.slice(end + 2);
      });
      response.on('end', () => {
        if (response.statusCode === 200) client.reconnects++;
        setTimeout(() => openFeed(port, token, client), response.statusCode === 200 ? 0 : 1000);
      });
    },
  );
  request.on('error', () => {
    if (!client.stopped) setTimeout(() => openFeed(port, token, client), 1000);
  });
  request.end();
  client.request = request;
};

const main = async () => {
  if (argv[0] === '--serve') return serve(argv[1] as string);
  const events = integer('events', 1_000_000);
  const clients = integer('clients', 300);
  const seconds = integer('seconds', 20);
  const connections = integer('connections', 8);
  const seed = integer('seed', 42);
  const keep = argv.includes('--keep');
  const dir = option('dir', '') || mkdtempSync(join(tmpdir(), 'motcua-sse-bench-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'events.db');
  let child: ChildProcess | undefined;
  try {
    await generate(file, events, seed, argv.includes('--reuse') && existsSync(file));
    const started = performance.now();
    const server = await startChild(file);
    child = server.child;
    const pid = child.pid as number;
    emit({ measurement: 'start', seconds: (performance.now() - started) / 1000, rssMb: rssMb(pid), anonMb: anonMb(pid) });
    const { issueDevelopmentToken } = await import('@motcua/http');
    const url = `http://127.0.0.1:${server.port}`;
    const system = await issueDevelopmentToken(SECRET, { sub: 'bench-system', role: 'system', tenantId: TENANT, unitIds: [UNIT] }, '2h');
    const receptionist = await issueDevelopmentToken(SECRET, { sub: OFFICER, role: 'receptionist', tenantId: TENANT, unitIds: [UNIT] }, '2h');
    await createReferences(url, system);
    const probe = await fetch(`${url}/dossiers`, { method: 'POST', headers: { authorization: `Bearer ${receptionist}`, 'content-type': 'application/json' }, body: receiveBody(0) });
    if (probe.status !== 201) emit({ measurement: 'setup', path: '/dossiers', status: probe.status, body: (await probe.text()).slice(0, 300) });

    let next = 1;
    const measure = async (phase: string, samples: number[]) => {
      const common = { url, connections, duration: seconds };
      for (const scenario of ['health', 'receive'] as const) {
        const result = await run({
          ...common,
          headers: { authorization: `Bearer ${receptionist}`, 'content-type': 'application/json' },
          requests:
            scenario === 'health'
              ? [{ method: 'GET', path: '/health' }]
              : [{ method: 'POST', path: '/dossiers', setupRequest: (request) => ({ ...request, body: receiveBody(next++) }) }],
        });
        emit({
          measurement: 'latency', phase, scenario, connections, seconds, requests: result.requests.total,
          p50Ms: result.latency.p50, p99Ms: result.latency.p99, maxMs: result.latency.max,
          non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, rssMb: rssMb(pid),
        });
        samples.push(rssMb(pid));
      }
    };

    await measure('alone', []);
    // Each client its own principal: the per-caller cap is not what this measures.
    const feeds: FeedClient[] = Array.from({ length: clients }, () => ({ events: 0, bytes: 0, reconnects: 0, lastId: '0', stopped: false }));
    const feedTokens = await Promise.all(feeds.map((_, i) => issueDevelopmentToken(SECRET, { sub: `bench-inspector-${i}`, role: 'inspector', tenantId: TENANT, unitIds: [] }, '2h')));
    const feedStart = performance.now();
    feeds.forEach((feed, i) => openFeed(server.port, feedTokens[i] as string, feed));
    const rss: number[] = [rssMb(pid)];
    const anon: number[] = [anonMb(pid)];
    const sampler = setInterval(() => {
      rss.push(rssMb(pid));
      anon.push(anonMb(pid));
    }, 250);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await measure('with-feed', rss);
    clearInterval(sampler);
    const feedSeconds = (performance.now() - feedStart) / 1000;
    for (const feed of feeds) {
      feed.stopped = true;
      feed.request?.destroy();
    }
    const delivered = feeds.reduce((n, feed) => n + feed.events, 0);
    emit({
      measurement: 'feed', clients, seconds: feedSeconds, eventsDelivered: delivered, eventsPerSecond: Math.round(delivered / feedSeconds),
      mbDelivered: Math.round(feeds.reduce((n, feed) => n + feed.bytes, 0) / 1e6), reconnects: feeds.reduce((n, feed) => n + feed.reconnects, 0),
      slowestClientEvents: Math.min(...feeds.map((feed) => feed.events)), fastestClientEvents: Math.max(...feeds.map((feed) => feed.events)),
    });
    emit({ measurement: 'rss', peakMb: Math.max(...rss), lastMb: rss[rss.length - 1], peakAnonMb: Math.max(...anon), lastAnonMb: anon[anon.length - 1], samples: rss.length });
  } finally {
    if (child !== undefined && child.exitCode === null) {
      child.send('stop');
      await new Promise((resolve) => child!.once('exit', resolve));
    }
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
};

await main();
