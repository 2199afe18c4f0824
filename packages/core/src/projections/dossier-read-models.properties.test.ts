import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '../calendar/index.js';
import type { DossierCommand } from '../dossier/commands.js';
import { dossierStreamId } from '../dossier/decider.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import { InMemoryEventStore } from '../kernel/in-memory-event-store.js';
import { InMemoryProjectionStore } from './engine/in-memory-projection-store.js';
import { applyEvents } from './engine/projection.js';
import { jsonCopy } from './engine/projection-store.js';
import { ProjectionRunner } from './engine/projection-runner.js';
import { reAddProblems } from '../read-side/explain/re-add.js';
import { withAllTables } from './dossier-facts/state.js';
import { provincesOf, type ProvinceTables } from './by-province.js';
import { mergeLogs, OTHER_PROVINCE, streamIdInProvince } from './by-province.testkit.js';
import { code, complaintStream, feedbackStream, foldAll, kit, readModelsWith, record, TENANT, tolerantDossierEvents, type Stream } from './dossier-read-models.testkit.js';

const { receive, transfer, requestSupplement, receiveSupplement, forward, returnFromAgency, complete, apologise, returnResult, withdraw, guidance, rate } = kit;

const level = fc.integer({ min: 1, max: 5 });
const score = fc.constantFrom(0, 1, 2);

/** One dossier's story in parameters; commands the decider refuses are skipped. */
const dossierScenario = fc.record({
  unit: fc.constantFrom('unit-a', 'unit-b'),
  procedure: fc.constantFrom(kit.FIVE_DAYS, kit.FIFTEEN_CALENDAR_DAYS),
  officer: fc.constantFrom('officer-1', 'officer-2'),
  day: fc.integer({ min: 0, max: 45 }),
  late: fc.boolean(),
  channel: fc.constantFrom('counter', 'online'),
  guided: fc.boolean(),
  supplement: fc.option(fc.record({ after: fc.integer({ min: 0, max: 2 }), back: fc.integer({ min: 0, max: 4 }) }), { nil: undefined }),
  agency: fc.option(fc.record({ after: fc.integer({ min: 0, max: 2 }), back: fc.integer({ min: 1, max: 6 }) }), { nil: undefined }),
  apology: fc.boolean(),
  returnAfter: fc.integer({ min: 1, max: 25 }),
  end: fc.constantFrom('return', 'return', 'return', 'withdraw', 'open'),
  rating: fc.option(
    fc.record({ sipas: fc.record({ access: level, officers: level, feedbackHandling: level }, { requiredKeys: ['officers'] }), circular01: fc.record({ '1': score, '7': score }) }),
    { nil: undefined },
  ),
  complaint: fc.constantFrom(undefined, 'substantiated', 'unfounded'),
});
type DossierScenario = typeof dossierScenario extends fc.Arbitrary<infer T> ? T : never;

const at = (start: string, days: number, time = '09:00') => `${addCalendarDays(start, days)}T${time}`;

const commandsOf = (s: DossierScenario): DossierCommand[] => {
  const start = addCalendarDays('2026-03-02', s.day);
  const officer = { officerId: s.officer };
  const commands: DossierCommand[] = [];
  if (s.guided) commands.push(guidance(at(start, -1)));
  commands.push(receive(at(start, 0, s.late ? '16:00' : '09:00'), { receivingUnitId: s.unit, procedureCode: s.procedure, channel: s.channel as 'counter' }));
  commands.push(transfer(at(start, 1, '08:00')));
  let t = 1;
  if (s.supplement !== undefined) {
    commands.push(requestSupplement(at(start, t + s.supplement.after, '10:00')));
    t += s.supplement.after + s.supplement.back;
    commands.push(receiveSupplement(at(start, t, '11:00'), s.channel === 'counter' ? 'counter' : 'online'));
  }
  if (s.agency !== undefined) {
    commands.push(forward(at(start, t + s.agency.after, '12:00')));
    t += s.agency.after + s.agency.back;
    commands.push(returnFromAgency(at(start, t, '13:00')));
  }
  if (s.apology) commands.push(apologise(at(start, t, '14:00'), addCalendarDays(start, s.returnAfter + 10)));
  if (s.end === 'withdraw') commands.push(withdraw(at(start, t, '15:00')));
  if (s.end === 'return') {
    const done = Math.max(t, s.returnAfter);
    commands.push({ ...complete(at(start, done, '08:30')), data: { ...complete(at(start, done, '08:30')).data, ...officer } });
    commands.push(returnResult(at(start, done, '09:30')));
  }
  if (s.rating !== undefined) commands.push(rate(at(start, 40, '10:00'), s.rating));
  return commands;
};

