import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, createVietnamCalendar } from '../../../calendar/index.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { defaultRuleBook } from '../../../rules/index.js';
import { documentQuery, type DocumentQuery } from '../../engine/document-store.js';
import { DocumentSession, foldBatchAsync } from '../../engine/fold.js';
import { InMemoryDocumentStore } from '../../engine/in-memory-document-store.js';
import { reAddProblems, type Explanation } from '../../explain/index.js';
import { foldIntoStore, readModelOver } from '../../read-model.testkit.js';
import { documentPrefix } from '../../vocabulary/document-key.js';
import { createOfficerRatingReadModel, OFFICER_RATING, type OfficerRatingDocument } from './index.js';
import { parseFigureKey } from './explain.js';
import {
  appoint,
  at,
  byStream,
  dossierCode,
  inProvince,
  interleave,
  mergeLogs,
  newDesk,
  OTHER_PROVINCE,
  praise,
  readAllEvents,
  recordEvaluation,
  run,
  scriptDossier,
  scriptIncident,
  TENANT,
  workedExample,
} from './officer-rating.testkit.js';

const readModel = createOfficerRatingReadModel({ calendar: createVietnamCalendar(), rules: defaultRuleBook() });
const { projection } = readModel;

/** Officers in two units over 2025 and 2026, one reassigned and one gone, with dossiers, ratings, incidents, praise, a discipline and evaluations. */
const buildLog = async (): Promise<readonly RecordedEvent[]> => {
  const desk = newDesk();
  // Ids holding `/` and `%` too: figure keys carry them as key parts, in the documents' order.
  const officers = ['OF-1', 'OF-2', 'OF-3', 'OF-4', 'OF-3/B', 'OF%5'];
  // Two seconding agencies across the two units.
  for (const [i, officerId] of officers.entries()) await appoint(desk, officerId, i < 2 ? 'UNIT-A' : 'UNIT-B', '2024-01-02', i % 2 === 0 ? 'DEPT-PLANNING' : 'DEPT-JUSTICE');
  await workedExample(desk, 'OF-1', '2025-03-03', (d) => addCalendarDays('2025-03-03', d));
  await workedExample(desk, 'OF-3', '2026-03-02', (d) => addCalendarDays('2026-03-02', d));
  for (const [i, officerId] of officers.entries()) {
    await scriptDossier(desk, {
      code: dossierCode('2026-01-05'),
      officerId,
      processedBy: officers[(i + 1) % officers.length]!,
      receivedAt: at('2026-01-05'),
      returnedAt: at(i % 2 === 0 ? '2026-01-07' : '2026-01-14'),
      rating: { at: at('2026-01-15'), ...(i % 2 === 0 ? { attitude: 2 as const } : { sipasOfficers: 3 }) },
    });
  }
  await run(desk.officers.handle, {
    type: 'ReassignOfficer',
    data: { officerId: 'OF-2', unitId: 'UNIT-B', deskLevel: 'province', role: 'processing-officer', fields: ['Business'], effectiveDate: '2026-02-02', occurredAt: at('2026-02-02') },
  });
  // An unfounded incident and praise alone in a month; an officer who leaves.
  await scriptIncident(desk, {
    id: 'INC-OF-4',
    officerId: 'OF-4',
    category: 'C01',
    reportedAt: at('2026-02-03'),
    acknowledgedAt: at('2026-02-03', '11:00'),
    severity: 'serious',
    investigatedAt: at('2026-02-04'),
    concludedAt: at('2026-02-05'),
    outcome: 'unfounded',
  });
  await praise(desk, { id: 'PRAISE-OF-4', receivedAt: at('2026-04-06'), officerId: 'OF-4', unitId: 'UNIT-B' });
  await run(desk.officers.handle, { type: 'RecordOfficerLeaving', data: { officerId: 'OF-2', leftOn: '2026-05-29', reason: 'transferred', occurredAt: at('2026-05-29') } });
  await run(desk.officers.handle, {
    type: 'RecordDiscipline',
    data: { officerId: 'OF-3', form: 'reprimand', violationDate: '2026-03-09', decisionDate: '2026-03-20', decisionRef: '31/QĐ-STP', occurredAt: at('2026-03-21') },
  });
  await recordEvaluation(desk, 'OF-1', '2025', at('2026-01-10'), { level: 'good' });
  await recordEvaluation(desk, 'OF-3', '2026-Q1', at('2026-04-02'), { score: 74 });
  return readAllEvents(desk.store);
};

