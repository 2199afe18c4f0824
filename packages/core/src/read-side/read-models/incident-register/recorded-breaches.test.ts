import { describe, expect, it } from 'vitest';
import type { DossierCommand } from '../../../dossier/commands.js';
import { DossierErrorCode } from '../../../dossier/errors.js';
import type { DossierEvent } from '../../../dossier/events.js';
import * as kit from '../../../dossier/dossier.testkit.js';
import { isLeft } from '../../../fp.js';
import { fold } from '../../../kernel/decider.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { RecordDiscipline } from '../../../officer/commands.js';
import { OfficerErrorCode } from '../../../officer/errors.js';
import type { OfficerEvent } from '../../../officer/events.js';
import * as officer from '../../../officer/officer.testkit.js';
import type { RuleBreach } from '../../../rules/breach.js';
import { reAddProblems } from '../../explain/re-add.js';
import { readModelOver } from '../../read-model.testkit.js';
import { parsePeriod } from '../../vocabulary/period.js';
import { TENANT } from '../conduct-support/conduct.testkit.js';
import { incidentRegisterReadModel } from './index.js';

/**
 * Record, then judge (ADR 0010): one scenario per rule a desk may record a fact in spite of. Given the
 * dossier so far, when the fact is recorded, then it is appended with exactly its breach, the incident
 * register counts it under its conduct kind and rule, and the explanation shows the event and the rule.
 */

const RULE_SET = 'decree-118-2025-amended-2026';
const STREAM = `dossier-${kit.CODE}`;

/** The events as a store would hand them to a projection: one stream, positions from 1. */
const recorded = (events: readonly (DossierEvent | OfficerEvent)[], streamId = STREAM): RecordedEvent[] =>
  events.map((event, i) => ({
    ...event,
    metadata: {
      eventId: `event-${i + 1}`,
      streamId,
      streamVersion: i + 1,
      globalPosition: i + 1,
      occurredAt: event.data.occurredAt,
      recordedAt: '2026-04-01T00:00:00.000Z',
      actor: { id: 'sync-1', role: 'system' },
      tenantId: TENANT,
      correlationId: `c-${i + 1}`,
      causationId: `c-${i + 1}`,
    },
  }));

interface Scenario {
  readonly name: string;
  readonly given: readonly DossierEvent[];
  readonly when: DossierCommand;
  readonly breach: RuleBreach;
  /** The conduct kind it counts under, if one fits. */
  readonly kind?: string;
  /** The fields the recorded event carries beside the command's and the breaches. */
  readonly decided: Readonly<Record<string, unknown>>;
}

const received = kit.history([kit.receive('2026-03-02T09:00'), kit.transfer('2026-03-02T10:00')]);
const supplementedOnce = kit.history([
  kit.receive('2026-03-02T09:00'),
  kit.transfer('2026-03-02T10:00'),
  kit.requestSupplement('2026-03-03T09:00'),
  kit.receiveSupplement('2026-03-04T09:00'),
]);
const apologisedOnce = kit.history([kit.receive('2026-03-02T09:00'), kit.transfer('2026-03-02T10:00'), kit.apologise('2026-03-05T09:00', '2026-03-12')]);
const resubmitted = kit.history([kit.submit('2026-03-02T09:00'), kit.requestAtIntake('2026-03-02T09:30', ['ID copy']), kit.submit('2026-03-03T09:00')]);

