import { describe, expect, it } from 'vitest';
import { incidentStreamId } from '../conduct/state.js';
import type { DossierCommand } from '../dossier/commands.js';
import { dossierStreamId } from '../dossier/decider.js';
import { reAddProblems } from '../read-side/explain/re-add.js';
import { code, complaintStream, dossierEvents, dossierStream, feedbackStream, foldAll, kit, praiseStream, readModelsWith, record, TENANT, type Stream } from './dossier-read-models.testkit.js';

const { receive, transfer, complete, returnResult, requestSupplement, receiveSupplement, forward, returnFromAgency, guidance, rate } = kit;

/** Received Mon 2026-03-02 09:00 (due Mon 9 Mar), transferred, decided and returned on `returnOn`. */
const returnedOn = (returnOn: string, extra: Partial<DossierCommand['data']> = {}): DossierCommand[] => [
  receive('2026-03-02T09:00', extra as never),
  transfer('2026-03-02T10:00'),
  complete(`${returnOn}T08:00`),
  returnResult(`${returnOn}T09:00`),
];
const EARLY = returnedOn('2026-03-05');
const ON_DAY = returnedOn('2026-03-09');
const LATE = returnedOn('2026-03-10');
/** One supplement: requested Tue 3 Mar, brought Wed 4 Mar; RESTART makes it due Wed 11 Mar. */
const withSupplement = (returnOn: string): DossierCommand[] => [
  receive('2026-03-02T09:00'),
  transfer('2026-03-02T10:00'),
  requestSupplement('2026-03-03T09:00'),
  receiveSupplement('2026-03-04T10:00', 'postal'),
  complete(`${returnOn}T08:00`),
  returnResult(`${returnOn}T09:00`),
];
/** Forwarded to the tax agency, which answers on the last day of its 3-working-day step. */
const withAgencyOnItsDueDay = (dossierCode: string): DossierCommand[] => {
  const start = [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), forward('2026-03-02T11:00')];
  const forwarded = dossierEvents(dossierCode, start).find((e) => e.type === 'ForwardedToAgency');
  const stepDue = (forwarded?.data as { stepDueDate: string }).stepDueDate;
  return [...start, returnFromAgency(`${stepDue}T09:00`), complete(`${stepDue}T10:00`), returnResult('2026-03-06T09:00')];
};

describe('TT01 officer evaluation: the worked example of docs/domain/indices.md §1', () => {
  // D1 early and clean, D2 on time after one supplement, D3 late, D4 early with a substantiated complaint.
  const streams: Stream[] = [
    dossierStream(code(1), EARLY),
    dossierStream(code(2), withSupplement('2026-03-11')),
    dossierStream(code(3), LATE),
    dossierStream(code(4), EARLY),
    complaintStream('INC-1', code(4)),
  ];
  const events = record(streams);
  const key = `${TENANT}/tt01/officer/officer-7/month/2026-03/total`;

  it('gives the per-dossier indices of the table', () => {
    const { projection, queries } = readModelsWith();
    const state = foldAll(projection, events);
    expect(dossierEvents(code(2), withSupplement('2026-03-11')).find((e) => e.type === 'SupplementReceived')?.data).toMatchObject({ dueDate: '2026-03-11' });
    expect([1, 2, 3, 4].map((n) => queries.dossierIndices(state, TENANT, code(n))?.derived)).toEqual([
      [2, 2, 2, 2, 2],
      [1, 1, 1, 1, 1],
      [0, 0, 2, 2, 0],
      [2, 2, 2, 2, 0],
    ]);
  });

  it('rounds half up to means 1.3, 1.3, 1.8, 1.8, 0.8: total 7.0, the 100% band', () => {
    const { projection, queries, readModels } = readModelsWith();
    const state = foldAll(projection, events);
    const figures = queries.circular01(state, TENANT, 'officer', 'officer-7', 'month', '2026-03');
    expect(figures?.means).toEqual({ '1': 1.3, '2': 1.3, '3': 1.8, '4': 1.8, '7': 0.8 });
    expect(figures?.total).toBe(7);
    expect(figures?.band).toBe('100%');
    const explained = readModels.circular01.explain(state, key);
    expect(explained).toMatchObject({ value: 7, label: '100%' });
    expect(reAddProblems(explained!)).toEqual([]);
    expect(explained?.ruleSetVersions).toEqual(['decree-118-2025-amended-2026', 'circular01-scoring-v1']);
    // Every dossier's return and the complaint behind D4's index 7 are among the events shown
    const shown = explained!.contributions.map((ref) => `${ref.streamId}:${ref.type}`);
    expect(shown).toContain(`${dossierStreamId(TENANT, code(3))}:ResultReturned`);
    expect(shown).toContain(`${incidentStreamId(TENANT, 'INC-1')}:IncidentConcluded`);
  });

  it("banker's rounding (a rule-set setting) gives 1.2 for indices 1 and 2: total 6.8", () => {
    const { projection, queries, readModels } = readModelsWith({ indexRounding: 'half-even' });
    const state = foldAll(projection, events);
    const figures = queries.circular01(state, TENANT, 'officer', 'officer-7', 'month', '2026-03');
    expect(figures?.means).toEqual({ '1': 1.2, '2': 1.2, '3': 1.8, '4': 1.8, '7': 0.8 });
    expect(figures?.total).toBe(6.8);
    expect(reAddProblems(readModels.circular01.explain(state, key)!)).toEqual([]);
  });

  it('an unfounded complaint leaves index 7 alone, and a late-without-complaint policy of 1 lifts D3', () => {
    const unfounded = record([...streams.slice(0, 4), complaintStream('INC-1', code(4), 'unfounded')]);
    const { projection, queries } = readModelsWith();
    expect(queries.circular01(foldAll(projection, unfounded), TENANT, 'officer', 'officer-7', 'month', '2026-03')?.means['7']).toBe(1.3);
    const lenient = readModelsWith({ circular01Scoring: { version: 'lenient', lateWithoutComplaintAttitude: 1, timelinessAgainst: 'original-due-date', digits: 1 } });
    expect(lenient.queries.dossierIndices(foldAll(lenient.projection, events), TENANT, code(3))?.derived).toEqual([0, 0, 2, 2, 1]);
  });
});

