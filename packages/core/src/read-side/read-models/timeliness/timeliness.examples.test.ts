import { describe, expect, it } from 'vitest';
import type { DossierCommand } from '../../../dossier/commands.js';
import { dossierStreamId } from '../../../dossier/decider.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { DocumentSession, foldBatch } from '../../engine/fold.js';
import { reAddProblems } from '../../explain/re-add.js';
import { readModelOver } from '../../read-model.testkit.js';
import { code, depsWith, dossierStream, kit, record, TENANT } from '../dossier-support/dossier-events.testkit.js';
import { createTimelinessReadModel } from './index.js';
import type { TimelinessDocument } from './projection.js';

const { receive, transfer, complete, returnResult, requestSupplement, forward, apologise, resultReady } = kit;

/** Received Mon 2026-03-02 09:00 (due Mon 9 Mar), transferred, decided and returned on `returnOn`. */
const returnedOn = (returnOn: string): DossierCommand[] => [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), complete(`${returnOn}T08:00`), returnResult(`${returnOn}T09:00`)];
const EARLY = returnedOn('2026-03-05');
const LATE = returnedOn('2026-03-10');

describe('timeliness: periods are Vietnamese calendar days', () => {
  it('a dossier returned at 2026-03-31T23:30+07:00 counts in March; one at 2026-04-01T06:30+07:00 (still 31 March in UTC) in April', async () => {
    const late = (instant: string): DossierCommand[] => [receive('2026-03-27T09:00'), transfer('2026-03-27T10:00'), complete('2026-03-31T08:00'), returnResult(instant)];
    const events = record([dossierStream(code(1), late('2026-03-31T23:30')), dossierStream(code(2), late('2026-04-01T06:30'))]);
    const readModel = createTimelinessReadModel(depsWith());
    const { documents, explain } = readModelOver(readModel, events);
    const { timeliness } = readModel.queries;
    expect((await timeliness(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03'))?.resolved).toBe(1);
    expect((await timeliness(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-04'))?.resolved).toBe(1);
    expect((await timeliness(documents, TENANT, 'unit', 'unit-h12', 'day', '2026-03-31'))?.resolved).toBe(1);
    const march = await explain(`${TENANT}/timeliness/unit/unit-h12/month/2026-03/onTimeRate`);
    expect(march?.contributions.filter((ref) => ref.type === 'ResultReturned').map((ref) => ref.streamId)).toEqual([dossierStreamId(TENANT, code(1))]);
  });
});

describe('timeliness: a quarter of a province', () => {
  const streams = [
    dossierStream(code(1), EARLY),
    dossierStream(code(2), LATE),
    dossierStream(code(3), [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), requestSupplement('2026-03-03T09:00')]),
    dossierStream(code(4), [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), forward('2026-03-02T11:00')]),
  ];

  it('counts returned dossiers only: one early, one late of two', async () => {
    const readModel = createTimelinessReadModel(depsWith());
    const { documents, explain, keys } = readModelOver(readModel, record(streams));
    expect(await readModel.queries.timeliness(documents, TENANT, 'province', TENANT, 'quarter', '2026-Q1')).toMatchObject({
      resolved: 2,
      earlyShare: 50,
      lateShare: 50,
      onTimeRate: 50,
      apologyCompliance: 0,
    });
    const explained = await explain(`${TENANT}/timeliness/province/${TENANT}/quarter/2026-Q1/onTimeRate`);
    expect(explained).toMatchObject({ value: 50 });
    expect(reAddProblems(explained!)).toEqual([]);
    expect(explained?.contributions.map((ref) => ref.type)).toEqual(
      expect.arrayContaining(['DossierReceived', 'ProcessingCompleted', 'ResultReturned']),
    );
    // Every grain of every dimension, ten metrics each, in key order
    const all = await keys(`${TENANT}/`);
    expect(all).toEqual([...all].sort());
    expect(all).toContain(`${TENANT}/timeliness/officer/officer-7/year/2026/resolved`);
    expect(all.filter((key) => key.includes('/unit/unit-h12/day/'))).toHaveLength(20);
  });

  it('an unknown key, a malformed period or a row without returns has no figure', async () => {
    const readModel = createTimelinessReadModel(depsWith());
    const { documents, explain } = readModelOver(readModel, record(streams));
    expect(await explain(`${TENANT}/timeliness/unit/unit-h12/month/2026-13/onTimeRate`)).toBeUndefined();
    expect(await explain(`${TENANT}/timeliness/unit/unit-h12/month/2026-03/nope`)).toBeUndefined();
    expect(await explain(`${TENANT}/timeliness/unit/unit-zz/month/2026-03/resolved`)).toBeUndefined();
    expect(await readModel.queries.timeliness(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-02')).toBeUndefined();
  });
});

describe('timeliness: apologies are judged by the rule set at query time', () => {
  // Late against the due date of 9 March, apologised on Fri 6 March (one working day before), returned 12 March.
  const events = record([dossierStream(code(1), [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), apologise('2026-03-06T09:00', '2026-03-13'), complete('2026-03-12T08:00'), returnResult('2026-03-12T09:00')])]);
  const key = `${TENANT}/timeliness/unit/unit-h12/month/2026-03/apologyCompliance`;

  it('one working day of notice is in time where the rule set asks for one, and not where it asks for three', async () => {
    const apologyData = events.find((event) => event.type === 'ApologyIssued')?.data as { workingDaysBeforeDue: number };
    expect(apologyData.workingDaysBeforeDue).toBe(1);
    const lenient = createTimelinessReadModel(depsWith());
    const over = readModelOver(lenient, events);
    expect(await lenient.queries.timeliness(over.documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03')).toMatchObject({
      resolved: 1,
      lateAgainstOriginalRate: 100,
      apologies: 1,
      apologiesInTime: 1,
      apologyCompliance: 100,
    });
    const explained = await over.explain(key);
    expect(reAddProblems(explained!)).toEqual([]);
    expect(explained?.contributions.map((ref) => ref.type)).toContain('ApologyIssued');
    // The same documents read under a rule book asking for three working days
    const strict = createTimelinessReadModel(depsWith({ apology: { ...depsWith().rules.inForceAt('2026-03-06').apology, minWorkingDaysBeforeDue: 3 } }));
    expect(await strict.queries.timeliness(over.documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03')).toMatchObject({ apologiesInTime: 0, apologyCompliance: 0 });
    const strictly = await strict.explain(over.documents, key);
    expect(strictly?.value).toBe(0);
  });

  it("an apology's new date does not make a late dossier on time: judged against the original due date, both dates shown", async () => {
    // Given: due Mon 9 March; apology on 6 March with a new date of Fri 13 March; returned Thu 12 March.
    const readModel = createTimelinessReadModel(depsWith());
    const over = readModelOver(readModel, events);
    // Then: late (12 > 9), though before the apology's date; the apology in time keeps compliance at 100%.
    expect(await readModel.queries.timeliness(over.documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03')).toMatchObject({
      resolved: 1,
      earlyShare: 0,
      lateShare: 100,
      onTimeRate: 0,
      lateAgainstOriginalRate: 100,
      apologyCompliance: 100,
    });
    const explained = await over.explain(`${TENANT}/timeliness/unit/unit-h12/month/2026-03/onTimeRate`);
    expect(explained?.value).toBe(0);
    expect(reAddProblems(explained!)).toEqual([]);
    expect(explained?.steps.map((step) => step.label)).toContain(
      `dossier ${code(1)}: returned 2026-03-12; original due date 2026-03-09 → late (counted); apology's new date 2026-03-13 → early (shown only); late`,
    );
  });
});

describe('timeliness: the time limit is met when the result reaches the desk', () => {
  // D1: apologised on 6 March (new date 13 March), decided and ready 12 March: late against 9 March.
  // D2: decided and ready at the desk on Tue 3 March, collected by the applicant on Thu 12 March.
  const d1 = [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), apologise('2026-03-06T09:00', '2026-03-13'), complete('2026-03-12T08:00'), resultReady('2026-03-12T08:30'), returnResult('2026-03-12T09:00')];
  const d2 = (ready: boolean) => [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), complete('2026-03-03T10:00'), ...(ready ? [resultReady('2026-03-03T15:00')] : []), returnResult('2026-03-12T10:00')];
  const row = async (events: ReturnType<typeof record>) => {
    const readModel = createTimelinessReadModel(depsWith());
    const over = readModelOver(readModel, events);
    return { figures: await readModel.queries.timeliness(over.documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03'), over };
  };

  it('decided on 3 March and collected on 12 March counts early, and the late one had its apology: compliance 100%', async () => {
    const { figures, over } = await row(record([dossierStream(code(1), d1), dossierStream(code(2), d2(true))]));
    expect(figures).toMatchObject({ resolved: 2, earlyShare: 50, lateShare: 50, onTimeRate: 50, apologies: 1, apologyCompliance: 100 });
    const explained = await over.explain(`${TENANT}/timeliness/unit/unit-h12/month/2026-03/lateShare`);
    expect(reAddProblems(explained!)).toEqual([]);
    expect(explained?.steps).toContainEqual(expect.objectContaining({ label: 'dossiers late, judged on the day the result reached the desk, against the original due date', result: 1 }));
    expect(explained?.steps).toContainEqual(expect.objectContaining({ label: 'dossiers late, judged on the return day (no ResultReady recorded), against the original due date', result: 0 }));
    expect(explained?.contributions.map((ref) => ref.type)).toContain('ResultReady');
  });

  it('a log without ResultReady falls back to the return day, and says so: the same dossier counts late, compliance 50%', async () => {
    const { figures, over } = await row(record([dossierStream(code(1), d1), dossierStream(code(2), d2(false))]));
    expect(figures).toMatchObject({ resolved: 2, earlyShare: 0, lateShare: 100, onTimeRate: 0, apologyCompliance: 50 });
    const explained = await over.explain(`${TENANT}/timeliness/unit/unit-h12/month/2026-03/apologyCompliance`);
    expect(reAddProblems(explained!)).toEqual([]);
    expect(explained?.steps).toContainEqual(
      expect.objectContaining({ label: 'dossiers lateAgainstOriginal, judged on the return day (no ResultReady recorded), against the original due date', result: 1 }),
    );
  });
});

describe('timeliness: bad input', () => {
  it('an event its codec refuses stops the projection at it, naming the field, and changes nothing', () => {
    const readModel = createTimelinessReadModel(depsWith());
    const events = record([dossierStream(code(1), EARLY)]);
    const returned = events.findIndex((event) => event.type === 'ResultReturned');
    const broken = { ...events[returned]!, data: { ...(events[returned]!.data as object), timeliness: 'soonish' } } as RecordedEvent;
    const session = new DocumentSession<TimelinessDocument>(() => undefined);
    const folded = foldBatch(readModel.projection, session, 0, [...events.slice(0, returned), broken]);
    expect(folded.failure).toMatchObject({ globalPosition: returned + 1, eventType: 'ResultReturned', message: expect.stringContaining('timeliness') });
    expect([...session.take().keys()]).toEqual([`${TENANT}/dossier/${code(1)}`]);
  });
});