let log: readonly RecordedEvent[] = [];
beforeAll(async () => {
  log = await buildLog();
});

const PAGE = 7;

/** Every document of a province, by key. */
const documentsOf = async (documents: DocumentQuery<OfficerRatingDocument>, tenantId: string) => {
  const found: Record<string, OfficerRatingDocument> = {};
  for (let after: string | undefined; ; ) {
    const page = await documents.list({ prefix: documentPrefix(tenantId), limit: PAGE, ...(after === undefined ? {} : { after }) });
    for (const [key, document] of page.documents) found[key] = document;
    if (page.next === undefined) return found;
    after = page.next;
  }
};

const storeDocuments = (store: InMemoryDocumentStore, tenantId: string) => documentsOf(documentQuery(store, projection.name), tenantId);

/** Figures without positions, which differ between interleavings of the same streams. */
const figures = async (events: readonly RecordedEvent[], tenantId: string) => {
  const model = readModelOver(readModel, events);
  const found: Record<string, unknown> = {};
  for (const key of await model.keys(`${tenantId}/`)) {
    const e = (await model.explain(key))!;
    found[key] = { value: e.value, label: e.label, events: e.contributions.map((ref) => `${ref.streamId}#${ref.streamVersion}`).sort(), rules: e.ruleSetVersions };
  }
  return found;
};

