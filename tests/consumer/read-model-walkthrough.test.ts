import { describe, expect, it } from 'vitest';
// The walkthrough of docs/contributing.md ("Adding a read model"), as an embedder writes it: every
// name from the public entry point. A name it uses that '@motcua/core' does not export fails tsc here.
import {
  createDesk,
  createReadModels,
  dayOfEvent,
  defineProjection,
  documentFigureKeys,
  documentKey,
  documentQuery,
  figureKeyPage,
  fixedClock,
  guardFigures,
  InMemoryDocumentStore,
  InMemoryEventStore,
  keyPart,
  keyPeriod,
  ProjectionEngine,
  withinRules,
  type DocumentQuery,
  type ExplainedFigure,
  type ReadModel,
} from '@motcua/core';
import { staffUnit } from '../../packages/core/src/desk/organisation.testkit.js';

const RECEIPTS = 'receipts';

interface ReceiptsDocument {
  readonly count: number;
  readonly positions: readonly number[];
}

const receiptsKey = (tenantId: string, unitId: string, day: string): string => documentKey(tenantId, RECEIPTS, keyPart(unitId), day);

const receiptsProjection = defineProjection<ReceiptsDocument>({
  name: RECEIPTS,
  version: 1,
  handlers: {
    DossierReceived: {
      touches: (event) => [receiptsKey(event.metadata.tenantId, event.data.receivingUnitId, dayOfEvent(event))],
      evolve: (document, event) => ({
        count: (document?.count ?? 0) + 1,
        positions: [...(document?.positions ?? []), event.metadata.globalPosition],
      }),
    },
  },
});

const receivedOn = async (documents: DocumentQuery<ReceiptsDocument>, tenantId: string, unitId: string, day: string): Promise<number> =>
  (await documents.get(receiptsKey(tenantId, unitId, day)))?.count ?? 0;

const FIGURE = '/count';

const explainReceipts = async (documents: DocumentQuery<ReceiptsDocument>, key: string): Promise<ExplainedFigure | undefined> => {
  if (!key.endsWith(FIGURE)) return undefined;
  const document = await documents.get(key.slice(0, -FIGURE.length));
  if (document === undefined) return undefined;
  return {
    readModel: RECEIPTS,
    key,
    value: document.count,
    ruleSetVersions: [],
    contributions: document.positions,
    steps: [{ label: 'dossiers received (events by global position)', op: 'count', inputs: document.positions, result: document.count }],
  };
};

const receiptsReadModel = {
  name: RECEIPTS,
  description: 'Dossiers received, per unit and Vietnamese day',
  projection: receiptsProjection,
  exampleKey: 'receipts/tn-hcc/2026-03-02/count',
  periodOfKey: keyPeriod.dayAfterUnit,
  keys: (documents, query) => figureKeyPage(documents, query, (tenantId) => [documentFigureKeys<ReceiptsDocument>(tenantId, RECEIPTS, 4, (key) => [`${key}${FIGURE}`])]),
  explain: explainReceipts,
  queries: { receivedOn },
} satisfies ReadModel<ReceiptsDocument> & { readonly queries: unknown };

const TENANT = 'thai-nguyen';
const UNIT = 'tn-hcc';

describe("the walkthrough's read model, built on @motcua/core and given to the registry as extra", () => {
  it('Given a dossier received on Monday 2 March 2026, When the registry with the extra read model is folded, Then its figure is 1 and names the receipt', async () => {
    const clock = fixedClock('2026-03-02T08:00:00Z');
    const store = new InMemoryEventStore({ clock });
    const desk = createDesk({ store, clock });
    await staffUnit(desk, TENANT, { unit: UNIT, officers: ['officer-lan'] });
    const received = await desk.dossiers.handle(
      {
        type: 'ReceiveDossier',
        data: {
          dossierCode: '000.00.15.H55-260302-0001', occurredAt: '2026-03-02T09:00:00+07:00', receivingUnitId: UNIT, procedureCode: '1.000894', channel: 'counter',
          applicantId: 'subject-1', priorityGroup: 'none', documents: ['Tờ khai đăng ký kết hôn (theo mẫu)'], feeDong: 0, officerId: 'officer-lan',
        },
      },
      { actor: { id: 'officer-lan', role: 'receptionist' }, tenantId: TENANT },
    );
    expect(received._tag).toBe('Right');
    const readModels = createReadModels({ calendar: desk.calendar, rules: desk.rules }, { extra: [receiptsReadModel] });
    const documents = new InMemoryDocumentStore();
    const engine = new ProjectionEngine({ eventStore: store, documentStore: documents, projections: readModels.projections });
    await engine.start();
    await engine.caughtUp();
    await engine.stop();
    const query = documentQuery<ReceiptsDocument>(documents, RECEIPTS);
    expect(await receivedOn(query, TENANT, UNIT, '2026-03-02')).toBe(1);
    const explained = await readModels.byName(RECEIPTS)?.explain(query, `${TENANT}/receipts/${UNIT}/2026-03-02/count`);
    expect(explained?.value).toBe(1);
    expect(readModels.all.at(-1)?.name).toBe(RECEIPTS);
  });

  it('Given an extra read model that answers any key, Then through the registry it has no figure for a day no rule set covers, as the built-in ones', async () => {
    const answersAll = { ...receiptsReadModel, explain: async (_documents: unknown, key: string) => ({ readModel: RECEIPTS, key, value: 1, ruleSetVersions: [], contributions: [], steps: [] }) };
    const desk = createDesk();
    const served = createReadModels({ calendar: desk.calendar, rules: desk.rules }, { extra: [answersAll] }).byName(RECEIPTS)!;
    const query = documentQuery<ReceiptsDocument>(new InMemoryDocumentStore(), RECEIPTS);
    expect(await served.explain(query, `${TENANT}/receipts/${UNIT}/1999-03-02/count`)).toBeUndefined();
    expect((await served.explain(query, `${TENANT}/receipts/${UNIT}/2026-03-02/count`))?.value).toBe(1);
    // The same guard, for a read model run without the registry.
    expect(await withinRules(desk.rules)(answersAll).explain(query, `${TENANT}/receipts/${UNIT}/1999-03-02/count`)).toBeUndefined();
    expect(await guardFigures(answersAll, (key) => key.includes('/1999-')).explain(query, `${TENANT}/receipts/${UNIT}/1999-03-02/count`)).toBeUndefined();
  });

  it.each([
    [[receiptsReadModel, receiptsReadModel], 'two read models are named receipts'],
    [[{ ...receiptsReadModel, name: 'praise' }], 'two read models are named praise'],
    [[{ ...receiptsReadModel, name: 'mine', projection: { ...receiptsProjection, name: 'unit-board' } }], 'two projections are named unit-board'],
  ])('refuses an extra read model whose name is taken: %#', (extra, message) => {
    const desk = createDesk();
    expect(() => createReadModels({ calendar: desk.calendar, rules: desk.rules }, { extra })).toThrow(message);
  });
});
