import { describe, expect, it } from 'vitest';
import type { DossierCommand } from '../../../dossier/commands.js';
import { dossierStreamId } from '../../../dossier/decider.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { DocumentSession, foldBatch } from '../../engine/fold.js';
import { reAddProblems } from '../../explain/re-add.js';
import { readModelOver } from '../../read-model.testkit.js';
import { code, depsWith, dossierStream, kit, record, TENANT } from '../dossier-support/dossier-events.testkit.js';
import { createUnitBoardReadModel } from './index.js';
import type { UnitBoardDocument } from './projection.js';

const { receive, transfer, complete, returnResult, requestSupplement, forward, withdraw, apologise, resultReady } = kit;

/** Received Mon 2026-03-02 09:00 (due Mon 9 Mar), transferred, decided and returned on `returnOn`. */
const returnedOn = (returnOn: string): DossierCommand[] => [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), complete(`${returnOn}T08:00`), returnResult(`${returnOn}T09:00`)];
const EARLY = returnedOn('2026-03-05');
const LATE = returnedOn('2026-03-10');

describe('unit board: a day of a unit', () => {
  const streams = [
    dossierStream(code(1), EARLY),
    dossierStream(code(2), LATE),
    dossierStream(code(3), [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), requestSupplement('2026-03-03T09:00')]),
    dossierStream(code(4), [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), forward('2026-03-02T11:00')]),
  ];
  const readModel = createUnitBoardReadModel(depsWith());

  it('counts received, due, overdue, waiting, with an agency, returned and average working days', async () => {
    const { documents } = readModelOver(readModel, record(streams));
    const { unitBoard } = readModel.queries;
    expect(await unitBoard(documents, TENANT, 'unit-h12', '2026-03-02')).toMatchObject({ received: 4, withAgency: 1, awaitingSupplement: 0 });
    expect(await unitBoard(documents, TENANT, 'unit-h12', '2026-03-09')).toMatchObject({ dueToday: 4, overdue: 0, awaitingSupplement: 1, withAgency: 1 });
    // On 10 March D2 (returned late that day), D3 (its due date unmoved until the supplement comes) and D4 are overdue
    expect(await unitBoard(documents, TENANT, 'unit-h12', '2026-03-10')).toMatchObject({ overdue: 3, returnedLate: 1, averageWorkingDaysToReturn: 6 });
    expect(await unitBoard(documents, TENANT, 'unit-h12', '2026-03-05')).toMatchObject({ returnedEarly: 1, averageWorkingDaysToReturn: 3 });
    // Months later the two left open are still overdue, counted from the differences of every month
    expect(await unitBoard(documents, TENANT, 'unit-h12', '2026-07-01')).toMatchObject({ overdue: 2, awaitingSupplement: 1, withAgency: 1, received: 0 });
    expect(await unitBoard(documents, TENANT, 'unit-zz', '2026-03-02')).toBeUndefined();
  });

  it('explains each figure by the dossiers behind it, re-adding to it', async () => {
    const { explain, keys } = readModelOver(readModel, record(streams));
    const overdue = await explain(`${TENANT}/board/unit-h12/2026-03-10/overdue`);
    expect(overdue).toMatchObject({ value: 3, ruleSetVersions: ['decree-118-2025-amended-2026'] });
    expect(reAddProblems(overdue!)).toEqual([]);
    expect([...new Set(overdue!.contributions.map((ref) => ref.streamId))].sort()).toEqual([2, 3, 4].map((n) => dossierStreamId(TENANT, code(n))));
    const average = await explain(`${TENANT}/board/unit-h12/2026-03-10/averageWorkingDaysToReturn`);
    expect(average).toMatchObject({ value: 6 });
    expect(reAddProblems(average!)).toEqual([]);
    expect(await explain(`${TENANT}/board/unit-h12/2026-03-11/averageWorkingDaysToReturn`)).toMatchObject({ value: null, notMeasured: 'no dossier was returned that day' });
    expect(await explain(`${TENANT}/board/unit-h12/2026-02-30/received`)).toBeUndefined();
    expect(await explain(`${TENANT}/board/unit-h12/2026-03-10/nope`)).toBeUndefined();
    const all = await keys(`${TENANT}/`);
    expect(all).toEqual([...all].sort());
    expect(all).toContain(`${TENANT}/board/unit-h12/2026-03-02/received`);
    expect(all.every((key) => key.startsWith(`${TENANT}/board/unit-h12/`))).toBe(true);
  });

  it('a withdrawal ends the intervals and takes the dossier off its due day', async () => {
    const events = record([dossierStream(code(1), [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), requestSupplement('2026-03-03T09:00'), withdraw('2026-03-12T09:00')])]);
    const { documents, explain } = readModelOver(readModel, events);
    const { unitBoard } = readModel.queries;
    expect(await unitBoard(documents, TENANT, 'unit-h12', '2026-03-09')).toMatchObject({ dueToday: 0, awaitingSupplement: 1 });
    expect(await unitBoard(documents, TENANT, 'unit-h12', '2026-03-12')).toMatchObject({ overdue: 1, awaitingSupplement: 0 });
    expect(await unitBoard(documents, TENANT, 'unit-h12', '2026-03-13')).toMatchObject({ overdue: 0 });
    const explained = await explain(`${TENANT}/board/unit-h12/2026-03-12/overdue`);
    expect(explained?.contributions.map((ref) => ref.type)).toEqual(['DossierReceived', 'DossierWithdrawn']);
  });
});

