import { describe, expect, it } from 'vitest';
import { incidentStreamId } from '../../../conduct/state.js';
import type { DossierCommand } from '../../../dossier/commands.js';
import { dossierStreamId } from '../../../dossier/decider.js';
import { feedbackStreamId } from '../../../feedback/state.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { reAddProblems } from '../../explain/re-add.js';
import { readModelOver } from '../../read-model.testkit.js';
import { code, complaintStream, depsWith, dossierEvents, dossierStream, feedbackStream, kit, praiseStream, satisfactionReadModelLaws, record, TENANT, type Stream } from '../satisfaction-support/dossier-figures.testkit.js';
import { DocumentSession, foldBatch } from '../../engine/fold.js';
import type { SatisfactionDocument } from '../satisfaction-support/documents.js';
import { circular01Projection, createCircular01ReadModel } from './index.js';
import { decodeUnitLevelInputs, type UnitLevelInputs } from '../satisfaction-support/unit-level-inputs.js';
import { isLeft, isRight } from '../../../fp.js';

const { receive, transfer, complete, returnResult, requestSupplement, receiveSupplement, forward, returnFromAgency, guidance, rate } = kit;

/** Received Mon 2026-03-02 09:00 (due Mon 9 Mar), transferred, decided and returned on `returnOn`. */
export const returnedOn = (returnOn: string, extra: Partial<DossierCommand['data']> = {}): DossierCommand[] => [
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

const over = (events: readonly RecordedEvent[], change: Parameters<typeof depsWith>[0] = {}, inputs: UnitLevelInputs = {}) => {
  const readModel = createCircular01ReadModel(depsWith(change, inputs));
  return { readModel, ...readModelOver(readModel, events) };
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

  it('gives the per-dossier indices of the table', async () => {
    const { readModel, documents } = over(events);
    const derived = await Promise.all([1, 2, 3, 4].map(async (n) => (await readModel.queries.dossierIndices(documents, TENANT, code(n)))?.derived));
    expect(derived).toEqual([
      [2, 2, 2, 2, 2],
      [1, 1, 1, 1, 1],
      [0, 0, 2, 2, 0],
      [2, 2, 2, 2, 0],
    ]);
  });

  it('rounds half up to means 1.3, 1.3, 1.8, 1.8, 0.8: total 7.0, the 100% band', async () => {
    const { readModel, documents, explain } = over(events);
    const figures = await readModel.queries.circular01(documents, TENANT, 'officer', 'officer-7', 'month', '2026-03');
    expect(figures?.means).toEqual({ '1': 1.3, '2': 1.3, '3': 1.8, '4': 1.8, '7': 0.8 });
    expect(figures?.total).toBe(7);
    expect(figures?.band).toBe('100%');
    const explained = await explain(key);
    expect(explained).toMatchObject({ value: 7, label: '100%' });
    expect(reAddProblems(explained!)).toEqual([]);
    expect(explained?.ruleSetVersions).toEqual(['decree-118-2025-amended-2026', 'circular01-scoring-v1']);
    // Every dossier's return and the complaint behind D4's index 7 are among the events shown
    const shown = explained!.contributions.map((ref) => `${ref.streamId}:${ref.type}`);
    expect(shown).toContain(`${dossierStreamId(TENANT, code(3))}:ResultReturned`);
    expect(shown).toContain(`${incidentStreamId(TENANT, 'INC-1')}:IncidentConcluded`);
  });

  it("banker's rounding (a rule-set setting, read at query time) gives 1.2 for indices 1 and 2: total 6.8", async () => {
    // The same documents, another rule book: no rebuild.
    const { documents } = over(events);
    const evenly = createCircular01ReadModel(depsWith({ indexRounding: 'half-even' }));
    const figures = await evenly.queries.circular01(documents, TENANT, 'officer', 'officer-7', 'month', '2026-03');
    expect(figures?.means).toEqual({ '1': 1.2, '2': 1.2, '3': 1.8, '4': 1.8, '7': 0.8 });
    expect(figures?.total).toBe(6.8);
    expect(reAddProblems((await over(events, { indexRounding: 'half-even' }).explain(key))!)).toEqual([]);
  });

  it('an unfounded complaint leaves index 7 alone, and a late-without-complaint policy of 1 lifts D3', async () => {
    const unfounded = over(record([...streams.slice(0, 4), complaintStream('INC-1', code(4), 'unfounded')]));
    expect((await unfounded.readModel.queries.circular01(unfounded.documents, TENANT, 'officer', 'officer-7', 'month', '2026-03'))?.means['7']).toBe(1.3);
    const lenient = over(events, { circular01Scoring: { version: 'lenient', lateWithoutComplaintAttitude: 1, timelinessAgainst: 'original-due-date', digits: 1 } });
    expect((await lenient.readModel.queries.dossierIndices(lenient.documents, TENANT, code(3)))?.derived).toEqual([0, 0, 2, 2, 1]);
    expect((await lenient.readModel.queries.circular01(lenient.documents, TENANT, 'officer', 'officer-7', 'month', '2026-03'))?.means['7']).toBe(1);
  });

  it('an incident a camera or an inspection found on the dossier is no complaint: index 7 stays as the dossier earned it', async () => {
    for (const source of ['camera', 'regular-inspection', 'surprise-inspection'] as const) {
      const found = over(record([...streams.slice(0, 4), complaintStream('INC-1', code(4), 'substantiated', source)]));
      expect((await found.readModel.queries.dossierIndices(found.documents, TENANT, code(4)))?.derived, source).toEqual([2, 2, 2, 2, 2]);
    }
    for (const source of ['citizen-feedback', 'hotline', 'suggestion-box'] as const) {
      const complained = over(record([...streams.slice(0, 4), complaintStream('INC-1', code(4), 'substantiated', source)]));
      expect((await complained.readModel.queries.dossierIndices(complained.documents, TENANT, code(4)))?.derived, source).toEqual([2, 2, 2, 2, 0]);
    }
  });

  it('a complaint concluded before the dossier is returned counts the same', async () => {
    const early = over(record([streams[4]!, ...streams.slice(0, 4)]));
    expect((await early.readModel.queries.circular01(early.documents, TENANT, 'officer', 'officer-7', 'month', '2026-03'))?.means['7']).toBe(0.8);
  });
});

