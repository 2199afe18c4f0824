import { describe, expect, it } from 'vitest';
import type { DossierCommand } from '../../../dossier/commands.js';
import { reAddProblems } from '../../explain/re-add.js';
import { readModelOver } from '../../read-model.testkit.js';
import { code, depsWith, dossierStream, feedbackStream, kit, satisfactionReadModelLaws, praiseStream, record, TENANT, type Stream } from '../satisfaction-support/dossier-figures.testkit.js';
import { createServiceIndexReadModel } from './index.js';

const { receive, transfer, complete, returnResult, rate } = kit;

const returnedOn = (returnOn: string, extra: Partial<DossierCommand['data']> = {}): DossierCommand[] => [
  receive('2026-03-02T09:00', extra as never),
  transfer('2026-03-02T10:00'),
  complete(`${returnOn}T08:00`),
  returnResult(`${returnOn}T09:00`),
];

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

  it('adds 16 + 18 + 9 + 6 + 15 + 17 to 81', async () => {
    const readModel = createServiceIndexReadModel(depsWith({}, inputs));
    const { documents, explain } = readModelOver(readModel, record(streams));
    const index = await readModel.queries.serviceIndex(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03');
    const values = Object.fromEntries(Object.entries(index?.components ?? {}).map(([name, c]) => [name, c.value]));
    expect(values).toEqual({ transparency: 16, progress: 18, onlineService: 9, onlinePayment: 6, digitisation: 15, satisfaction: 17 });
    expect(index?.total).toBe(81);
    const explained = await explain(`${TENANT}/index766/unit/unit-h12/month/2026-03/total`);
    expect(explained?.value).toBe(81);
    expect(reAddProblems(explained!)).toEqual([]);
    // Receipts, returns, ratings and feedback are the events behind it.
    expect(new Set(explained!.contributions.map((ref) => ref.type))).toEqual(
      new Set(['DossierReceived', 'ResultReturned', 'DossierRated', 'FeedbackReceived', 'FeedbackAnswered']),
    );
    for (const component of ['progress', 'onlineService', 'satisfaction']) {
      expect(reAddProblems((await explain(`${TENANT}/index766/unit/unit-h12/quarter/2026-Q1/${component}`))!), component).toEqual([]);
    }
  });

  it('a complaint (khiếu nại) answered late is no feedback for the first satisfaction ratio: still 17, total 81', async () => {
    // Given the example's month with a complaint received on 12 March and answered late
    const readModel = createServiceIndexReadModel(depsWith({}, inputs));
    const { documents, explain } = readModelOver(readModel, record([...streams, feedbackStream('FB-4', 'unit-h12', '2026-03-12', false, 'khieu-nai')]));
    // When the index is asked for under the built-in rule sets (phản ánh and kiến nghị measured)
    const index = await readModel.queries.serviceIndex(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03');
    // Then feedback handled on time is 2 of 2, satisfaction 17 and the total 81
    expect(index?.components.satisfaction.value).toBe(17);
    expect(index?.total).toBe(81);
    const explained = await explain(`${TENANT}/index766/unit/unit-h12/month/2026-03/satisfaction`);
    expect(explained?.steps.find((step) => step.label === 'feedback on-time ratio')?.inputs).toEqual([2, 2]);
    expect(reAddProblems(explained!)).toEqual([]);
    // And a rule set that measures complaints too counts it: 2 of 3
    const wider = createServiceIndexReadModel(depsWith({ feedbackKindsMeasured: ['phan-anh', 'kien-nghi', 'khieu-nai'] }, inputs));
    const widerIndex = await wider.queries.serviceIndex(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03');
    expect(widerIndex?.components.satisfaction.value).toBeLessThan(17);
  });

  it('a component without data is null with the reason, and so is the total', async () => {
    const { explain, keys } = readModelOver(createServiceIndexReadModel(depsWith()), record(streams));
    expect(await explain(`${TENANT}/index766/unit/unit-h12/month/2026-03/digitisation`)).toMatchObject({
      value: null,
      notMeasured: expect.stringContaining('carried by no event'),
    });
    expect(await explain(`${TENANT}/index766/unit/unit-h12/month/2026-03/total`)).toMatchObject({
      value: null,
      notMeasured: 'not measured: transparency, onlinePayment, digitisation',
    });
    expect(await keys(`${TENANT}/index766/unit/unit-h12/year/`)).toEqual(
      ['digitisation', 'onlinePayment', 'onlineService', 'progress', 'satisfaction', 'total', 'transparency'].map((m) => `${TENANT}/index766/unit/unit-h12/year/2026/${m}`),
    );
  });
});

describe('service index, Decision 766: progress judges the result at the desk against the original due date', () => {
  const { apologise, resultReady } = kit;
  // D1: decided and ready on Tue 3 March (due Mon 9 March), collected Thu 12 March: in time.
  // D2: apologised on 6 March with a new date of 13 March, ready and returned 12 March: late against 9 March.
  const d1 = [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), complete('2026-03-03T10:00'), resultReady('2026-03-03T15:00'), returnResult('2026-03-12T10:00')];
  const d2 = [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), apologise('2026-03-06T09:00', '2026-03-13'), complete('2026-03-12T08:00'), resultReady('2026-03-12T08:30'), returnResult('2026-03-12T09:00')];

  it('one of two in time: 10 points of 20, each step re-adding', async () => {
    const readModel = createServiceIndexReadModel(depsWith());
    const { documents, explain } = readModelOver(readModel, record([dossierStream(code(1), d1), dossierStream(code(2), d2)]));
    const index = await readModel.queries.serviceIndex(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03');
    expect(index?.components.progress.value).toBe(10);
    const explained = await explain(`${TENANT}/index766/unit/unit-h12/month/2026-03/progress`);
    expect(reAddProblems(explained!)).toEqual([]);
    expect(explained?.steps[0]).toMatchObject({ label: expect.stringContaining('in time against the original due date'), result: 1 });
  });

  it('without ResultReady the return day is judged: the dossier collected on 12 March is late too, 0 points', async () => {
    const d1WithoutReady = d1.filter((command) => command.type !== 'RecordResultReady');
    const readModel = createServiceIndexReadModel(depsWith());
    const { documents } = readModelOver(readModel, record([dossierStream(code(1), d1WithoutReady), dossierStream(code(2), d2)]));
    expect((await readModel.queries.serviceIndex(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-03'))?.components.progress.value).toBe(0);
  });
});

satisfactionReadModelLaws('service index', createServiceIndexReadModel);