const scenarios: readonly Scenario[] = [
  {
    name: 'an apology on the due day (no working day of notice)',
    given: received,
    when: kit.apologise('2026-03-09T09:00', '2026-03-12'),
    breach: { rule: DossierErrorCode.APOLOGY_TOO_LATE, ruleSetId: RULE_SET, article: 'Decree 61/2018 Art.19(9), 12(5)', measured: { workingDaysBeforeDue: 0, required: 1 } },
    kind: 'C12',
    decided: { previousDueDate: '2026-03-09', originalDueDate: '2026-03-09', workingDaysBeforeDue: 0, ruleSetId: RULE_SET, calendarVersion: kit.calendar.version },
  },
  {
    name: 'a second apology',
    given: apologisedOnce,
    when: kit.apologise('2026-03-10T09:00', '2026-03-16'),
    breach: { rule: DossierErrorCode.APOLOGY_LIMIT_REACHED, ruleSetId: RULE_SET, article: 'Decree 61/2018 Art.19(9), 12(5)', measured: { apologyCount: 2, limit: 1 } },
    kind: 'C12',
    decided: { previousDueDate: '2026-03-12', originalDueDate: '2026-03-09', workingDaysBeforeDue: 2, ruleSetId: RULE_SET, calendarVersion: kit.calendar.version },
  },
  {
    name: 'a second supplement request during processing',
    given: supplementedOnce,
    when: kit.requestSupplement('2026-03-04T10:00', ['ID copy']),
    breach: { rule: DossierErrorCode.SUPPLEMENT_LIMIT_REACHED, ruleSetId: RULE_SET, article: 'Decree 61/2018 Art.19(4)', measured: { requestCount: 2, limit: 1 } },
    kind: 'C06',
    decided: { requestNumber: 2, workingDaysSinceReceipt: 2, ruleSetId: RULE_SET },
  },
  {
    name: 'a supplement requested on the 4th working day after receipt (window 3)',
    given: received,
    when: kit.requestSupplement('2026-03-06T08:00'),
    breach: { rule: DossierErrorCode.SUPPLEMENT_WINDOW_CLOSED, ruleSetId: RULE_SET, article: 'Decree 61/2018 Art.19(4)', measured: { workingDaysSinceReceipt: 4, limit: 3 } },
    decided: { requestNumber: 1, workingDaysSinceReceipt: 4, ruleSetId: RULE_SET },
  },
  {
    name: 'a supplement asking for a document outside the published list',
    given: received,
    when: kit.requestSupplement('2026-03-03T10:00', ['Site plan', 'Bank statement']),
    breach: { rule: DossierErrorCode.DOCUMENT_NOT_PUBLISHED, ruleSetId: RULE_SET, article: 'Decree 61/2018 Art.5(1đ)', measured: { documentsOutsideList: 1 } },
    kind: 'C11',
    decided: { requestNumber: 1, workingDaysSinceReceipt: 1, ruleSetId: RULE_SET },
  },
  {
    name: 'a second intake request naming a gap the first did not',
    given: resubmitted,
    when: kit.requestAtIntake('2026-03-03T09:30', ['ID copy', 'Site plan']),
    breach: {
      rule: DossierErrorCode.SUPPLEMENT_NOT_IN_ONE_GO,
      ruleSetId: RULE_SET,
      article: 'Decree 61/2018 Art.15(3), 17(1a); Art.11(2c)',
      measured: { documentsNotNamedFirst: 1, requestNumber: 2 },
    },
    kind: 'C06',
    decided: {},
  },
];

/**
 * Then: the last event's breach counts once by rule, by officer and, where one fits, by conduct kind,
 * in the month of the fact, and each explanation lists the event and the breach as recorded.
 */
const expectCounted = async (
  events: readonly RecordedEvent[],
  then: { readonly breach: RuleBreach; readonly kind?: string; readonly month: string; readonly officerId: string },
) => {
  const over = readModelOver(incidentRegisterReadModel, events);
  const last = events.at(-1)!;
  const event = { streamId: last.metadata.streamId, streamVersion: events.length, globalPosition: events.length, type: last.type };
  const key = (rest: string) => `${TENANT}/incident-register/${rest}/breaches`;
  const byRule = (await over.explain(key(`${then.month}/rule/${then.breach.rule}`)))!;
  expect(byRule).toMatchObject({ value: 1, ruleSetVersions: [then.breach.ruleSetId], contributions: [event] });
  expect(byRule.breaches).toEqual([{ ...then.breach, event, ...(then.kind === undefined ? {} : { kind: then.kind }) }]);
  expect(reAddProblems(byRule)).toEqual([]);
  expect((await over.explain(key(`${then.month.slice(0, 4)}/officer/${then.officerId}`)))?.value).toBe(1);
  const month = parsePeriod(then.month)!;
  expect(await incidentRegisterReadModel.queries.breachCount(over.documents, TENANT, month, 'rule', then.breach.rule)).toBe(1);
  const keys = await over.keys(`${TENANT}/`);
  expect(keys).toContain(key('all/total/all'));
  if (then.kind === undefined) {
    expect(keys.filter((k) => k.includes('/category/'))).toEqual([]);
  } else {
    expect(await over.explain(key(`all/category/${then.kind}`))).toMatchObject({ value: 1, contributions: [event] });
    expect(keys).toContain(key(`${then.month}/category/${then.kind}`));
  }
};