describe('TT01 index 1 is judged when the result reaches the desk, against the original due date', () => {
  const { resultReady, apologise } = kit;
  // Decided and ready at the desk on Tue 3 March (due Mon 9 March), collected on Thu 12 March.
  const collectedLate = (ready: boolean): DossierCommand[] => [
    receive('2026-03-02T09:00'),
    transfer('2026-03-02T10:00'),
    complete('2026-03-03T10:00'),
    ...(ready ? [resultReady('2026-03-03T15:00')] : []),
    returnResult('2026-03-12T10:00'),
  ];
  // Apologised on 6 March with a new date of 13 March, ready and returned on 12 March.
  const apologised: DossierCommand[] = [
    receive('2026-03-02T09:00'),
    transfer('2026-03-02T10:00'),
    apologise('2026-03-06T09:00', '2026-03-13'),
    complete('2026-03-12T08:00'),
    resultReady('2026-03-12T08:30'),
    returnResult('2026-03-12T09:00'),
  ];

  it('ready on 3 March scores early (2) though collected on 12 March; without ResultReady the return day is judged (0)', async () => {
    const { readModel, documents, explain } = over(record([dossierStream(code(1), collectedLate(true)), dossierStream(code(2), collectedLate(false))]));
    expect((await readModel.queries.dossierIndices(documents, TENANT, code(1)))?.derived).toEqual([2, 2, 2, 2, 2]);
    expect((await readModel.queries.dossierIndices(documents, TENANT, code(2)))?.derived).toEqual([0, 0, 2, 2, 0]);
    const explained = await explain(`${TENANT}/tt01/dossier/${code(1)}/i1`);
    expect(explained?.value).toBe(2);
    expect(explained?.contributions.map((ref) => ref.type)).toContain('ResultReady');
  });

  it("an apology's new date does not lift index 1: late against the original date scores 0", async () => {
    const { readModel, documents } = over(record([dossierStream(code(1), apologised)]));
    expect((await readModel.queries.dossierIndices(documents, TENANT, code(1)))?.derived).toEqual([0, 0, 2, 2, 0]);
  });
});

