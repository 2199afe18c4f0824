// pnpm -s bench:http [--seconds S] [--connections N] [--synchronous NORMAL|FULL] [--group-commit event-loop|microtask]
//   [--scenario health,receive,transfer,read] [--warmup S] [--db FILE --tenant ID --read-model NAME --metric NAME]
//   [--references auto|unchecked]
// With `--db` (a file whose read models are built, e.g. left by `bench:read-models --dir D --keep`; read
// models of another version are rebuilt first, as `motcua serve` does),
// the server serves that file with the registry's read models, and the scenarios `figure`, `explain`
// and `keys` read a unit's month figure of `--metric` (default onTimeRate), the explanation of that
// unit's figure for one day (what a dashboard opens) and a page of 100 keys of `--read-model` (default
// timeliness) in province `--tenant`. The desk checks that a figure's unit or officer is one the log names
// (one stream read) when the file holds the organisation, as `motcua generate` writes it; a slice without
// it, or `--references unchecked`, is served unchecked. Each line says which (`references`).
// Drives @motcua/http on the SQLite store (a temp file) with autocannon and prints one JSON line per
// scenario: commands (or reads) per second, latency percentiles, errors. The server runs in a child
// process so the load generator does not share its event loop. `health` (no store, no token check)
// is the floor of the server and load generator on this machine: compare the others to it.
// A scenario that only reads is first driven untimed for `--warmup` seconds (default 3), so its
// figures are those of a running server, not of one compiling the route's code on its first requests.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const SECRET = 'bench-secret-0123456789abcdef';
const TENANT = 'thai-nguyen';
const UNIT = 'tn-phuc-vu-hcc';

const args = (): Record<string, string> => {
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  const options: Record<string, string> = {
    seconds: '10', connections: '32', synchronous: 'FULL', scenario: 'health,receive,transfer,read', 'group-commit': 'event-loop',
    db: '', tenant: 'province-thai-nguyen', 'read-model': 'timeliness', metric: 'onTimeRate', warmup: '3', references: 'auto',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '');
    const value = argv[i + 1];
    if (name === undefined || value === undefined || !(name in options)) throw new Error(`unknown or incomplete option ${argv[i]}`);
    options[name] = value;
  }
  return options;
};

const code = (n: number): string => `000.00.15.H55-${String(Math.floor(n / 10_000)).padStart(6, '0')}-${String(n % 10_000).padStart(4, '0')}`;

const receiveBody = (n: number) =>
  JSON.stringify({
    dossierCode: code(n), occurredAt: '2026-03-02T09:00:00+07:00', receivingUnitId: UNIT, procedureCode: '1.000894', channel: 'counter',
    applicantId: `subject-${n}`, priorityGroup: 'none', documents: ['Tờ khai đăng ký kết hôn (theo mẫu)'], feeDong: 0, officerId: 'officer-lan',
  });