describe('officer rating properties', () => {
  it('folds to the same documents in one go, in any split of batches through the store, and through an asynchronous session', async () => {
    const whole = await storeDocuments(foldIntoStore(projection, log), TENANT);
    expect(Object.keys(whole).length).toBeGreaterThan(10);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: log.length }), { maxLength: 8 }), fc.boolean(), async (cuts, asynchronous) => {
        const store = new InMemoryDocumentStore();
        let from = 0;
        for (const cut of [...new Set(cuts)].sort((a, b) => a - b).concat(log.length)) {
          const batch = log.slice(from, cut);
          from = Math.max(from, cut);
          if (!asynchronous) {
            foldIntoStore(projection, batch, store);
            continue;
          }
          const header = await store.header(projection.name);
          const session = new DocumentSession<OfficerRatingDocument>();
          const folded = await foldBatchAsync(projection, session, header?.checkpoint ?? 0, batch, (keys) => store.getMany(projection.name, keys));
          expect(folded.failure).toBeUndefined();
          await store.commit(projection.name, { version: projection.version, checkpoint: folded.checkpoint, documents: session.take(), fresh: header === undefined });
        }
        expect(await storeDocuments(store, TENANT)).toEqual(whole);
      }),
      { numRuns: 25 },
    );
  });

  it('lists the same keys, in order, for any page size, prefix and starting key', async () => {
    const model = readModelOver(readModel, log);
    const all = await model.keys(`${TENANT}/`, 1000);
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(all.length);
    expect(all.some((key) => key.includes('/unit/UNIT-B/'))).toBe(true);
    expect(all.some((key) => key.includes('/agency/DEPT-JUSTICE/'))).toBe(true);
    const prefixes = [
      `${TENANT}/`,
      `${TENANT}/officer-rating/`,
      `${TENANT}/officer-rating/officer/`,
      `${TENANT}/officer-rating/officer/OF-`,
      `${TENANT}/officer-rating/officer/OF-3/`,
      `${TENANT}/officer-rating/officer/OF-3/quarter/`,
      `${TENANT}/officer-rating/unit/`,
      `${TENANT}/officer-rating/unit/UNIT-B/year/2026/`,
      `${TENANT}/officer-rating/u`,
      `${TENANT}/officer-rating/agency/`,
      `${TENANT}/officer-rating/agency/DEPT-JUSTICE/quarter/`,
      `${TENANT}/officer-rating/a`,
      `${OTHER_PROVINCE}/`,
    ];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.constantFrom(...prefixes), async (pageSize, prefix) => {
        expect(await model.keys(prefix, pageSize)).toEqual(all.filter((key) => key.startsWith(prefix)));
      }),
      { numRuns: 30 },
    );
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: all.length - 1 }), fc.constantFrom('', '0', '~'), async (index, suffix) => {
        const after = `${all[index]!}${suffix}`;
        const page = await readModel.keys(model.documents, { prefix: `${TENANT}/`, after, limit: 5 });
        expect(page.keys).toEqual(all.filter((key) => key > after).slice(0, 5));
      }),
      { numRuns: 30 },
    );
  });

  it('gives the same figures for any interleaving of unrelated streams', async () => {
    const reference = await figures(log, TENANT);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), async (picks) => {
        expect(await figures(await interleave(byStream(log), picks), TENANT)).toEqual(reference);
      }),
      { numRuns: 10 },
    );
  });

  it("changes no document of a province because of another province's events, in any interleaving", async () => {
    const second = log.map((event) => inProvince(event, OTHER_PROVINCE));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 200 }), async (picks) => {
        const merged = mergeLogs(log, second, picks);
        const both = foldIntoStore(projection, merged);
        for (const tenantId of [TENANT, OTHER_PROVINCE]) {
          // The province's own events, at the positions they have in the merged log.
          const alone = foldIntoStore(projection, merged.filter((event) => event.metadata.tenantId === tenantId));
          const documents = await storeDocuments(both, tenantId);
          expect(Object.keys(documents).length).toBeGreaterThan(0);
          expect(documents).toEqual(await storeDocuments(alone, tenantId));
        }
      }),
      { numRuns: 15 },
    );
  });

  it('explains every figure with arithmetic that re-adds, and the queries give the values explained', async () => {
    const model = readModelOver(readModel, log);
    const keys = await model.keys(`${TENANT}/`);
    expect(keys.length).toBeGreaterThan(100);
    for (const key of keys) {
      const explanation = (await model.explain(key)) as Explanation;
      expect(explanation, key).toBeDefined();
      expect(reAddProblems(explanation), key).toEqual([]);
      expect(explanation.ruleSetVersions.length, key).toBeGreaterThan(0);
      expect(explanation.readModel).toBe(OFFICER_RATING);
      const parsed = parseFigureKey(key)!;
      if (parsed.scope === 'unit') {
        expect((await readModel.queries.unitExcellentCap(model.documents, TENANT, parsed.id, parsed.period))?.excellentShare, key).toBe(explanation.value);
        continue;
      }
      if (parsed.scope === 'agency') {
        const cap = (await readModel.queries.agencyExcellentCap(model.documents, TENANT, parsed.id, parsed.period))!;
        expect(cap.excellentShare, key).toBe(explanation.value);
        expect(cap.exceeded, key).toBe(explanation.label === 'cap-exceeded');
        continue;
      }
      const proposal = (await readModel.queries.officerRatingProposal(model.documents, TENANT, parsed.id, parsed.period))!;
      if (parsed.measure === 'recorded') expect(proposal.recorded?.level, key).toBe(explanation.label);
      else expect(proposal.figures[parsed.measure as keyof typeof proposal.figures], key).toBe(explanation.value);
      if (parsed.measure === 'level') expect(proposal.proposed.level, key).toBe(explanation.label);
    }
  });
});