const worldOf = (dossiers: readonly DossierScenario[], feedback: readonly { unit: string; day: number; onTime: boolean }[]): Stream[] => [
  ...dossiers.flatMap((s, i) => {
    const dossierCode = code(i + 1);
    const streams: Stream[] = [{ streamId: dossierStreamId(TENANT, dossierCode), events: tolerantDossierEvents(dossierCode, commandsOf(s)) }];
    if (s.complaint !== undefined) streams.push(complaintStream(`INC-${i}`, dossierCode, s.complaint as 'substantiated' | 'unfounded'));
    return streams;
  }),
  ...feedback.map((f, i) => feedbackStream(`FB-${i}`, f.unit, addCalendarDays('2026-03-02', f.day), f.onTime)),
];

const world = fc.record({
  dossiers: fc.array(dossierScenario, { minLength: 1, maxLength: 8 }),
  feedback: fc.array(fc.record({ unit: fc.constantFrom('unit-a', 'unit-b'), day: fc.integer({ min: 0, max: 60 }), onTime: fc.boolean() }), { maxLength: 4 }),
  picks: fc.array(fc.nat(), { maxLength: 400 }),
});

/** A random interleaving: each stream keeps its order, streams are mixed by `picks`. */
const interleave = (streams: readonly Stream[], picks: readonly number[]): number[] => {
  const left = streams.map((s) => s.events.length);
  const order: number[] = [];
  let p = 0;
  for (;;) {
    const open = left.flatMap((n, i) => (n > 0 ? [i] : []));
    if (open.length === 0) return order;
    const i = open[(picks[p++] ?? 0) % open.length] as number;
    left[i] = (left[i] as number) - 1;
    order.push(i);
  }
};

const models = readModelsWith(
  {},
  { 'unit/unit-a': { '2026-03': { source: 'test inputs', circular01: { '5': 2, '6': 1, '9': 1 }, index766: { transparency: 15, onlinePayment: 7, digitisation: 20 } } } },
);

/** Every figure by key: value, label, and its events named by stream and version (positions differ by interleaving). */
const figures = (state: ProvinceTables) => {
  const out: Record<string, unknown> = {};
  for (const readModel of models.all) {
    for (const key of readModel.keys(state)) {
      const e = readModel.explain(state, key);
      out[key] = e === undefined ? undefined : { value: e.value, label: e.label, events: e.contributions.map((r) => `${r.streamId}#${r.streamVersion}`).sort() };
    }
  }
  return out;
};

