import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  NO_EVENT_CODECS,
  createDesk,
  createReadModels,
  defaultRuleBook,
  figureAsOf as figureAsOfOrRefusal,
  fixedClock,
  isLeft,
  InMemoryDocumentStore,
  InMemoryEventStore,
  isRight,
  readModelDocuments,
  resolveExplanation,
  rulesAsOf,
  toVietnamDate,
  eventRefResolver,
  withInlineDocuments,
  type Explanation,
  type RecordedEvent,
} from '@motcua/core';
import { DEMO_TENANT, seedDemoProvince } from '../../packages/cli/src/seed/index.js';

/**
 * A read-model figure as of a global position equals what the live read model said when the log stood
 * there (docs/audit.md, "As of any moment"): the demo province's log is appended again event by event
 * to a store folding every read model inline; at random positions the live explanation of a figure is
 * kept, and `figureAsOf` computes it afresh from the whole log cut at that position.
 */
let log: RecordedEvent[];
type FigureInput = Parameters<typeof figureAsOfOrRefusal>[0];
/** The figure, the moment being one the province's log reached. */
const figureAsOf = async (input: FigureInput) => {
  const found = await figureAsOfOrRefusal(input);
  if (isLeft(found)) throw new Error(found.left);
  return found.right;
};
const deps = () => {
  const rules = defaultRuleBook();
  return { rules, calendar: createDesk({ store: new InMemoryEventStore() }).calendar };
};

beforeAll(async () => {
  const store = new InMemoryEventStore();
  const clock = fixedClock(new Date('2026-03-02T01:00:00Z'));
  await seedDemoProvince(createDesk({ store, clock }), { seed: 11, months: 1, clock, dossiersPerDay: 2 });
  log = [...(await store.readAll({ maxCount: 1_000_000 })).events];
}, 120_000);

