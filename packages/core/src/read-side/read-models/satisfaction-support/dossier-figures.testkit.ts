import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { RuleSet } from '../../../rules/types.js';
import { DocumentSession, foldBatch, foldBatchAsync } from '../../engine/fold.js';
import { InMemoryDocumentStore } from '../../engine/in-memory-document-store.js';
import { reAddProblems } from '../../explain/re-add.js';
import type { ReadModel, ReadModelDeps } from '../../read-model.js';
import { readModelOver } from '../../read-model.testkit.js';
import { documentPrefix } from '../../vocabulary/document-key.js';
import type { UnitLevelInputs } from './unit-level-inputs.js';
import { addCalendarDays } from '../../../calendar/index.js';
import { at as unitAt, dissolved } from '../../../org/org.testkit.js';
import { unitStreamId } from '../../../org/state.js';
import { code, commandsOf, complaintStream, dossierEvents, dossierScenario, dossierStream, feedbackStream, interleave, kit, mergeLogs, OTHER_PROVINCE, praiseStream, record, rulesWith, streamIdInProvince, TENANT, tolerantDossierEvents, world, worldOf, type DossierScenario, type Stream } from '../dossier-support/dossier-events.testkit.js';

/** Worlds of dossiers, complaints and feedback for the satisfaction and service-index read models' tests: the dossier read models' logs, with unit-level inputs and their own worlds. */
export { code, commandsOf, complaintStream, dossierEvents, dossierScenario, dossierStream, feedbackStream, interleave, kit, mergeLogs, OTHER_PROVINCE, praiseStream, record, rulesWith, streamIdInProvince, TENANT, tolerantDossierEvents, world, worldOf, type DossierScenario, type Stream };

/** Deps on `change`d rules, with `inputs` for the province `TENANT`. */
export const depsWith = (change: Partial<RuleSet> = {}, inputs: UnitLevelInputs = {}): ReadModelDeps => ({
  calendar: kit.calendar,
  rules: rulesWith(change),
  inputs: { [TENANT]: inputs },
});

/** Inputs for `unit-a` in March 2026, so unit totals are measured in generated worlds. */
export const LAW_INPUTS: UnitLevelInputs = {
  'unit/unit-a': { '2026-03': { source: 'test inputs', circular01: { '5': 2, '6': 1, '9': 1 }, index766: { transparency: 15, onlinePayment: 7, digitisation: 20 } } },
};

/** `code` dissolved into `successorCode` from `effectiveDate`, recorded on its own unit stream. */
export const mergerStream = (code: string, successorCode: string, effectiveDate: string, tenantId = TENANT): Stream => ({
  streamId: unitStreamId(tenantId, code),
  events: [dissolved({ code, successorCode, effectiveDate, occurredAt: unitAt(addCalendarDays(effectiveDate, -10)), reason: 'units merged' })],
});

/**
 * Mergers for generated worlds (units `unit-a`, `unit-b`): `unit-b` merged into `unit-a`, and later
 * `unit-a` into `unit-z`, on dates drawn from the world, so periods fall before, between and after.
 */
export const mergersOf = (dossiers: readonly DossierScenario[]): Stream[] => {
  const first = addCalendarDays('2026-03-02', ((dossiers[0]?.day ?? 0) * 5) % 80);
  return [mergerStream('unit-b', 'unit-a', first), mergerStream('unit-a', 'unit-z', addCalendarDays(first, 20 + (dossiers.length * 11) % 60))];
};

/** Every figure of a province by key: value, label, and its events by stream and version (positions differ by interleaving). */
export const figuresOf = async <D>(readModel: ReadModel<D>, events: readonly RecordedEvent[], tenantId = TENANT) => {
  const over = readModelOver(readModel, events);
  const out: Record<string, unknown> = {};
  for (const key of await over.keys(`${tenantId}/`)) {
    const e = await over.explain(key);
    out[key] = e === undefined ? undefined : { value: e.value, label: e.label, events: e.contributions.map((r) => `${r.streamId}#${r.streamVersion}`).sort() };
  }
  return out;
};

