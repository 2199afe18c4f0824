import { beforeAll, describe, expect } from 'vitest';
import { it, fc } from '@fast-check/vitest';
import {
  createDesk,
  createReadModels,
  createVietnamCalendar,
  defaultRuleBook,
  fixedClock,
  idOfKeyPart,
  InMemoryDocumentStore,
  InMemoryEventStore,
  isLeft,
  keyPart,
  namedInRegistry,
  readFigure,
  readModelDocuments,
  withInlineDocuments,
  withNamedSubjects,
  type Desk,
  type ReadModel,
} from '@motcua/core';
import { DEMO_TENANT, seedDemoProvince } from '../../packages/cli/src/seed/index.js';

/**
 * Figures of units and officers on the demo province's read models (docs/read-side.md, "Units and
 * officers the log never names"): every listed key about a unit or officer, with its id swapped for
 * one the log never names, has no figure; swapped for a unit or officer the log names but who did
 * nothing, it has one: zeros (or not measured), drawn from no event, from every read model that counts
 * every period.
 */
const readModels = createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() });
const documents = new InMemoryDocumentStore();
const sampled = new Map<string, string[]>();
let desk: Desk;
let checked: (readModel: ReadModel<unknown>) => ReadModel<unknown>;
const IDLE = { unit: 'tn-idle-unit', officer: 'OF-IDLE' } as const;
const NEVER = { unit: 'nonexistent', officer: 'nobody' } as const;
/** Read models whose figures exist only for periods something was returned or rated in (docs/read-side.md, "Units and officers the log never names"). */
const ONLY_PERIODS_WITH_RETURNS: ReadonlySet<string> = new Set(['timeliness', 'circular01', 'sipas']);

beforeAll(async () => {
  const clock = fixedClock(new Date('2026-03-02T01:00:00Z'));
  desk = createDesk({ store: await withInlineDocuments(new InMemoryEventStore(), documents, readModels.projections), clock });
  await seedDemoProvince(desk, { seed: 7, months: 1, clock });
  const context = { actor: { id: 'director-thai-nguyen', role: 'director' as const }, tenantId: DEMO_TENANT };
  const occurredAt = '2025-06-25T08:00:00+07:00';
  const unit = await desk.units.handle(
    { type: 'EstablishUnit', data: { code: IDLE.unit, name: 'Bộ phận chưa tiếp nhận hồ sơ', kind: 'commune-desk', provinceCode: '19', effectiveDate: '2025-07-01', occurredAt } },
    context,
  );
  const officer = await desk.officers.handle(
    {
      type: 'AppointOfficer',
      data: { officerId: IDLE.officer, unitId: IDLE.unit, deskLevel: 'commune', role: 'receiving-officer', fields: ['civil-status'], legalStatus: 'civil-servant', secondingAgencyId: 'TN-SO-TU-PHAP', effectiveDate: '2025-07-01', occurredAt: '2025-06-26T09:00:00+07:00' },
    },
    context,
  );
  if (isLeft(unit) || isLeft(officer)) throw new Error(`the idle unit and officer: ${JSON.stringify(isLeft(unit) ? unit.left : isLeft(officer) ? officer.left : undefined)}`);
  checked = withNamedSubjects(namedInRegistry(desk.references!));
  for (const readModel of readModels.all) {
    const { keys } = await readModel.keys(readModelDocuments(documents, readModel), { prefix: `${DEMO_TENANT}/`, limit: 5000 });
    const about = keys.filter((key) => readModel.subjectOfKey?.(key) !== undefined);
    const step = Math.max(1, Math.floor(about.length / 60));
    sampled.set(readModel.name, about.filter((_, i) => i % step === 0));
  }
}, 120_000);

/** `key` with the id of the unit or officer it is about replaced by `id`. */
const about = (readModel: ReadModel<unknown>, key: string, id: string): string => {
  const subject = readModel.subjectOfKey?.(key);
  const parts = key.split('/');
  const at = parts.findIndex((part, i) => i > 1 && idOfKeyPart(part) === subject?.id);
  return parts.map((part, i) => (i === at ? keyPart(id) : part)).join('/');
};

const listedKey = fc
  .constantFrom(...readModels.all.map((readModel) => readModel.name))
  .chain((name) => fc.constantFrom(...(sampled.get(name) ?? [])).map((key) => ({ readModel: readModels.byName(name) as ReadModel<unknown>, key })));

describe('figures about units and officers', () => {
  it('every read model names the unit or officer of some listed keys', () => {
    for (const readModel of readModels.all) expect(sampled.get(readModel.name)?.length, readModel.name).toBeGreaterThan(0);
  });

  it.prop([listedKey], { numRuns: 300 })('a key about one the log never names has no figure; about one it names, idle, zeros where the read model counts every period', async ({ readModel, key }) => {
    const own = readModelDocuments(documents, readModel);
    const guarded = checked(readModel);
    const kind = readModel.subjectOfKey!(key)!.kind;
    expect(await guarded.explain(own, key), key).toEqual(await readModel.explain(own, key));
    const never = about(readModel, key, NEVER[kind]);
    expect(readModel.subjectOfKey!(never), never).toEqual({ kind, id: NEVER[kind] });
    expect(await guarded.explain(own, never), never).toBeUndefined();
    expect(await readFigure(guarded, own, never), never).toBeUndefined();
    const idle = about(readModel, key, IDLE[kind]);
    expect(readModel.subjectOfKey!(idle), idle).toEqual({ kind, id: IDLE[kind] });
    const figure = await readFigure(guarded, own, idle);
    expect(figure, idle).toEqual(await readFigure(readModel, own, idle));
    if (ONLY_PERIODS_WITH_RETURNS.has(readModel.name)) return;
    expect([0, null], idle).toContain(figure?.value);
    expect((await guarded.explain(own, idle))?.contributions, idle).toEqual([]);
  });
});