describe("the citizen's own TT01 scores beside the derived ones", () => {
  it('flags the indices where they disagree, in the query and in the explanation', () => {
    // The dossier was late (index 1 derived 0) but the citizen gave 2; on index 7 both say 0.
    const events = record([dossierStream(code(1), [...LATE, rate('2026-03-11T09:00', { circular01: { '1': 2, '7': 0 } })])]);
    const { projection, queries, readModels } = readModelsWith();
    const state = foldAll(projection, events);
    expect(queries.dossierIndices(state, TENANT, code(1))?.comparison).toEqual([
      { index: '1', derived: 0, citizen: 2, disagree: true },
      { index: '7', derived: 0, citizen: 0, disagree: false },
    ]);
    expect(readModels.circular01.explain(state, `${TENANT}/tt01/dossier/${code(1)}/i1`)).toMatchObject({ value: 0, label: 'citizen 2, disagrees' });
    expect(readModels.circular01.explain(state, `${TENANT}/tt01/dossier/${code(1)}/i7`)).toMatchObject({ value: 0, label: 'citizen 0, agrees' });
  });
});

describe('TT01 agency evaluation: the example of docs/domain/indices.md §1', () => {
  // Ten dossiers whose means are 1.6, 1.5, 1.8, 1.7, 1.4 (8.0); index 8 from feedback, 5, 6, 9 as inputs.
  const unitDossiers: DossierCommand[][] = [
    EARLY,
    EARLY,
    withSupplement('2026-03-05'),
    withSupplement('2026-03-05'),
    [guidance('2026-02-27T09:00'), ...EARLY],
    LATE,
    ON_DAY,
    ON_DAY,
    withAgencyOnItsDueDay(code(9)),
    EARLY,
  ];
  const streams: Stream[] = [
    ...unitDossiers.map((commands, i) => dossierStream(code(i + 1), commands)),
    complaintStream('INC-10', code(10)),
    ...Array.from({ length: 10 }, (_, i) => feedbackStream(`FB-${i}`, 'unit-h12', '2026-03-10', i !== 0)),
  ];
  const inputs = { 'unit/unit-h12': { '2026-03': { source: 'inspection report 12/BC-TTPVHCC', circular01: { '5': 2, '6': 2, '9': 1 } } } } as const;

  it('adds 8.0 and 2 + 2 + 1 + 1 to 14.0 of 18: good', () => {
    const { projection, queries, readModels } = readModelsWith({}, inputs);
    const state = foldAll(projection, record(streams));
    const figures = queries.circular01(state, TENANT, 'unit', 'unit-h12', 'month', '2026-03');
    expect(figures?.means).toEqual({ '1': 1.6, '2': 1.5, '3': 1.8, '4': 1.7, '7': 1.4 });
    expect(figures?.unitLevel?.['8']).toEqual({ value: 1, source: 'events' });
    expect(figures?.total).toBe(14);
    expect(figures?.band).toBe('good');
    const explained = readModels.circular01.explain(state, `${TENANT}/tt01/unit/unit-h12/month/2026-03/total`);
    expect(explained).toMatchObject({ value: 14, label: 'good' });
    expect(reAddProblems(explained!)).toEqual([]);
  });

  it('without the inputs the total is not measured, and says which indices are missing', () => {
    const { projection, queries, readModels } = readModelsWith();
    const state = foldAll(projection, record(streams));
    expect(queries.circular01(state, TENANT, 'unit', 'unit-h12', 'month', '2026-03')).toMatchObject({ total: null, notMeasured: 'indices 5, 6, 9 not measured' });
    expect(readModels.circular01.explain(state, `${TENANT}/tt01/unit/unit-h12/month/2026-03/i5`)).toMatchObject({ value: null, notMeasured: expect.stringContaining('no input') });
  });
});