describe("TT01 index 3 leaves out contacts the applicant's own fault made necessary (docs/domain/indices.md §1)", () => {
  const { submit, requestAtIntake } = kit;
  // The desk finds on Tue 3 March that the site plan the applicant gave contradicts the land record.
  const supplementBy = (causedByApplicant: boolean): DossierCommand[] => {
    const [received, transferred, request, ...rest] = withSupplement('2026-03-05');
    const data = { ...(request as DossierCommand & { type: 'RequestSupplement' }).data, ...(causedByApplicant ? { causedByApplicant } : {}) };
    return [received!, transferred!, { type: 'RequestSupplement', data } as DossierCommand, ...rest];
  };
  // Submitted Mon 2 March with an ID copy the applicant had mistyped, asked again at intake, received Tue 3 March.
  const atIntakeByApplicant: DossierCommand[] = [
    submit('2026-03-02T08:00'),
    { ...requestAtIntake('2026-03-02T08:30'), data: { ...requestAtIntake('2026-03-02T08:30').data, causedByApplicant: true } },
    submit('2026-03-02T09:00'),
    receive('2026-03-02T09:30'),
    transfer('2026-03-02T10:00'),
    complete('2026-03-05T08:00'),
    returnResult('2026-03-05T09:00'),
  ];

  it('one applicant-caused supplement scores 2 on index 3 (1 had the desk caused it); index 4 still sees the supplement', async () => {
    const { readModel, documents, explain } = over(record([dossierStream(code(1), supplementBy(true)), dossierStream(code(2), supplementBy(false))]));
    expect((await readModel.queries.dossierIndices(documents, TENANT, code(1)))?.derived).toEqual([2, 2, 2, 1, 2]);
    expect((await readModel.queries.dossierIndices(documents, TENANT, code(2)))?.derived).toEqual([2, 2, 1, 1, 2]);
    const explained = await explain(`${TENANT}/tt01/dossier/${code(1)}/i3`);
    expect(explained).toMatchObject({ value: 2, ruleSetVersions: ['decree-118-2025-amended-2026', 'circular01-scoring-v1'] });
    expect(explained?.contributions.map((ref) => ref.type)).toContain('SupplementRequested');
    // Means over both: index 3 (2 + 1) / 2 = 1.5, re-added.
    const mean = await explain(`${TENANT}/tt01/officer/officer-7/month/2026-03/i3`);
    expect(mean?.value).toBe(1.5);
    expect(reAddProblems(mean!)).toEqual([]);
    expect(reAddProblems((await explain(`${TENANT}/tt01/officer/officer-7/month/2026-03/total`))!)).toEqual([]);
  });

  it('a request at intake the applicant caused is left out the same way', async () => {
    const { readModel, documents } = over(record([dossierStream(code(1), atIntakeByApplicant)]));
    expect((await readModel.queries.dossierIndices(documents, TENANT, code(1)))?.derived).toEqual([2, 2, 2, 1, 2]);
  });
});