describe('dossier read models: laws', () => {
  it('folding in any chunks, with a stored (JSON) copy between them, equals folding from zero', () => {
    fc.assert(
      fc.property(world, fc.array(fc.nat(), { maxLength: 6 }), ({ dossiers, feedback }, cuts) => {
        const events = record(worldOf(dossiers, feedback));
        const points = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
        let state = models.projection.initialState();
        let from = 0;
        for (const to of [...points, events.length]) {
          const applied = applyEvents(models.projection, state, from, events.slice(from, to));
          state = jsonCopy(applied.state);
          from = to;
        }
        expect(state).toEqual(foldAll(models.projection, events));
      }),
      { numRuns: 40 },
    );
  });

  it('folding only the event types it declares gives the state folding every event gives', () => {
    const declared = new Set(models.projection.eventTypes);
    fc.assert(
      fc.property(world, ({ dossiers, feedback }) => {
        const events = record(worldOf(dossiers, feedback));
        expect(events.some((e) => !declared.has(e.type)) || events.length === 0).toBe(true);
        expect(foldAll(models.projection, events.filter((e) => declared.has(e.type)))).toEqual(foldAll(models.projection, events));
      }),
      { numRuns: 40 },
    );
  });

  it('any interleaving of the streams gives the same figures, each explained by the same events', () => {
    fc.assert(
      fc.property(world, fc.array(fc.nat(), { maxLength: 400 }), ({ dossiers, feedback, picks }, otherPicks) => {
        const streams = worldOf(dossiers, feedback);
        const one = foldAll(models.projection, record(streams, interleave(streams, picks)));
        const other = foldAll(models.projection, record(streams, interleave(streams, otherPicks)));
        expect(figures(other)).toEqual(figures(one));
      }),
      { numRuns: 30 },
    );
  });

  it('two provinces using the same unit, officer and dossier codes, in any interleaving, each get exactly the figures they get alone', () => {
    fc.assert(
      fc.property(world, world, fc.array(fc.nat(), { maxLength: 400 }), (first, second, mix) => {
        const here = worldOf(first.dossiers, first.feedback);
        const there = worldOf(second.dossiers, second.feedback).map((s) => ({ ...s, streamId: streamIdInProvince(s.streamId, OTHER_PROVINCE) }));
        const ours = record(here, interleave(here, first.picks));
        const theirs = record(there, interleave(there, second.picks), OTHER_PROVINCE);
        const alone = { ...figures(foldAll(models.projection, ours)), ...figures(foldAll(models.projection, theirs)) };
        expect(figures(foldAll(models.projection, mergeLogs(ours, theirs, mix)))).toEqual(alone);
      }),
      { numRuns: 15 },
    );
  });

  it('every explanation re-adds to its figure, with events in global order', () => {
    fc.assert(
      fc.property(world, ({ dossiers, feedback, picks }) => {
        const streams = worldOf(dossiers, feedback);
        const state = foldAll(models.projection, record(streams, interleave(streams, picks)));
        for (const readModel of models.all) {
          const keys = readModel.keys(state);
          for (const key of keys) {
            const explained = readModel.explain(state, key);
            expect(explained, key).toBeDefined();
            expect(reAddProblems(explained!), key).toEqual([]);
            if (explained!.value === null) expect(explained!.notMeasured, key).toBeTruthy();
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('the read models a runner keeps live, committing at arbitrary points, answer as a rebuild from zero does', async () => {
    await fc.assert(
      fc.asyncProperty(world, fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 30 }), async ({ dossiers, feedback, picks }, batchSize, maxEvents) => {
        const streams = worldOf(dossiers, feedback);
        const ours = record(streams, interleave(streams, picks));
        // A second province, often first seen after a commit: its tables must be written entry by entry too.
        const elsewhere = streams.map((stream) => ({ ...stream, streamId: streamIdInProvince(stream.streamId, OTHER_PROVINCE) }));
        const recorded = mergeLogs(ours, record(elsewhere, undefined, OTHER_PROVINCE), [...picks].reverse());
        const eventStore = new InMemoryEventStore();
        const projectionStore = new InMemoryProjectionStore();
        const runner = new ProjectionRunner({
          eventStore,
          projectionStore,
          projections: [models.projection],
          batchSize,
          commitCadence: { maxEvents, maxMs: Number.POSITIVE_INFINITY },
        });
        await runner.start();
        const half = Math.floor(recorded.length / 2);
        const append = async (events: readonly RecordedEvent[]) => {
          for (const e of events) {
            const { occurredAt, actor, tenantId, correlationId, causationId } = e.metadata;
            await eventStore.appendToStream(e.metadata.streamId, [{ type: e.type, data: e.data, metadata: { occurredAt, actor, tenantId, correlationId, causationId } }]);
          }
        };
        await append(recorded.slice(0, half));
        await runner.caughtUp();
        await append(recorded.slice(half));
        await runner.caughtUp();
        await runner.stop();
        // Kept as entries, a loaded state has no row for an empty table: compare the province's tables filled in.
        const live = (await projectionStore.load<ProvinceTables>(models.projection.name))?.state ?? {};
        const rebuilt = foldAll(models.projection, recorded);
        const filled = (state: ProvinceTables, tenantId: string) => withAllTables(models.projection.province(state, tenantId));
        expect(provincesOf(live)).toEqual(provincesOf(rebuilt));
        for (const tenantId of [TENANT, OTHER_PROVINCE]) expect(filled(live, tenantId)).toEqual(filled(rebuilt, tenantId));
        expect(figures(live)).toEqual(figures(rebuilt));
      }),
      { numRuns: 20 },
    );
  });
});

describe('dossier read models: bad input', () => {
  it('an event missing a field the read models use stops the projection at it, naming the field, and changes nothing', () => {
    const events = record([{ streamId: dossierStreamId(TENANT, code(1)), events: tolerantDossierEvents(code(1), [receive('2026-03-02T09:00')]) }]);
    const broken = { ...events[0]!, data: { ...(events[0]!.data as object), dueDate: 'soon' } } as RecordedEvent;
    const applied = applyEvents(models.projection, models.projection.initialState(), 0, [broken]);
    expect(applied.failure?.message).toBe('DossierReceived at global position 1: dueDate must be a date YYYY-MM-DD');
    expect(applied.state).toEqual(models.projection.initialState());
  });
});
