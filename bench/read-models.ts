// pnpm -s bench:read-models [--events 1000000] [--seed 42] [--units 60] [--dir DIR] [--keep]
//   [--batch 5000] [--commit-ms 30000] [--queries 2000] [--sizes] [--cpu-profile FILE] [--reuse]
// Generates a province-year slice (untimed), appends it to a SQLite event store in a temp dir
// (untimed), then times building every read model (the dossier read models, the officer rating facts,
// the incident register, feedback compliance and praise) through one ProjectionRunner on the SQLite
// projection store, and the latency of the main queries. One JSON line per measurement on stdout.
// `--reuse` with `--dir` builds on the events a kept run left there (`--keep`), skipping the load and
// the live days.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import {
  createDossierReadModels,
  createRuleBook,
  createVietnamCalendar,
  BUILT_IN_RULE_SETS,
  feedbackComplianceProjection,
  incidentRegisterProjection,
  officerRatingProjection,
  praiseProjection,
  ProjectionRunner,
  type DossierReadModelsState,
  type ProjectionStore,
  type ProvinceTables,
} from '@motcua/core';
import Database from 'better-sqlite3';
import { openSqliteEventStore, openSqliteProjectionStore } from '@motcua/store-sqlite';
import { provinceYear } from './read-models-workload.js';

const args = process.argv.slice(2).filter((a) => a !== '--');
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
};
const integer = (name: string, fallback: number): number => {
  const value = Number(option(name, String(fallback)));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
  return value;
};

const emit = (line: Record<string, unknown>) => console.log(JSON.stringify({ bench: 'read-models', ...line }));

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

