import { beforeAll, describe, expect } from 'vitest';
import { it, fc } from '@fast-check/vitest';
import {
  createDesk,
  createReadModels,
  createVietnamCalendar,
  defaultRuleBook,
  fixedClock,
  InMemoryDocumentStore,
  InMemoryEventStore,
  parsePeriod,
  readFigure,
  readModelDocuments,
  ruleDaysOf,
  rulesCoverSomeDayOf,
  withInlineDocuments,
  type ReadModel,
} from '@motcua/core';
import { DEMO_TENANT, seedDemoProvince } from '../../packages/cli/src/seed/index.js';

/**
 * Figures of any period, 1900 to 2199, on the demo province's read models (docs/read-side.md,
 * "Periods the rules do not cover"): every key a read model lists, with its period swapped for
 * another of the same grain, explains, reads and lists without an error, and a period no rule set
 * covers has no figure.
 */
const rules = defaultRuleBook();
const covered = ruleDaysOf(rules);
const readModels = createReadModels({ calendar: createVietnamCalendar(), rules });
const documents = new InMemoryDocumentStore();
/** Listed keys per read model, sampled across each listing. */
const sampled = new Map<string, string[]>();

beforeAll(async () => {
  const clock = fixedClock(new Date('2026-03-02T01:00:00Z'));
  const desk = createDesk({ store: await withInlineDocuments(new InMemoryEventStore(), documents, readModels.projections), clock });
  await seedDemoProvince(desk, { seed: 7, months: 1, clock });
  for (const readModel of readModels.all) {
    const { keys } = await readModel.keys(readModelDocuments(documents, readModel), { prefix: `${DEMO_TENANT}/`, limit: 5000 });
    const step = Math.max(1, Math.floor(keys.length / 60));
    sampled.set(readModel.name, keys.filter((_, i) => i % step === 0));
  }
}, 120_000);

const pad = (n: number) => String(n).padStart(2, '0');
/** A period of `grain` from 1900 to 2199. */
const periodOfGrain = (grain: string) =>
  fc.record({ year: fc.integer({ min: 1900, max: 2199 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }).map(({ year, month, day }) => {
    if (grain === 'year') return `${year}`;
    if (grain === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
    if (grain === 'month') return `${year}-${pad(month)}`;
    if (grain === 'day') return `${year}-${pad(month)}-${pad(day)}`;
    return 'all';
  });

/** A listed key with its period segment swapped for another period of the same grain. */
interface Asked {
  readonly name: string;
  readonly key: string;
  /** The period swapped in, and the key up to it (a listing's prefix). */
  readonly periodKey?: string;
  readonly prefix?: string;
}

const keyOfAnotherPeriod: fc.Arbitrary<Asked> = fc.constantFrom(...readModels.all.map((readModel) => readModel.name)).chain((name) =>
  fc.constantFrom(...(sampled.get(name) ?? [])).chain((key): fc.Arbitrary<Asked> => {
    const period = (readModels.byName(name) as ReadModel<unknown>).periodOfKey?.(key);
    if (period === undefined) return fc.constant({ name, key });
    const parts = key.split('/');
    const at = parts.indexOf(period.key);
    return periodOfGrain(period.grain).map((other) => ({ name, key: parts.map((part, i) => (i === at ? other : part)).join('/'), periodKey: other, prefix: parts.slice(0, at + 1).join('/') }));
  }),
);

describe('figures of any period from 1900 to 2199', () => {
  it('every read model declares the period of its figure keys, and lists some', () => {
    for (const readModel of readModels.all) {
      expect(readModel.periodOfKey?.(`${DEMO_TENANT}/${readModel.exampleKey}`), readModel.name).toBeDefined();
      expect(sampled.get(readModel.name)?.length, readModel.name).toBeGreaterThan(0);
    }
  });

  it.prop([keyOfAnotherPeriod], { numRuns: 400 })('explain, a figure read alone and a listing never throw; a period outside the rules has no figure', async ({ name, key, periodKey, prefix }) => {
    const readModel = readModels.byName(name) as ReadModel<unknown>;
    const own = readModelDocuments(documents, readModel);
    const explained = await readModel.explain(own, key);
    const figure = await readFigure(readModel, own, key);
    expect(await readModel.keys(own, { prefix: prefix ?? key, limit: 10 })).toBeDefined();
    const period = periodKey === undefined ? undefined : parsePeriod(periodKey);
    if (period !== undefined && !rulesCoverSomeDayOf(covered, period)) {
      expect(explained, key).toBeUndefined();
      expect(figure, key).toBeUndefined();
    }
  });
});