describe('unit board: lateness is judged when the result reaches the desk, against the original due date', () => {
  // D1: decided and ready at the desk on Tue 3 March (due Mon 9 March), collected on Thu 12 March.
  // D2: apology on Fri 6 March with a new date of Fri 13 March; decided and ready on Thu 12 March, returned Fri 13 March.
  const streams = [
    dossierStream(code(1), [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), complete('2026-03-03T10:00'), resultReady('2026-03-03T15:00'), returnResult('2026-03-12T10:00')]),
    dossierStream(code(2), [
      receive('2026-03-02T09:00'),
      transfer('2026-03-02T10:00'),
      apologise('2026-03-06T09:00', '2026-03-13'),
      complete('2026-03-12T08:00'),
      resultReady('2026-03-12T08:30'),
      returnResult('2026-03-13T09:00'),
    ]),
  ];
  const readModel = createUnitBoardReadModel(depsWith());

  it('a result waiting at the desk is not overdue; an apologised dossier is overdue from its original date until its result is ready', async () => {
    const { documents, explain } = readModelOver(readModel, record(streams));
    const { unitBoard } = readModel.queries;
    // 9 March is D1's due date only: D2's promised date moved to 13 March.
    expect(await unitBoard(documents, TENANT, 'unit-h12', '2026-03-09')).toMatchObject({ dueToday: 1, overdue: 0 });
    // 10–12 March: D2 is overdue against 9 March (through its ready day); D1, ready since 3 March, is not.
    for (const day of ['2026-03-10', '2026-03-11', '2026-03-12']) expect((await unitBoard(documents, TENANT, 'unit-h12', day))?.overdue, day).toBe(1);
    expect(await unitBoard(documents, TENANT, 'unit-h12', '2026-03-13')).toMatchObject({ overdue: 0, dueToday: 1 });
    // D1 collected on 12 March counts early; D2 returned on its new date counts late.
    expect(await unitBoard(documents, TENANT, 'unit-h12', '2026-03-12')).toMatchObject({ returnedEarly: 1, returnedLate: 0 });
    expect(await unitBoard(documents, TENANT, 'unit-h12', '2026-03-13')).toMatchObject({ returnedOnTime: 0, returnedLate: 1 });
    const overdue = await explain(`${TENANT}/board/unit-h12/2026-03-11/overdue`);
    expect(reAddProblems(overdue!)).toEqual([]);
    expect([...new Set(overdue!.contributions.map((ref) => ref.streamId))]).toEqual([dossierStreamId(TENANT, code(2))]);
    expect(overdue!.contributions.map((ref) => ref.type)).toEqual(['DossierReceived', 'ApologyIssued', 'ResultReady', 'ResultReturned']);
    const late = await explain(`${TENANT}/board/unit-h12/2026-03-13/returnedLate`);
    expect(late?.value).toBe(1);
    expect(reAddProblems(late!)).toEqual([]);
  });
});

describe('unit board: periods are Vietnamese calendar days', () => {
  it('a dossier returned at 2026-03-31T23:30+07:00 is on the board of 31 March', async () => {
    const late = (instant: string): DossierCommand[] => [receive('2026-03-27T09:00'), transfer('2026-03-27T10:00'), complete('2026-03-31T08:00'), returnResult(instant)];
    const events = record([dossierStream(code(1), late('2026-03-31T23:30')), dossierStream(code(2), late('2026-04-01T06:30'))]);
    const readModel = createUnitBoardReadModel(depsWith());
    const { documents } = readModelOver(readModel, events);
    expect((await readModel.queries.unitBoard(documents, TENANT, 'unit-h12', '2026-03-31'))?.returnedEarly).toBe(1);
    expect((await readModel.queries.unitBoard(documents, TENANT, 'unit-h12', '2026-04-01'))?.returnedEarly).toBe(1);
  });
});

describe('unit board: bad input', () => {
  it("an event its codec refuses stops its province's projection at it, naming the field, and changes nothing", () => {
    const readModel = createUnitBoardReadModel(depsWith());
    const events = record([dossierStream(code(1), [receive('2026-03-02T09:00')])]);
    const broken = { ...events[0]!, data: { ...(events[0]!.data as object), dueDate: 'soon' } } as RecordedEvent;
    const session = new DocumentSession<UnitBoardDocument>(() => undefined);
    const folded = foldBatch(readModel.projection, session, 0, [broken]);
    expect(folded).toMatchObject({ checkpoint: 1, failure: { globalPosition: 1, eventType: 'DossierReceived', message: expect.stringContaining('dueDate') } });
    expect(session.changes).toBe(0);
  });
});