/** The documents of a province after folding `events` (batches split at `cuts`, each committed to the store). */
export const documentsOf = <D>(readModel: ReadModel<D>, events: readonly RecordedEvent[], cuts: readonly number[] = [], tenantId = TENANT) => {
  const store = new InMemoryDocumentStore();
  const { name } = readModel.projection;
  const points = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const to of [...points, events.length]) {
    const header = store.sync.header(name);
    const session = new DocumentSession<D>((key) => store.sync.get(name, key));
    const folded = foldBatch(readModel.projection, session, header?.checkpoint ?? 0, events.slice(from, to));
    if (folded.failure !== undefined) throw new Error(folded.failure.message);
    store.sync.commit(name, { version: readModel.projection.version, checkpoint: folded.checkpoint, documents: session.take(), fresh: header === undefined });
    from = to;
  }
  return store.list(name, { prefix: documentPrefix(tenantId), limit: 1_000_000 }).then((page) => page.documents);
};

export interface LawOptions {
  /** Add unit mergers to the generated worlds (`mergersOf`), for a read model with lineage figures. */
  readonly mergers?: boolean;
}

const dossierWorldOf = worldOf;

/**
 * The laws every read model here keeps: rebuild equals incremental, any page size gives the same keys,
 * any interleaving gives the same figures, another province's events change no document of this one,
 * and every explanation re-adds to its figure.
 */
export const lawsOf = <D>(create: (deps: ReadModelDeps) => ReadModel<D>, options: LawOptions = {}) => {
  const readModel = create(depsWith({}, LAW_INPUTS));
  const worldOf = (dossiers: readonly DossierScenario[], feedback: readonly { unit: string; day: number; onTime: boolean }[]): Stream[] =>
    options.mergers === true ? [...dossierWorldOf(dossiers, feedback), ...mergersOf(dossiers)] : dossierWorldOf(dossiers, feedback);
  return {
    rebuildEqualsIncremental: () =>
      fc.assert(
        fc.asyncProperty(world, fc.array(fc.nat(), { maxLength: 6 }), async ({ dossiers, feedback, picks }, cuts) => {
          const streams = worldOf(dossiers, feedback);
          const events = record(streams, interleave(streams, picks));
          expect(await documentsOf(readModel, events, cuts)).toEqual(await documentsOf(readModel, events));
        }),
        { numRuns: 30 },
      ),
    asyncEqualsSync: () =>
      fc.assert(
        fc.asyncProperty(world, fc.integer({ min: 1, max: 9 }), async ({ dossiers, feedback, picks }, batch) => {
          const streams = worldOf(dossiers, feedback);
          const events = record(streams, interleave(streams, picks));
          const store = new InMemoryDocumentStore();
          const { name } = readModel.projection;
          for (let from = 0; from < events.length; from += batch) {
            const header = await store.header(name);
            const session = new DocumentSession<D>();
            const load = (keys: readonly string[]) => store.getMany(name, keys);
            const folded = await foldBatchAsync(readModel.projection, session, header?.checkpoint ?? 0, events.slice(from, from + batch), load);
            if (folded.failure !== undefined) throw new Error(folded.failure.message);
            await store.commit(name, { version: readModel.projection.version, checkpoint: folded.checkpoint, documents: session.take(), fresh: header === undefined });
          }
          const page = await store.list(name, { prefix: documentPrefix(TENANT), limit: 1_000_000 });
          expect(page.documents).toEqual(await documentsOf(readModel, events));
        }),
        { numRuns: 20 },
      ),
    anyPageSize: () =>
      fc.assert(
        fc.asyncProperty(world, fc.integer({ min: 1, max: 40 }), async ({ dossiers, feedback }, pageSize) => {
          const over = readModelOver(readModel, record(worldOf(dossiers, feedback)));
          const all = await over.keys(`${TENANT}/`, 100_000);
          expect(await over.keys(`${TENANT}/`, pageSize)).toEqual(all);
          expect([...all].sort()).toEqual(all);
          expect(new Set(all).size).toBe(all.length);
          // A narrower prefix pages the same keys.
          const narrow = all[Math.floor(all.length / 2)]?.split('/').slice(0, 4).join('/');
          if (narrow !== undefined) expect(await over.keys(narrow, pageSize)).toEqual(all.filter((key) => key.startsWith(narrow)));
        }),
        { numRuns: 30 },
      ),
    anyInterleaving: () =>
      fc.assert(
        fc.asyncProperty(world, fc.array(fc.nat(), { maxLength: 400 }), async ({ dossiers, feedback, picks }, otherPicks) => {
          const streams = worldOf(dossiers, feedback);
          expect(await figuresOf(readModel, record(streams, interleave(streams, otherPicks)))).toEqual(
            await figuresOf(readModel, record(streams, interleave(streams, picks))),
          );
        }),
        { numRuns: 20 },
      ),
    provincesApart: () =>
      fc.assert(
        fc.asyncProperty(world, world, fc.array(fc.nat(), { maxLength: 400 }), async (first, second, mix) => {
          const here = worldOf(first.dossiers, first.feedback);
          const there = worldOf(second.dossiers, second.feedback).map((s) => ({ ...s, streamId: streamIdInProvince(s.streamId, OTHER_PROVINCE) }));
          const ours = record(here, interleave(here, first.picks));
          const theirs = record(there, interleave(there, second.picks), OTHER_PROVINCE);
          const merged = mergeLogs(ours, theirs, mix);
          // Positions differ once merged: compare documents with positions renumbered to the province's own log.
          const own = merged.filter((event) => event.metadata.tenantId === TENANT);
          const renumbered = own.map((event, i) => ({ ...event, metadata: { ...event.metadata, globalPosition: i + 1 } }));
          const positionsOf = new Map(own.map((event, i) => [event.metadata.globalPosition, i + 1]));
          const alone = await documentsOf(readModel, renumbered);
          const together = await documentsOf(readModel, merged);
          expect(renumber(together, (position) => positionsOf.get(position) ?? -position)).toEqual(alone);
          expect(await figuresOf(readModel, merged)).toEqual(await figuresOf(readModel, ours));
          expect(await figuresOf(readModel, merged, OTHER_PROVINCE)).toEqual(await figuresOf(readModel, theirs, OTHER_PROVINCE));
        }),
        { numRuns: 15 },
      ),
    explanationsReAdd: () =>
      fc.assert(
        fc.asyncProperty(world, async ({ dossiers, feedback, picks }) => {
          const streams = worldOf(dossiers, feedback);
          const over = readModelOver(readModel, record(streams, interleave(streams, picks)));
          for (const key of await over.keys(`${TENANT}/`)) {
            const explained = await over.explain(key);
            expect(explained, key).toBeDefined();
            expect(reAddProblems(explained!), key).toEqual([]);
            if (explained!.value === null) expect(explained!.notMeasured, key).toBeTruthy();
          }
        }),
        { numRuns: 20 },
      ),
  };
};