/** Child: serve the desk on a fresh SQLite file (or, with `existing`, on that file and its read models) and report the port. */
const serve = async (file: string, synchronous: 'FULL' | 'NORMAL', groupCommit: 'microtask' | 'event-loop', existing: boolean, references: string) => {
  const { createDesk, createReadModels, createVietnamCalendar, defaultRuleBook, ProjectionEngine } = await import('@motcua/core');
  const { openSqliteEventStore } = await import('@motcua/store-sqlite');
  const { buildServer } = await import('@motcua/http');
  if (existing) {
    const readModels = createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() });
    const served = openSqliteEventStore({ file, synchronous, groupCommit, projections: readModels.projections });
    // As `motcua serve`: read models of another version than the file's are built in shadow copies, then served.
    const engine = new ProjectionEngine({ eventStore: served, documentStore: served.documents, projections: readModels.projections, liveFoldedBy: 'store' });
    await engine.start();
    // A slice of bench:read-models names units and officers without their streams (no organisation):
    // served with references unchecked, or every figure about a unit would be a 404 (docs/read-side.md,
    // "Units and officers the log never names"). A file of `motcua generate` has them, and is checked.
    const organised = references !== 'unchecked' && (await served.readAll({ maxCount: 1, types: ['UnitEstablished'] })).events.length > 0;
    const desk = createDesk({ store: served, ...(organised ? {} : { references: 'unchecked' as const }) });
    const server = await buildServer({ desk, auth: { hs256Secret: SECRET }, readSide: { readModels: readModels.all, documents: served.documents } });
    await server.listen({ host: '127.0.0.1', port: 0 });
    const address = server.server.address();
    process.send?.({ port: typeof address === 'object' && address !== null ? address.port : 0, references: organised ? 'checked' : 'unchecked' });
    process.on('message', (message) => {
      if (message === 'stop') void server.close().then(() => engine.stop()).then(() => served.close()).then(() => process.exit(0));
    });
    return;
  }
  const store = openSqliteEventStore({ file, synchronous, groupCommit });
  const desk = createDesk({ store });
  // The desk checks the unit and officer a receipt names: the file starts with them, as a real desk's does.
  const system = { actor: { id: 'bench', role: 'system' as const }, tenantId: TENANT };
  await desk.units.handle({ type: 'EstablishUnit', data: { code: UNIT, name: 'Trung tâm Phục vụ hành chính công', kind: 'province-centre', provinceCode: 'thai-nguyen', effectiveDate: '2019-01-01', occurredAt: '2019-01-01T08:00:00+07:00' } }, system);
  await desk.officers.handle({ type: 'AppointOfficer', data: { officerId: 'officer-lan', unitId: UNIT, deskLevel: 'commune', role: 'receiving-officer', fields: [], legalStatus: 'civil-servant', secondingAgencyId: 'bench-agency', effectiveDate: '2019-01-01', occurredAt: '2019-01-01T08:00:00+07:00' } }, system);
  const server = await buildServer({ desk, auth: { hs256Secret: SECRET } });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  process.send?.({ port: typeof address === 'object' && address !== null ? address.port : 0 });
  process.on('message', (message) => {
    if (message === 'stop') void server.close().then(() => store.close()).then(() => process.exit(0));
  });
};