describe('TT01 index 2 judges form 05 steps beside forwardings: the worst step decides (docs/domain/indices.md §1)', () => {
  const { assignStep, completeStep } = kit;
  // docs/domain/dossier-lifecycle.md §8: the appraisal handed to the land department Mon 2 March 14:00
  // for 2 working days (due Wed 4) comes back Thu 5 March, late; the approval is signed early; the
  // dossier is returned Fri 6 March, early against Mon 9 March.
  const lateStep: DossierCommand[] = [
    receive('2026-03-02T09:00'),
    transfer('2026-03-02T10:00'),
    assignStep('2026-03-02T14:00'),
    completeStep('2026-03-05T09:00'),
    assignStep('2026-03-05T16:00', 'step-2', 'office-chair', 1, 'approval'),
    completeStep('2026-03-06T08:00', 'step-2'),
    complete('2026-03-06T09:00'),
    returnResult('2026-03-06T10:00'),
  ];
  // An early form 05 step and a tax agency answering on its due day: the agency's 1 decides.
  const earlyStepAgencyOnDay = (dossierCode: string): DossierCommand[] => {
    const [received, transferred, forwarded, returned, ...rest] = withAgencyOnItsDueDay(dossierCode);
    return [received!, transferred!, assignStep('2026-03-02T10:30', 'step-1', 'dept-natural-resources', 3), completeStep('2026-03-02T10:45'), forwarded!, returned!, ...rest];
  };

  it('a late form 05 step scores 0 on index 2 though the dossier is early', async () => {
    const { readModel, documents, explain } = over(record([dossierStream(code(1), lateStep)]));
    expect((await readModel.queries.dossierIndices(documents, TENANT, code(1)))?.derived).toEqual([2, 0, 2, 2, 2]);
    const explained = await explain(`${TENANT}/tt01/dossier/${code(1)}/i2`);
    expect(explained?.value).toBe(0);
    expect(explained?.contributions.map((ref) => ref.type)).toEqual(expect.arrayContaining(['StepAssigned', 'StepCompleted']));
    expect(reAddProblems((await explain(`${TENANT}/tt01/officer/officer-7/month/2026-03/i2`))!)).toEqual([]);
  });

  it('an early step beside an agency on its due day scores 1: the worst step of either kind', async () => {
    const { readModel, documents } = over(record([dossierStream(code(1), earlyStepAgencyOnDay(code(1))), dossierStream(code(2), withAgencyOnItsDueDay(code(2)))]));
    expect((await readModel.queries.dossierIndices(documents, TENANT, code(1)))?.derived?.[1]).toBe(1);
    expect((await readModel.queries.dossierIndices(documents, TENANT, code(2)))?.derived?.[1]).toBe(1);
  });
});