describe('service index, Decision 766: the example of docs/domain/indices.md §2', () => {
  // March 2026 at unit-h12: 12 dossiers received (9 online), 10 returned (9 in time), 6 ratings, 2 feedback.
  const online = { channel: 'online' } as const;
  const dossiers: DossierCommand[][] = [
    ...Array.from({ length: 8 }, () => returnedOn('2026-03-05', online)),
    returnedOn('2026-03-09', online),
    returnedOn('2026-03-10'),
    [receive('2026-03-02T09:00')],
    [receive('2026-03-02T09:00')],
  ];
  const ratings = [5, 5, 5, 5, 5, 2].map((level, i) => rate('2026-03-20T09:00', { sipas: i === 0 ? { officers: level, feedbackHandling: 5 } : { officers: level } }));
  const streams: Stream[] = [
    ...dossiers.map((commands, i) => dossierStream(code(i + 1), i < 6 ? [...commands, ratings[i] as DossierCommand] : commands)),
    feedbackStream('FB-1', 'unit-h12', '2026-03-10', true),
    feedbackStream('FB-2', 'unit-h12', '2026-03-11', true),
    // Praise asks for no answer: it is not feedback left unhandled.
    praiseStream('FB-3', 'unit-h12', '2026-03-12'),
  ];
  const inputs = {
    'unit/unit-h12': { '2026-03': { source: 'provincial portal statistics, March 2026', index766: { transparency: 16, onlinePayment: 6, digitisation: 15 } } },
  };

  it('adds 16 + 18 + 9 + 6 + 15 + 17 to 81', () => {
    const { projection, queries, readModels } = readModelsWith({}, inputs);
    const state = foldAll(projection, record(streams));
    const index = queries.serviceIndex(state, TENANT, 'unit', 'unit-h12', 'month', '2026-03');
    const values = Object.fromEntries(Object.entries(index.components).map(([name, c]) => [name, c.value]));
    expect(values).toEqual({ transparency: 16, progress: 18, onlineService: 9, onlinePayment: 6, digitisation: 15, satisfaction: 17 });
    expect(index.total).toBe(81);
    const explained = readModels.serviceIndex.explain(state, `${TENANT}/index766/unit/unit-h12/month/2026-03/total`);
    expect(explained?.value).toBe(81);
    expect(reAddProblems(explained!)).toEqual([]);
  });

  it('a component without data is null with the reason, and so is the total', () => {
    const { projection, readModels } = readModelsWith();
    const state = foldAll(projection, record(streams));
    expect(readModels.serviceIndex.explain(state, `${TENANT}/index766/unit/unit-h12/month/2026-03/digitisation`)).toMatchObject({
      value: null,
      notMeasured: expect.stringContaining('carried by no event'),
    });
    expect(readModels.serviceIndex.explain(state, `${TENANT}/index766/unit/unit-h12/month/2026-03/total`)).toMatchObject({
      value: null,
      notMeasured: 'not measured: transparency, onlinePayment, digitisation',
    });
  });
});