const startChild = (file: string, synchronous: string, groupCommit: string, existing: boolean, references: string): Promise<{ child: ChildProcess; port: number; references?: string }> =>
  new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--serve', file, synchronous, groupCommit, existing ? 'existing' : 'fresh', references], { execArgv: [...process.execArgv, ...(process.env['MOTCUA_BENCH_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['MOTCUA_BENCH_CPU_PROF']}`] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => resolve({ child, ...(message as { port: number; references?: string }) }));
    child.once('exit', (status) => reject(new Error(`server exited with ${status}`)));
  });

/** Scenarios that change nothing, so an untimed run before the measured one leaves the same server state. */
const READ_ONLY = new Set(['health', 'read', 'figure', 'explain', 'keys']);

const run = (options: autocannon.Options) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });

const main = async () => {
  if (process.argv[2] === '--serve') {
    return serve(process.argv[3] as string, process.argv[4] === 'NORMAL' ? 'NORMAL' : 'FULL', process.argv[5] === 'microtask' ? 'microtask' : 'event-loop', process.argv[6] === 'existing', process.argv[7] ?? 'auto');
  }
  const options = args();
  const synchronous = options['synchronous']!.toUpperCase();
  const existing = options['db'] !== '';
  const dir = mkdtempSync(join(tmpdir(), 'motcua-http-bench-'));
  if (options['references'] !== 'auto' && options['references'] !== 'unchecked') throw new Error(`--references takes auto or unchecked, got ${options['references']}`);
  const { child, port, references } = await startChild(existing ? options['db']! : join(dir, 'bench.db'), synchronous, options['group-commit']!, existing, options['references']!);
  try {
    await measure(options, port, existing, synchronous, references);
  } finally {
    // Stopped whatever happened, so no server outlives the bench (nor the lock a caller may hold around it).
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
};

const measure = async (options: Record<string, string>, port: number, existing: boolean, synchronous: string, references?: string) => {
  const { issueDevelopmentToken } = await import('@motcua/http');
  const tenantId = existing ? options['tenant']! : TENANT;
  // The read models are read by a director (province-wide); commands are sent by a receptionist.
  const token = await issueDevelopmentToken(SECRET, existing ? { sub: 'bench-director', role: 'director', tenantId, unitIds: [] } : { sub: 'officer-lan', role: 'receptionist', tenantId: TENANT, unitIds: [UNIT] }, '1h');
  const url = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const readModel = options['read-model']!;
  // A file whose read models are of older versions is served once they are rebuilt (503 until then).
  for (let waited = false; existing; waited = true) {
    const response = await fetch(`${url}/read-models/${readModel}?limit=1`, { headers });
    if (response.status !== 503) break;
    if (!waited) process.stderr.write(`waiting for ${readModel} to be rebuilt\n`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  /** Keys of the read model under `prefix`, one page. */
  const keysUnder = async (prefix: string): Promise<string[]> => {
    const response = await fetch(`${url}/read-models/${readModel}?limit=1000&prefix=${encodeURIComponent(prefix)}`, { headers });
    if (!response.ok) throw new Error(`listing ${readModel} under ${prefix}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { keys: string[] }).keys;
  };
  // A unit's month figure, and the same unit's figure of one day, of the metric asked for when it has one.
  const metric = options['metric']!;
  const pick = (keys: readonly string[]) => keys.find((key) => key.endsWith(`/${metric}`)) ?? keys[0];
  const unitPrefix = existing ? (await keysUnder(`${readModel}/unit/`))[0]?.split('/').slice(1, 4).join('/') : undefined;
  const figureKey = unitPrefix === undefined ? undefined : pick(await keysUnder(`${unitPrefix}/month/`));
  const explainKey = unitPrefix === undefined ? undefined : pick(await keysUnder(`${unitPrefix}/day/`));
  const figurePath = (key: string | undefined) => `/read-models/${readModel}/${encodeURIComponent(key ?? '')}`;
  const common = { url, connections: Number(options['connections']), duration: Number(options['seconds']), headers };
  const warmupSeconds = Number(options['warmup']);
  if (!(warmupSeconds >= 0)) throw new Error(`--warmup takes a number of seconds, 0 or more, got ${options['warmup']}`);
  let next = 0;
  for (const scenario of options['scenario']!.split(',')) {
    const received = next;
    const requests: autocannon.Request[] =
      scenario === 'receive'
        ? [{ method: 'POST', path: '/dossiers', setupRequest: (request) => ({ ...request, body: receiveBody(next++) }) }]
        : scenario === 'transfer'
          ? [{
              method: 'POST',
              setupRequest: (request) => {
                // Each dossier received in the first scenario is transferred once.
                const n = transferNext < received ? transferNext++ : received - 1;
                return { ...request, path: `/dossiers/${code(n)}/transfer`, body: JSON.stringify({ occurredAt: '2026-03-02T10:00:00+07:00', officerId: 'officer-lan' }) };
              },
            }]
          : scenario === 'read'
            ? [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/dossiers/${code(readNext++ % Math.max(1, received))}` }) }]
            : scenario === 'figure'
              ? [{ method: 'GET', path: figurePath(figureKey) }]
              : scenario === 'explain'
                ? [{ method: 'GET', path: `${figurePath(explainKey)}/explain` }]
                : scenario === 'keys'
                  ? [{ method: 'GET', path: `/read-models/${readModel}?limit=100` }]
                  : [{ method: 'GET', path: '/health' }];
    let transferNext = 0;
    let readNext = 0;
    const warmup = READ_ONLY.has(scenario) ? warmupSeconds : 0;
    if (warmup > 0) await run({ ...common, duration: warmup, requests });
    const result = await run({ ...common, requests });
    process.stdout.write(
      `${JSON.stringify({
        bench: 'http',
        scenario,
        store: `sqlite-${synchronous.toLowerCase()}`,
        ...(scenario === 'figure' ? { key: figureKey } : scenario === 'explain' ? { key: explainKey } : {}),
        // Whether the desk checks the units and officers a figure names (one stream read each).
        ...(references === undefined ? {} : { references }),
        groupCommit: options['group-commit'],
        connections: common.connections,
        seconds: common.duration,
        warmupSeconds: warmup,
        requests: result.requests.total,
        // Answered with 2xx: commands applied (or reads served) per second.
        perSecond: Math.round(result['2xx'] / (result.duration || common.duration)),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        maxMs: result.latency.max,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
      })}\n`,
    );
  }
};

await main();