const main = async () => {
  const events = integer('events', 1_000_000);
  const seed = integer('seed', 42);
  const units = integer('units', 60);
  const batchSize = integer('batch', 5000);
  const commitMs = integer('commit-ms', 30_000);
  const queryCount = integer('queries', 2000);
  const keep = args.includes('--keep');
  const dir = option('dir', '') || mkdtempSync(join(tmpdir(), 'motcua-read-models-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'events.db');
  const tenantId = 'province-thai-nguyen';
  try {
    // Untimed: generate and append, one transaction per group of concurrent appends.
    const loadStart = performance.now();
    const reuse = args.includes('--reuse') && existsSync(file);
    if (reuse) {
      const db = new Database(file);
      db.exec('DELETE FROM projections; DELETE FROM projection_state; DELETE FROM projection_entries;');
      db.close();
    }
    const store = openSqliteEventStore({ file, synchronous: 'NORMAL', pollIntervalMs: 0 });
    let appended = reuse ? await store.headPosition() : 0;
    for (const day of reuse ? [] : provinceYear({ events, seed, year: 2026, units, officersPerUnit: 10, procedures: 150, tenantId })) {
      for (let i = 0; i < day.length; i += 2000) {
        const results = await Promise.all(day.slice(i, i + 2000).map((batch) => store.appendToStream(batch.streamId, batch.events)));
        for (const result of results) if (result._tag === 'Left') throw new Error(`append refused: ${JSON.stringify(result.left)}`);
      }
      appended += day.reduce((n, batch) => n + batch.events.length, 0);
    }
    emit({ measurement: 'load', events: appended, seconds: (performance.now() - loadStart) / 1000, timed: false, reused: reuse });

    // The floor of any build: reading and decoding the whole log once, folding nothing.
    const readStart = performance.now();
    let read = 0;
    for (let after = 0; ; ) {
      const page = await store.readAll({ after, maxCount: batchSize });
      read += page.events.length;
      after = page.nextPosition;
      if (page.isEnd) break;
    }
    const readSeconds = (performance.now() - readStart) / 1000;
    emit({ measurement: 'read-all', events: read, seconds: readSeconds, events_per_s: Math.round(read / readSeconds) });

    // Timed: every read model, from position 0, through the engine onto SQLite.
    const calendar = createVietnamCalendar();
    const rules = createRuleBook(BUILT_IN_RULE_SETS);
    const models = createDossierReadModels({ calendar, rules });
    const sqliteProjections = openSqliteProjectionStore({ file });
    let commits = 0;
    let commitMsTotal = 0;
    const commitMsByName: Record<string, number> = {};
    // The SQLite store does its work before it returns the promise: awaiting it would also count the
    // other projections' folding that runs meanwhile.
    const timed = async (name: string, commit: () => Promise<void>) => {
      const t = performance.now();
      const committed = commit();
      const ms = performance.now() - t;
      await committed;
      commitMsTotal += ms;
      commitMsByName[name] = (commitMsByName[name] ?? 0) + ms;
      commits++;
    };
    const projectionStore: ProjectionStore = {
      load: (name, slot) => sqliteProjections.load(name, slot),
      commit: (name, commit, slot) => timed(name, () => sqliteProjections.commit(name, commit, slot)),
      commitEntries: (name, commit, slot) => timed(name, () => sqliteProjections.commitEntries(name, commit, slot)),
      recordFailure: (name, failure, slot) => sqliteProjections.recordFailure(name, failure, slot),
      promoteShadow: (name) => sqliteProjections.promoteShadow(name),
      discardShadow: (name) => sqliteProjections.discardShadow(name),
      names: () => sqliteProjections.names(),
    };
    const runner = new ProjectionRunner({
      eventStore: store,
      projectionStore,
      projections: [models.projection, officerRatingProjection, incidentRegisterProjection, feedbackComplianceProjection, praiseProjection],
      batchSize,
      commitCadence: { maxEvents: Number.MAX_SAFE_INTEGER, maxMs: commitMs },
    });
    const profileFile = option('cpu-profile', '');
    const profiler = profileFile === '' ? undefined : new Session();
    if (profiler !== undefined) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const buildStart = performance.now();
    await runner.start();
    await runner.caughtUp();
    const buildSeconds = (performance.now() - buildStart) / 1000;
    if (profiler !== undefined) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(profileFile, JSON.stringify(profile));
      profiler.disconnect();
    }
    const reports = await runner.report();
    const behind = reports.filter((report) => report.status !== 'running' || report.lag !== 0);
    if (behind.length > 0) throw new Error(`build did not reach the head: ${JSON.stringify(behind)}`);
    emit({
      measurement: 'build',
      events: appended,
      seconds: buildSeconds,
      events_per_s: Math.round(appended / buildSeconds),
      commits,
      commit_seconds: commitMsTotal / 1000,
      commit_seconds_by_projection: Object.fromEntries(Object.entries(commitMsByName).map(([name, ms]) => [name, Math.round(ms) / 1000])),
      batch_size: batchSize,
      commit_every_ms: commitMs,
      projections: reports.map((report) => report.name),
    });

    // Live: the next year's first working days appended one day at a time, each followed by catching
    // up (fold + commit of the changed entries only).
    const commitsBefore = commits;
    const commitSecondsBefore = commitMsTotal / 1000;
    const commitMsBefore = { ...commitMsByName };
    const dayTimes: number[] = [];
    let liveEvents = 0;
    for (const liveDay of reuse ? [] : provinceYear({ events: 250_000, seed: seed + 1, year: 2027, units, officersPerUnit: 10, procedures: 150, tenantId })) {
      if (dayTimes.length >= 20) break;
      const results = await Promise.all(liveDay.map((batch) => store.appendToStream(batch.streamId, batch.events)));
      if (results.some((result) => result._tag === 'Left')) throw new Error('live append refused');
      liveEvents += liveDay.reduce((n, batch) => n + batch.events.length, 0);
      const t = performance.now();
      await runner.caughtUp();
      dayTimes.push(performance.now() - t);
    }
    await runner.stop();
    dayTimes.sort((a, b) => a - b);
    emit({
      measurement: 'live',
      days: dayTimes.length,
      events: liveEvents,
      commits: commits - commitsBefore,
      commit_seconds: commitMsTotal / 1000 - commitSecondsBefore,
      commit_seconds_by_projection: Object.fromEntries(
        Object.entries(commitMsByName).map(([name, ms]) => [name, Math.round(ms - (commitMsBefore[name] ?? 0)) / 1000]),
      ),
      p50_ms_per_day: percentile(dayTimes, 50),
      max_ms_per_day: dayTimes.at(-1),
    });

    // Queries, on the state as a reader loads it from the projection store.
    const loadStateStart = performance.now();
    const stored = (await sqliteProjections.load<ProvinceTables>(models.projection.name))?.state;
    if (stored === undefined) throw new Error('no stored read model');
    const state: DossierReadModelsState = models.projection.province(stored, tenantId);
    const stateBytes = JSON.stringify(stored).length;
    if (args.includes('--sizes')) {
      const sizes = Object.fromEntries(Object.entries(state).map(([k, v]) => [k, { bytes: JSON.stringify(v).length, entries: Object.keys(v as object).length }]));
      emit({ measurement: 'state-sections', sizes, sample: Object.values(state.dossiers)[7] });
    }
    emit({ measurement: 'load-state', seconds: (performance.now() - loadStateStart) / 1000, state_bytes: stateBytes, dossiers: Object.keys(state.dossiers).length });

    const unitIds = [...new Set(Object.keys(state.board).map((key) => key.slice(0, key.lastIndexOf('/'))))];
    const officerIds = [...new Set(Object.keys(state.circular01).filter((k) => k.startsWith('officer/')).map((k) => k.split('/')[1] as string))];
    const rng = (() => {
      let a = seed;
      return () => ((a = (a * 1103515245 + 12345) >>> 0) / 4294967296);
    })();
    const any = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
    const month = () => `2026-${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}`;
    const day = () => `${month()}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
    const queries: Record<string, () => unknown> = {
      'unit-board day': () => models.queries.unitBoard(stored, tenantId, any(unitIds), day()),
      'timeliness unit month': () => models.queries.timeliness(stored, tenantId, 'unit', any(unitIds), 'month', month()),
      'timeliness officer month': () => models.queries.timeliness(stored, tenantId, 'officer', any(officerIds), 'month', month()),
      'timeliness province quarter': () => models.queries.timeliness(stored, tenantId, 'province', tenantId, 'quarter', `2026-Q${1 + Math.floor(rng() * 4)}`),
      'tt01 officer month': () => models.queries.circular01(stored, tenantId, 'officer', any(officerIds), 'month', month()),
      'tt01 unit month': () => models.queries.circular01(stored, tenantId, 'unit', any(unitIds), 'month', month()),
      'sipas unit month': () => models.queries.sipas(stored, tenantId, 'unit', any(unitIds), 'month', month()),
      'index766 unit month': () => models.queries.serviceIndex(stored, tenantId, 'unit', any(unitIds), 'month', month()),
      'index766 province year': () => models.queries.serviceIndex(stored, tenantId, 'province', tenantId, 'year', '2026'),
    };
    for (const [name, query] of Object.entries(queries)) {
      const times: number[] = [];
      for (let i = 0; i < queryCount; i++) {
        const t = performance.now();
        query();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      emit({ measurement: 'query', query: name, runs: queryCount, p50_ms: percentile(times, 50), p99_ms: percentile(times, 99), max_ms: times.at(-1) });
    }
    // Explanations scan the per-dossier facts: reported, not held to the query budget.
    const explainKeys = [
      () => `timeliness/unit/${any(unitIds)}/month/${month()}/onTimeRate`,
      () => `tt01/officer/${any(officerIds)}/month/${month()}/total`,
      () => `board/${any(unitIds)}/${day()}/overdue`,
    ];
    const explainTimes: number[] = [];
    for (let i = 0; i < 60; i++) {
      const key = (explainKeys[i % explainKeys.length] as () => string)();
      const readModel = key.startsWith('timeliness') ? models.readModels.timeliness : key.startsWith('tt01') ? models.readModels.circular01 : models.readModels.unitBoard;
      const t = performance.now();
      readModel.explain(stored, `${tenantId}/${key}`);
      explainTimes.push(performance.now() - t);
    }
    explainTimes.sort((a, b) => a - b);
    emit({ measurement: 'explain', runs: explainTimes.length, p50_ms: percentile(explainTimes, 50), p99_ms: percentile(explainTimes, 99) });
    sqliteProjections.close();
    await store.close();
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(`bench:read-models: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