/** A JSON value with the global positions its documents hold (`p`, `positions`) mapped by `to`. */
const renumber = (value: unknown, to: (position: number) => number): unknown => {
  if (Array.isArray(value)) return value.map((item) => renumber(item, to));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      key === 'p' && typeof field === 'number'
        ? to(field)
        : key === 'positions' && Array.isArray(field)
          ? field.map((position) => (typeof position === 'number' ? to(position) : position))
          : renumber(field, to),
    ]),
  );
};

/** The laws of `lawsOf`, as the test suite `<title>: laws`. */
export const satisfactionReadModelLaws = <D>(title: string, create: (deps: ReadModelDeps) => ReadModel<D>, options: LawOptions = {}): void => {
  describe(`${title}: laws${options.mergers === true ? ' (with unit mergers)' : ''}`, () => {
    const laws = lawsOf(create, options);
    it('folding in any batches, with a store round trip between them, gives the documents of one fold', laws.rebuildEqualsIncremental, 60_000);
    it('folding asynchronously, loading documents as they are asked for, gives the documents of a synchronous fold', laws.asyncEqualsSync, 60_000);
    it('any page size gives the same keys, in key order', laws.anyPageSize, 60_000);
    it('any interleaving of the streams gives the same figures, each explained by the same events', laws.anyInterleaving, 60_000);
    it("another province's events change no document of this one", laws.provincesApart, 60_000);
    it('every explanation re-adds to its figure, with events in global order', laws.explanationsReAdd, 60_000);
  });
};