describe('a figure as of a position', () => {
  it('equals the live read model’s figure when the log stood at that position', async () => {
    const readModels = createReadModels(deps());
    const names = ['timeliness', 'unit-board', 'sipas', 'incident-register', 'officer-rating'];
    const live = new InMemoryEventStore();
    const documents = new InMemoryDocumentStore();
    const inline = await withInlineDocuments(live, documents, readModels.projections);
    const cuts = new Set(fc.sample(fc.integer({ min: 1, max: log.length }), { numRuns: 6, seed: 5 }));
    const seen: { position: number; name: string; key: string; explanation: Explanation }[] = [];
    // A live server then knew the rule sets in force on the day it recorded its latest event (rulesAsOf).
    let lastDay = '';
    for (const event of log) {
      lastDay = toVietnamDate(event.metadata.recordedAt);
      const appended = await inline.appendToStream(event.metadata.streamId, [{ type: event.type, data: event.data, metadata: event.metadata }]);
      expect(isRight(appended)).toBe(true);
      const position = event.metadata.globalPosition;
      if (!cuts.has(position)) continue;
      const readModelsThen = createReadModels({ ...deps(), rules: rulesAsOf(defaultRuleBook(), lastDay) });
      for (const name of names) {
        const readModel = readModelsThen.byName(name)!;
        const query = readModelDocuments(documents, readModel);
        const { keys } = await readModel.keys(query, { prefix: `${DEMO_TENANT}/`, limit: 400 });
        for (const key of keys.filter((_, i) => i % 40 === 0)) {
          const figure = await readModel.explain(query, key);
          if (figure !== undefined) seen.push({ position, name, key, explanation: await resolveExplanation(figure, eventRefResolver(live)) });
        }
      }
    }
    expect(seen.length).toBeGreaterThan(10);
    for (const { position, name, key, explanation } of seen) {
      const then = await figureAsOf({ eventStore: live, deps: deps(), readModel: name, key, asOf: { globalPosition: position } });
      expect(then?.explanation, `${name} ${key} at ${position}`).toEqual(explanation);
    }
  }, 300_000);

  it("is not stopped by another province's event its projection cannot fold", async () => {
    // Given the demo province's log with, halfway, an event of another province that does not match its codec
    // (a log written before stores checked codecs at append: this store checks none)
    const store = new InMemoryEventStore({ eventCodecs: NO_EVENT_CODECS });
    const half = Math.floor(log.length / 2);
    const returned = log.find((event) => event.type === 'ResultReturned')!;
    const { occurredAt, actor, correlationId, causationId } = returned.metadata;
    const broken = { type: returned.type, data: { ...(returned.data as object), dueDate: 'soon' }, metadata: { occurredAt, actor, correlationId, causationId, tenantId: 'bac-ninh' } };
    for (const [i, event] of log.entries()) {
      if (i === half) expect(isRight(await store.appendToStream('dossier-bac-ninh:broken', [broken]))).toBe(true);
      await store.appendToStream(event.metadata.streamId, [{ type: event.type, data: event.data, metadata: event.metadata }]);
    }
    // When a figure of the demo province is asked for as of its last event
    const key = `${DEMO_TENANT}/timeliness/province/${DEMO_TENANT}/month/2026-03/resolved`;
    const then = await figureAsOf({ eventStore: store, deps: deps(), readModel: 'timeliness', key, asOf: { globalPosition: log.length + 1 } });
    // Then it is the figure the province's own events give
    const own = new InMemoryEventStore();
    for (const event of log) await own.appendToStream(event.metadata.streamId, [{ type: event.type, data: event.data, metadata: event.metadata }]);
    const alone = await figureAsOf({ eventStore: own, deps: deps(), readModel: 'timeliness', key, asOf: { globalPosition: log.length } });
    expect(then?.explanation.value).toEqual(alone?.explanation.value);
  });

  it("is refused past the province's last event, or past the log's end, as a verdict's moment is; by a day, under the rules of that day", async () => {
    // Given the demo province's log, then an event of another province
    const store = new InMemoryEventStore();
    for (const event of log) await store.appendToStream(event.metadata.streamId, [{ type: event.type, data: event.data, metadata: event.metadata }]);
    const other = log[0]!;
    const { occurredAt, actor, correlationId, causationId } = other.metadata;
    // (the same entity's stream in the other province: an event goes to a stream of its own kind and entity)
    const otherStream = other.metadata.streamId.replace(`-${DEMO_TENANT}:`, '-bac-ninh:');
    expect(isRight(await store.appendToStream(otherStream, [{ type: other.type, data: other.data, metadata: { occurredAt, actor, correlationId, causationId, tenantId: 'bac-ninh' } }]))).toBe(true);
    const key = `${DEMO_TENANT}/timeliness/province/${DEMO_TENANT}/month/2026-03/resolved`;
    const ask = (asOf: FigureInput['asOf']) => figureAsOfOrRefusal({ eventStore: store, deps: deps(), readModel: 'timeliness', key, asOf });
    // When it is asked as of the other province's event, or past the end of the log
    for (const position of [log.length + 1, 999_999]) {
      const refused = await ask({ globalPosition: position });
      // Then it is refused, naming the province's own head
      expect(isLeft(refused) && refused.left).toBe(`global position ${position} is past the last event of province ${DEMO_TENANT} (head ${log.length})`);
    }
    // And by a day, the rules are those in force on that day
    const byDay = await ask({ businessTime: '2026-03-09T23:59:59.999+07:00' });
    expect(!isLeft(byDay) && byDay.right?.rulesOn).toBe('2026-03-09');
  });

  it('leaves out an event recorded after the position, and keeps it by business time when it happened by then', async () => {
    const store = new InMemoryEventStore();
    for (const event of log) await store.appendToStream(event.metadata.streamId, [{ type: event.type, data: event.data, metadata: event.metadata }]);
    const key = `${DEMO_TENANT}/timeliness/province/${DEMO_TENANT}/month/2026-03/resolved`;
    const returns = log.filter((event) => event.type === 'ResultReturned');
    const first = returns[0]!;
    const before = await figureAsOf({ eventStore: store, deps: deps(), readModel: 'timeliness', key, asOf: { globalPosition: first.metadata.globalPosition - 1 } });
    const at = await figureAsOf({ eventStore: store, deps: deps(), readModel: 'timeliness', key, asOf: { globalPosition: first.metadata.globalPosition } });
    expect(before?.explanation.value ?? 0).toBe(0);
    expect(at?.explanation.value).toBe(1);
    const byTime = await figureAsOf({ eventStore: store, deps: deps(), readModel: 'timeliness', key, asOf: { businessTime: first.metadata.occurredAt } });
    expect(byTime?.explanation.value).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
