import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createDesk,
  createReadModels,
  defaultRuleBook,
  figureAsOf,
  fixedClock,
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
    // A live server then knew the rule sets in force by the day of its latest event (rulesAsOf).
    let lastDay = '';
    for (const event of log) {
      lastDay = [lastDay, toVietnamDate(event.metadata.occurredAt)].sort()[1]!;
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
    // Given the demo province's log, then an event of another province that does not match its codec
    const store = new InMemoryEventStore();
    for (const event of log) await store.appendToStream(event.metadata.streamId, [{ type: event.type, data: event.data, metadata: event.metadata }]);
    const returned = log.find((event) => event.type === 'ResultReturned')!;
    const { occurredAt, actor, correlationId, causationId } = returned.metadata;
    const broken = { type: returned.type, data: { ...(returned.data as object), dueDate: 'soon' }, metadata: { occurredAt, actor, correlationId, causationId, tenantId: 'bac-ninh' } };
    expect(isRight(await store.appendToStream('dossier-bac-ninh:broken', [broken]))).toBe(true);
    // When a figure of the demo province is asked for as of the head
    const key = `${DEMO_TENANT}/timeliness/province/${DEMO_TENANT}/month/2026-03/resolved`;
    const head = log.length + 1;
    const before = await figureAsOf({ eventStore: store, deps: deps(), readModel: 'timeliness', key, asOf: { globalPosition: log.length } });
    const then = await figureAsOf({ eventStore: store, deps: deps(), readModel: 'timeliness', key, asOf: { globalPosition: head } });
    // Then it is the figure the province's own events give
    expect(then?.explanation).toEqual(before?.explanation);
    // and names the province's own last event folded, not the other province's position.
    expect(then?.globalPosition).toBe(before?.globalPosition);
    expect(then?.globalPosition).toBeLessThan(head);
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