describe('SIPAS index: the example of docs/domain/indices.md §4', () => {
  it('352 satisfied answers of 400 give 88.0%', () => {
    const all = (level: number) => ({ access: level, procedure: level, officers: level, result: level, feedbackHandling: level });
    const levels = [
      ...Array.from({ length: 70 }, () => all(5)),
      { access: 4, procedure: 4, officers: 3, result: 3, feedbackHandling: 3 },
      ...Array.from({ length: 9 }, (_, i) => all(i % 2 === 0 ? 2 : 3)),
    ];
    const streams = levels.map((sipas, i) => dossierStream(code(i + 1), [...EARLY, rate('2026-03-20T09:00', { sipas })]));
    const { projection, queries, readModels } = readModelsWith();
    const state = foldAll(projection, record(streams));
    expect(queries.sipas(state, TENANT, 'province', 'province-01', 'month', '2026-03')).toEqual({ value: 88, satisfied: 352, answers: 400 });
    const explained = readModels.sipas.explain(state, `${TENANT}/sipas/unit/unit-h12/quarter/2026-Q1/overall`);
    expect(explained?.value).toBe(88);
    expect(explained?.contributions).toHaveLength(80);
    expect(reAddProblems(explained!)).toEqual([]);
  });
});

describe('periods are Vietnamese calendar days', () => {
  it('a dossier returned at 2026-03-31T23:30+07:00 counts in March; one at 2026-04-01T06:30+07:00 (still 31 March in UTC) in April', () => {
    const late = (instant: string): DossierCommand[] => [receive('2026-03-27T09:00'), transfer('2026-03-27T10:00'), complete('2026-03-31T08:00'), returnResult(instant)];
    const streams = [dossierStream(code(1), late('2026-03-31T23:30')), dossierStream(code(2), late('2026-04-01T06:30'))];
    const { projection, queries, readModels } = readModelsWith();
    const state = foldAll(projection, record(streams));
    expect(queries.timeliness(state, TENANT, 'unit', 'unit-h12', 'month', '2026-03')?.resolved).toBe(1);
    expect(queries.timeliness(state, TENANT, 'unit', 'unit-h12', 'month', '2026-04')?.resolved).toBe(1);
    expect(queries.timeliness(state, TENANT, 'unit', 'unit-h12', 'day', '2026-03-31')?.resolved).toBe(1);
    expect(queries.unitBoard(state, TENANT, 'unit-h12', '2026-03-31')?.returnedEarly).toBe(1);
    const march = readModels.timeliness.explain(state, `${TENANT}/timeliness/unit/unit-h12/month/2026-03/onTimeRate`);
    expect(march?.contributions.filter((ref) => ref.type === 'ResultReturned').map((ref) => ref.streamId)).toEqual([dossierStreamId(TENANT, code(1))]);
  });
});

describe('unit board and timeliness', () => {
  it('counts a day: received, due, overdue, waiting, with an agency, returned, average working days', () => {
    const streams = [
      dossierStream(code(1), EARLY),
      dossierStream(code(2), LATE),
      dossierStream(code(3), [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), requestSupplement('2026-03-03T09:00')]),
      dossierStream(code(4), [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), forward('2026-03-02T11:00')]),
    ];
    const { projection, queries } = readModelsWith();
    const state = foldAll(projection, record(streams));
    expect(queries.unitBoard(state, TENANT, 'unit-h12', '2026-03-02')).toMatchObject({ received: 4, withAgency: 1, awaitingSupplement: 0 });
    expect(queries.unitBoard(state, TENANT, 'unit-h12', '2026-03-09')).toMatchObject({ dueToday: 4, overdue: 0, awaitingSupplement: 1, withAgency: 1 });
    // On 10 March D2 (returned late that day), D3 (its due date unmoved until the supplement comes) and D4 are overdue
    expect(queries.unitBoard(state, TENANT, 'unit-h12', '2026-03-10')).toMatchObject({ overdue: 3, returnedLate: 1, averageWorkingDaysToReturn: 6 });
    expect(queries.unitBoard(state, TENANT, 'unit-h12', '2026-03-05')).toMatchObject({ returnedEarly: 1, averageWorkingDaysToReturn: 3 });
    expect(queries.timeliness(state, TENANT, 'province', 'province-01', 'quarter', '2026-Q1')).toMatchObject({
      resolved: 2,
      earlyShare: 50,
      lateShare: 50,
      onTimeRate: 50,
      apologyCompliance: 0,
    });
  });
});