describe("the citizen's own TT01 scores beside the derived ones", () => {
  it('flags the indices where they disagree, in the query and in the explanation', async () => {
    // The dossier was late (index 1 derived 0) but the citizen gave 2; on index 7 both say 0.
    const { readModel, documents, explain } = over(record([dossierStream(code(1), [...LATE, rate('2026-03-11T09:00', { circular01: { '1': 2, '7': 0 } })])]));
    expect((await readModel.queries.dossierIndices(documents, TENANT, code(1)))?.comparison).toEqual([
      { index: '1', derived: 0, citizen: 2, disagree: true },
      { index: '7', derived: 0, citizen: 0, disagree: false },
    ]);
    expect(await explain(`${TENANT}/tt01/dossier/${code(1)}/i1`)).toMatchObject({ value: 0, label: 'citizen 2, disagrees' });
    expect(await explain(`${TENANT}/tt01/dossier/${code(1)}/i7`)).toMatchObject({ value: 0, label: 'citizen 0, agrees' });
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

  it('adds 8.0 and 2 + 2 + 1 + 1 to 14.0 of 18: good', async () => {
    const { readModel, documents, explain } = over(record(streams), {}, inputs);
    const figures = await readModel.queries.circular01(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03');
    expect(figures?.means).toEqual({ '1': 1.6, '2': 1.5, '3': 1.8, '4': 1.7, '7': 1.4 });
    expect(figures?.unitLevel?.['8']).toEqual({ value: 1, source: 'events' });
    expect(figures?.total).toBe(14);
    expect(figures?.band).toBe('good');
    const explained = await explain(`${TENANT}/tt01/unit/unit-h12/month/2026-03/total`);
    expect(explained).toMatchObject({ value: 14, label: 'good' });
    expect(reAddProblems(explained!)).toEqual([]);
    expect(reAddProblems((await explain(`${TENANT}/tt01/unit/unit-h12/quarter/2026-Q1/i8`))!)).toEqual([]);
  });

  it('without the inputs the total is not measured, and says which indices are missing', async () => {
    const { readModel, documents, explain } = over(record(streams));
    expect(await readModel.queries.circular01(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03')).toMatchObject({ total: null, notMeasured: 'indices 5, 6, 9 not measured' });
    expect(await explain(`${TENANT}/tt01/unit/unit-h12/month/2026-03/i5`)).toMatchObject({ value: null, notMeasured: expect.stringContaining('no input') });
  });

  it('lists the keys of every scope and period, and none for an officer on unit-level indices', async () => {
    const { keys, explain } = over(record(streams));
    const all = await keys(`${TENANT}/tt01/`);
    expect(all).toContain(`${TENANT}/tt01/dossier/${code(1)}/i7`);
    expect(all).toContain(`${TENANT}/tt01/province/${TENANT}/year/2026/total`);
    expect(all).toContain(`${TENANT}/tt01/officer/officer-7/quarter/2026-Q1/i1`);
    expect(all).not.toContain(`${TENANT}/tt01/officer/officer-7/quarter/2026-Q1/i5`);
    expect(await explain(`${TENANT}/tt01/officer/officer-7/quarter/2026-Q1/i5`)).toBeUndefined();
    expect(await explain(`${TENANT}/tt01/unit/unit-h12/day/2026-03-02/i1`)).toBeUndefined();
  });
});

describe('TT01 index 8 of a unit that received no feedback (docs/domain/indices.md §1)', () => {
  const inputs = { 'unit/unit-h12': { '2026-03': { source: 'inspection report 12/BC-TTPVHCC', circular01: { '5': 2, '6': 2, '9': 1 } } } } as const;
  const key = `${TENANT}/tt01/unit/unit-h12/month/2026-03`;

  it('scores 2: one early dossier, 10.0 + 2 + 2 + 2 + 1 = 17.0 of 18, excellent', async () => {
    // Given unit-h12 returned one early dossier in March 2026, inputs i5 = 2, i6 = 2, i9 = 1, and received no feedback
    const { readModel, documents, explain } = over(record([dossierStream(code(1), EARLY)]), {}, inputs);
    // When its March figures are asked for
    const figures = await readModel.queries.circular01(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03');
    // Then index 8 is 2 (none received), and the total 17.0 is excellent
    expect(figures?.unitLevel?.['8']).toEqual({ value: 2, source: 'events' });
    expect(figures).toMatchObject({ total: 17, band: 'excellent' });
    // And the explanation says no feedback was received, and re-adds
    const i8 = await explain(`${key}/i8`);
    expect(i8?.value).toBe(2);
    expect(i8?.steps.map((step) => step.label).join('; ')).toMatch(/no feedback received in 2026-03/);
    expect(reAddProblems(i8!)).toEqual([]);
    const total = await explain(`${key}/total`);
    expect(total).toMatchObject({ value: 17, label: 'excellent' });
    expect(reAddProblems(total!)).toEqual([]);
  });

  it('praise asks for no answer: a unit that was only praised scores 2 as well', async () => {
    // Given the same month with one praise (khen) for the unit
    const { readModel, documents } = over(record([dossierStream(code(1), EARLY), praiseStream('FB-1', 'unit-h12', '2026-03-04')]), {}, inputs);
    // When its figures are asked for, Then index 8 is 2 and the total 17.0
    const figures = await readModel.queries.circular01(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03');
    expect(figures?.unitLevel?.['8']).toEqual({ value: 2, source: 'events' });
    expect(figures?.total).toBe(17);
  });

  it('an input for index 8 still stands for a desk whose feedback is recorded elsewhere', async () => {
    // Given no feedback in the log, and index 8 given as 1 by the province's feedback register
    const given = { 'unit/unit-h12': { '2026-03': { source: 'feedback register 2026-03', circular01: { '5': 2, '6': 2, '8': 1, '9': 1 } } } } as const;
    const { readModel, documents } = over(record([dossierStream(code(1), EARLY)]), {}, given);
    // When the figures are asked for, Then index 8 is the input's
    const figures = await readModel.queries.circular01(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03');
    expect(figures?.unitLevel?.['8']).toEqual({ value: 1, source: 'feedback register 2026-03' });
    expect(figures?.total).toBe(16);
  });
});

describe('TT01 index 8 counts the kinds of feedback the rule set measures: phản ánh and kiến nghị (docs/domain/indices.md §1)', () => {
  const inputs = { 'unit/unit-h12': { '2026-03': { source: 'inspection report 12/BC-TTPVHCC', circular01: { '5': 2, '6': 2, '9': 1 } } } } as const;
  // Nine phản ánh answered on time and a complaint (khiếu nại) answered late, all received 4 March 2026.
  const streams: Stream[] = [
    dossierStream(code(1), EARLY),
    ...Array.from({ length: 9 }, (_, i) => feedbackStream(`FB-${i + 1}`, 'unit-h12', '2026-03-04', true)),
    feedbackStream('FB-10', 'unit-h12', '2026-03-04', false, 'khieu-nai'),
  ];
  const events = record(streams);

  it('a complaint is no feedback for index 8: 9 of 9 on time → 2, total 17.0', async () => {
    // Given the built-in rule sets, which measure phản ánh and kiến nghị
    const { readModel, documents, explain } = over(events, {}, inputs);
    // When unit-h12's March figures are asked for
    const figures = await readModel.queries.circular01(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03');
    // Then the late complaint is left out: index 8 is 2 and the total 17.0
    expect(figures?.unitLevel?.['8']).toEqual({ value: 2, source: 'events' });
    expect(figures).toMatchObject({ total: 17, band: 'excellent' });
    // And the explanation counts 9 of 9, from the nine phản ánh alone
    const i8 = await explain(`${TENANT}/tt01/unit/unit-h12/month/2026-03/i8`);
    expect(i8?.steps[0]).toMatchObject({ op: 'ratio', inputs: [9, 0.09] });
    expect(new Set(i8?.contributions.map((ref) => ref.streamId))).not.toContain(feedbackStreamId(TENANT, 'FB-10'));
    expect(reAddProblems(i8!)).toEqual([]);
  });

  it('a rule set that measures complaints too gives 9 of 10 → 1, total 16.0, from the same documents', async () => {
    // Given the same documents, read under a rule book whose sets also measure khiếu nại (no rebuild)
    const { documents } = over(events, {}, inputs);
    const wider = createCircular01ReadModel(depsWith({ feedbackKindsMeasured: ['phan-anh', 'kien-nghi', 'khieu-nai'] }, inputs));
    // When the figures are asked for, Then 90% handled on time scores 1
    const figures = await wider.queries.circular01(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03');
    expect(figures?.unitLevel?.['8']).toEqual({ value: 1, source: 'events' });
    expect(figures?.total).toBe(16);
  });
});

describe('TT01 index 8 is 0 in a period with a protracted feedback case (docs/domain/indices.md §1)', () => {
  const inspected = (cases: number) =>
    ({ 'unit/unit-h12': { '2026-03': { source: 'inspection report 15/BC-TTr', circular01: { '5': 2, '6': 2, '9': 1, protractedFeedbackCases: cases } } } }) as UnitLevelInputs;
  const key = `${TENANT}/tt01/unit/unit-h12/month/2026-03`;

  it('every feedback answered on time, but an inspection found a protracted case: 0, total 15.0', async () => {
    // Given one early dossier and one phản ánh answered on time, and an inspection that found one protracted case
    const { readModel, documents, explain } = over(record([dossierStream(code(1), EARLY), feedbackStream('FB-1', 'unit-h12', '2026-03-04', true)]), {}, inspected(1));
    // When unit-h12's March figures are asked for
    const figures = await readModel.queries.circular01(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03');
    // Then index 8 is 0, from the inspection, and the total 10.0 + 2 + 2 + 0 + 1 = 15.0
    expect(figures?.unitLevel?.['8']).toEqual({ value: 0, source: 'inspection report 15/BC-TTr' });
    expect(figures).toMatchObject({ total: 15, band: 'excellent' });
    // And the explanation shows the 100% the feedback earned, the case, and the 0 it gives
    const i8 = await explain(`${key}/i8`);
    expect(i8?.value).toBe(0);
    expect(i8?.steps.map((step) => step.label).join('; ')).toMatch(/protracted feedback cases \(inspection report 15\/BC-TTr\)/);
    expect(i8?.steps.at(-1)).toMatchObject({ op: 'min', inputs: [2, 0], result: 0 });
    expect(i8?.contributions.map((ref) => ref.type)).toContain('FeedbackAnswered');
    expect(reAddProblems(i8!)).toEqual([]);
    expect(reAddProblems((await explain(`${key}/total`))!)).toEqual([]);
  });

  it('a period without feedback scores 0 as well; no case found (0) leaves index 8 as the feedback gives it', async () => {
    const none = over(record([dossierStream(code(1), EARLY)]), {}, inspected(1));
    expect((await none.readModel.queries.circular01(none.documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03'))?.unitLevel?.['8']?.value).toBe(0);
    const clean = over(record([dossierStream(code(1), EARLY)]), {}, inspected(0));
    expect((await clean.readModel.queries.circular01(clean.documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03'))?.total).toBe(17);
  });

  it('a protracted case given as a count must be a whole number', () => {
    expect(isRight(decodeUnitLevelInputs(inspected(1)))).toBe(true);
    expect(isLeft(decodeUnitLevelInputs(inspected(-1)))).toBe(true);
    expect(isLeft(decodeUnitLevelInputs(inspected(0.5)))).toBe(true);
  });
});

describe('ids holding "/" or "%"', () => {
  it('keep documents of their own: queried by the id, listed and explained under the escaped id', async () => {
    const unit = 'so/tu-phap%';
    const streams = [dossierStream(code(1), returnedOn('2026-03-05', { receivingUnitId: unit })), feedbackStream('FB/1', unit, '2026-03-10', true)];
    const { readModel, documents, keys, explain } = over(record(streams), {}, { [`unit/${unit}`]: { '2026-03': { source: 'inspection', circular01: { '5': 2, '6': 2, '9': 2 } } } } as UnitLevelInputs);
    const figures = await readModel.queries.circular01(documents, TENANT, 'unit', unit, 'month', '2026-03');
    expect(figures).toMatchObject({ total: 18, unitLevel: { '8': { value: 2, source: 'events' } } });
    const key = `${TENANT}/tt01/unit/so%2Ftu-phap%25/month/2026-03/total`;
    expect(await keys(`${TENANT}/tt01/unit/`)).toContain(key);
    expect(await explain(key)).toMatchObject({ value: 18, label: 'excellent' });
  });
});

describe('circular01: bad input', () => {
  it("an event its codec refuses stops its province's projection at it, naming the field, and changes nothing of the province", () => {
    const events = record([dossierStream(code(1), EARLY)]);
    const broken = { ...events[0]!, data: { ...(events[0]!.data as object), dueDate: 'soon' } } as RecordedEvent;
    const session = new DocumentSession<SatisfactionDocument>(() => undefined);
    const folded = foldBatch(circular01Projection, session, 0, [broken, ...events.slice(1)]);
    expect(folded.checkpoint).toBe(events.at(-1)!.metadata.globalPosition);
    expect(folded.failure?.globalPosition).toBe(broken.metadata.globalPosition);
    expect(folded.failure?.message).toMatch(/^DossierReceived does not match its codec: .*dueDate/);
    expect(session.changes).toBe(0);
  });
});

satisfactionReadModelLaws('circular01', createCircular01ReadModel);