describe('record, then judge: a fact that broke a rule is recorded with its breach', () => {
  for (const scenario of scenarios) {
    describe(scenario.name, () => {
      const eventType = { IssueApology: 'ApologyIssued', RequestSupplement: 'SupplementRequested', RequestSupplementAtIntake: 'SupplementRequestedAtIntake' }[
        scenario.when.type as 'IssueApology'
      ];
      const expected = { type: eventType, data: { ...scenario.when.data, ...scenario.decided, breaches: [scenario.breach] } } as DossierEvent;

      it('is refused at a live desk, as before', () => {
        kit.spec.given(scenario.given).when(scenario.when).thenFails(scenario.breach.rule);
      });

      it('is appended with exactly its breach when recorded', () => {
        kit.spec.given(scenario.given).when(scenario.when, { mode: 'record' }).then([expected]);
      });

      it('is counted by the incident register and shown in its explanation', async () => {
        await expectCounted(recorded([...scenario.given, expected]), { ...scenario, month: '2026-03', officerId: 'officer-7' });
      });
    });
  }

  it('counts a correction of the body\'s own error made late and without its apology (Art.21) under C12 and C20', async () => {
    const reported = kit.history([
      kit.receive('2026-03-02T09:00'),
      kit.transfer('2026-03-02T10:00'),
      kit.complete('2026-03-03T10:00'),
      kit.resultReady('2026-03-03T15:00'),
      kit.returnResult('2026-03-04T10:00'),
      kit.reportError('2026-03-05T10:00'),
    ]);
    // Due Thu 12 March; corrected Mon 16 March, with no apology.
    const when = kit.correctResult('2026-03-16T09:00', { apology: undefined });
    kit.spec.given(reported).when(when).thenFails(DossierErrorCode.ERROR_CORRECTION_LATE);
    const outcome = kit.spec.given(reported).when(when, { mode: 'record' }).outcome();
    if (isLeft(outcome)) throw new Error(`recording refused: ${outcome.left.code}`);
    const [event] = outcome.right;
    const rules = event?.type === 'ResultCorrected' ? (event.data.breaches ?? []).map((breach) => breach.rule) : [];
    expect([...rules].sort()).toEqual([DossierErrorCode.CORRECTION_WITHOUT_APOLOGY, DossierErrorCode.ERROR_CORRECTION_LATE].sort());
    const over = readModelOver(incidentRegisterReadModel, recorded([...reported, event!]));
    const late = (await over.explain(`${TENANT}/incident-register/2026-03/category/C12/breaches`))!;
    const unapologised = (await over.explain(`${TENANT}/incident-register/2026-03/category/C20/breaches`))!;
    expect([late.value, unapologised.value]).toEqual([1, 1]);
    expect(late.breaches?.map((breach) => breach.rule)).toEqual([DossierErrorCode.ERROR_CORRECTION_LATE]);
    expect(reAddProblems(late)).toEqual([]);
    expect((await over.explain(`${TENANT}/incident-register/2026-03/total/all/breaches`))?.value).toBe(2);
  });

  it('counts nothing for facts that broke no rule, and nothing in a month without breaches', async () => {
    const events = recorded(kit.history([kit.receive('2026-03-02T09:00'), kit.transfer('2026-03-02T10:00'), kit.requestSupplement('2026-03-03T10:00')]));
    const over = readModelOver(incidentRegisterReadModel, events);
    expect(await over.keys(`${TENANT}/`)).toEqual([]);
    expect(await over.explain(`${TENANT}/incident-register/2026-03/total/all/breaches`)).toMatchObject({ value: 0, contributions: [], breaches: [] });
  });

  it('records a late second apology with both breaches, and refuses it at a live desk with the first rule', async () => {
    const when = kit.apologise('2026-03-12T09:00', '2026-03-16');
    kit.spec.given(apologisedOnce).when(when).thenFails(DossierErrorCode.APOLOGY_LIMIT_REACHED);
    const outcome = kit.spec.given(apologisedOnce).when(when, { mode: 'record' }).outcome();
    if (isLeft(outcome)) throw new Error(`recording refused: ${outcome.left.code}`);
    const [event] = outcome.right;
    expect(event?.type === 'ApologyIssued' && event.data.breaches?.map((b) => [b.rule, b.measured])).toEqual([
      [DossierErrorCode.APOLOGY_LIMIT_REACHED, { apologyCount: 2, limit: 1 }],
      [DossierErrorCode.APOLOGY_TOO_LATE, { workingDaysBeforeDue: 0, required: 1 }],
    ]);
    const over = readModelOver(incidentRegisterReadModel, recorded([...apologisedOnce, event!]));
    const both = (await over.explain(`${TENANT}/incident-register/2026-03/category/C12/breaches`))!;
    expect(both.value).toBe(2);
    expect(both.breaches?.map((b) => [b.rule, b.event.globalPosition])).toEqual([
      [DossierErrorCode.APOLOGY_LIMIT_REACHED, 4],
      [DossierErrorCode.APOLOGY_TOO_LATE, 4],
    ]);
    expect(reAddProblems(both)).toEqual([]);
    expect(await incidentRegisterReadModel.queries.breachCount(over.documents, TENANT, parsePeriod('2026')!, 'category', 'C12')).toBe(2);
  });

  it('still refuses in record mode what no rule set can excuse: a new appointment not after the due date', () => {
    kit.spec.given(received).when(kit.apologise('2026-03-09T09:00', '2026-03-09'), { mode: 'record' }).thenFails(DossierErrorCode.APOLOGY_DATE_NOT_AFTER_DUE);
  });
});

describe('record, then judge: officer decisions already made', () => {
  const officerStream = `officer-${officer.OFFICER}`;

  describe('a secondment at a province desk for 3 months (Art.11: 6 to 24)', () => {
    const when = officer.appoint({ termEndDate: '2025-09-30' });
    const breach = {
      rule: OfficerErrorCode.SecondmentTermOutOfRange,
      ruleSetId: 'decree-118-2025',
      article: 'Decree 61/2018/NĐ-CP Art.11',
      measured: { termDays: 92, shortestDays: 184, longestDays: 730 },
    };
    const expected = officer.appointed({ termEndDate: '2025-09-30', breaches: [breach] });

    it('is refused at a live desk, and appended with exactly its breach when recorded', () => {
      officer.spec.given([]).when(when).thenFails(breach.rule);
      officer.spec.given([]).when(when, { mode: 'record' }).then([expected]);
    });

    it('is counted by the incident register and shown in its explanation', async () => {
      await expectCounted(recorded([expected], officerStream), { breach, month: '2025-06', officerId: officer.OFFICER });
    });
  });

  describe('a reprimand decided 51 days after its 2-year limitation ran out', () => {
    const when: RecordDiscipline = {
      type: 'RecordDiscipline',
      data: {
        officerId: officer.OFFICER,
        form: 'reprimand',
        violationDate: '2024-01-10',
        decisionDate: '2026-03-02',
        decisionRef: '12/QĐ-STP',
        occurredAt: officer.at('2026-03-02'),
      },
    };
    const breach = {
      rule: OfficerErrorCode.DisciplineTimeBarred,
      ruleSetId: RULE_SET,
      article: 'Law on Public Employees 58/2010/QH12 Art.53 as amended by 52/2019/QH14',
      measured: { daysPastLimitation: 51, limitationYears: 2 },
    };
    const expected: OfficerEvent = {
      type: 'DisciplineRecorded',
      data: {
        officerId: officer.OFFICER,
        form: 'reprimand',
        legalStatus: 'civil-servant',
        violationDate: '2024-01-10',
        decisionDate: '2026-03-02',
        decisionRef: '12/QĐ-STP',
        limitationYears: 2,
        limitationEndsOn: '2026-01-10',
        ruleSetId: RULE_SET,
        occurredAt: officer.at('2026-03-02'),
        breaches: [breach],
      },
    };

    it('is refused at a live desk, and appended with exactly its breach when recorded', () => {
      officer.spec.given([officer.appointed()]).when(when).thenFails(breach.rule);
      officer.spec.given([officer.appointed()]).when(when, { mode: 'record' }).then([expected]);
    });

    it('is counted by the incident register and shown in its explanation', async () => {
      await expectCounted(recorded([officer.appointed(), expected], officerStream), { breach, month: '2026-03', officerId: officer.OFFICER });
    });
  });

  describe('a 2025 rating of good for an officer disciplined in 2025 (Decree 90/2020 criteria)', () => {
    const given = [officer.appointed(), officer.disciplined()];
    const when = officer.evaluate('2025', { level: 'good' }, officer.at('2026-01-10'));

    it('is refused at a live desk, recorded with its breach, counted by the incident register and shown in its explanation', async () => {
      const error = officer.spec.given(given).when(when).thenFails(OfficerErrorCode.EvaluationAboveCriteria);
      const decided = officer.decider.decide(when, fold(officer.decider, given), { mode: 'record' });
      if (isLeft(decided)) throw new Error(`expected the rating recorded, got ${decided.left.code}`);
      const rated = decided.right.at(-1)!;
      expect(rated.type).toBe('EvaluationRecorded');
      const breach = rated.type === 'EvaluationRecorded' ? rated.data.breaches?.[0] : undefined;
      expect(breach?.rule).toBe(error.code);
      await expectCounted(recorded([...given, ...decided.right], officerStream), { breach: breach!, month: '2026-01', officerId: officer.OFFICER });
    });
  });
});
