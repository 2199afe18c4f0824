import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { addCalendarDays } from '../calendar/index.js';
import { isLeft, isRight } from '../fp.js';
import { decode } from '../kernel/codec.js';
import { fold, type DecideOptions } from '../kernel/decider.js';
import { checkRecordModeLaw } from '../rules/record-mode.testkit.js';
import type { DossierCommand } from './commands.js';
import type { DossierDecider } from './decider.js';
import { DossierErrorCode } from './errors.js';
import { DossierEvent } from './events.js';
import type { DossierState } from './state.js';
import * as kit from './dossier.testkit.js';

type Kind = DossierCommand['type'];
interface Intent {
  /** Follow the life cycle (a command that fits the status) or send `kind`, which often does not fit. */
  readonly onTrack: boolean;
  readonly kind: Kind;
  /** Minutes after the previous command: from a few minutes to four days. */
  readonly minutesLater: number;
  /** Picks documents, agencies, channels and procedures. */
  readonly variant: number;
}

// Progress commands appear more often so that random sequences reach processing, return and rating.
const KINDS: readonly Kind[] = [
  'RecordGuidance', 'SubmitDossier', 'RequestSupplementAtIntake', 'RefuseAtIntake',
  'ReceiveDossier', 'ReceiveDossier', 'ReceiveDossier', 'TransferDossier', 'TransferDossier',
  'RequestSupplement', 'RequestSupplement', 'ReceiveSupplement', 'ReceiveSupplement',
  'ForwardToAgency', 'ReturnFromAgency', 'ReturnFromAgency', 'CompleteProcessing', 'CompleteProcessing',
  'IssueApology', 'IssueApology', 'IssueApology', 'RecordResultReady', 'ReturnResult', 'ReturnResult', 'WithdrawDossier', 'RateDossier',
  'AssignStep', 'CompleteStep', 'ReportResultError', 'CorrectResult',
];
const PROCEDURES = [kit.FIVE_DAYS, kit.FIVE_DAYS, kit.IMMEDIATE, kit.FIFTEEN_CALENDAR_DAYS, kit.VERSIONED, '9.999999'];
const CHANNELS = ['counter', 'online', 'postal'] as const;
const AGENCIES = ['agency-tax', 'agency-land'];

/** Commands that fit each status, so that sequences get deep into the life cycle. */
const ON_TRACK: Readonly<Record<DossierState['status'], readonly Kind[]>> = {
  NOT_STARTED: ['RecordGuidance', 'SubmitDossier', 'ReceiveDossier'],
  GUIDED: ['SubmitDossier', 'ReceiveDossier'],
  SUBMITTED: ['ReceiveDossier', 'RequestSupplementAtIntake', 'RefuseAtIntake'],
  AWAITING_INTAKE_SUPPLEMENT: ['SubmitDossier', 'RecordGuidance', 'WithdrawDossier'],
  RECEIVED: ['TransferDossier', 'TransferDossier', 'CompleteProcessing', 'IssueApology'],
  IN_PROCESSING: ['RequestSupplement', 'RequestSupplement', 'ForwardToAgency', 'CompleteProcessing', 'IssueApology', 'AssignStep', 'CompleteStep', 'CompleteStep'],
  AWAITING_SUPPLEMENT: ['ReceiveSupplement', 'RecordGuidance', 'CompleteStep'],
  WITH_AGENCY: ['ReturnFromAgency', 'ReturnFromAgency', 'ForwardToAgency', 'IssueApology', 'AssignStep'],
  PROCESSED: ['ReturnResult', 'RecordResultReady', 'RateDossier'],
  RESULT_READY: ['ReturnResult', 'RateDossier'],
  RETURNED: ['RateDossier', 'ReportResultError', 'CorrectResult', 'CorrectResult'],
  REFUSED_AT_INTAKE: ['RateDossier'],
  WITHDRAWN: ['RateDossier'],
};

const intent = fc.record({
  onTrack: fc.integer({ min: 0, max: 9 }).map((n) => n < 7),
  kind: fc.constantFrom(...KINDS),
  // Mostly within the same day, sometimes days later: supplements must come within 3 working days.
  minutesLater: fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 5, max: 6 * 60 }) },
    { weight: 1, arbitrary: fc.integer({ min: 6 * 60, max: 4 * 24 * 60 }) },
  ),
  variant: fc.nat({ max: 1_000 }),
});
/** Local wall-clock start between 2025-05-01 and 2026-10-31, as minutes since the epoch. */
const start = fc.integer({ min: Date.UTC(2025, 4, 1) / 60_000, max: Date.UTC(2026, 9, 31) / 60_000 });
const deciders = fc.constantFrom(
  ['RESTART', kit.restartDecider] as const,
  ['PAUSE', kit.pauseDecider] as const,
  ['receipt day counts', kit.receiptDayCountsDecider] as const,
);

const localTime = (minutes: number) => new Date(minutes * 60_000).toISOString().slice(0, 16);

const build = ({ onTrack, kind: sent, variant }: Intent, state: DossierState, at: string): DossierCommand => {
  const fitting = ON_TRACK[state.status];
  const kind = onTrack ? (fitting[variant % fitting.length] ?? sent) : sent;
  const open = state.agencySteps.filter((step) => step.returnedAt === undefined).map((step) => step.agencyId);
  const docs = state.requiredDocuments.length > 0 ? state.requiredDocuments : ['Application form'];
  const missing = variant % 6 === 5 ? ['Unpublished paper'] : [docs[variant % docs.length] as string];
  const channel = CHANNELS[variant % CHANNELS.length] ?? 'counter';
  const agency = AGENCIES[variant % AGENCIES.length] ?? 'agency-tax';
  switch (kind) {
    case 'RecordGuidance': return kit.guidance(at, variant % 2 === 0 ? 'counter' : 'phone');
    case 'SubmitDossier': return kit.submit(at, { channel, procedureCode: PROCEDURES[variant % PROCEDURES.length] as string });
    case 'RequestSupplementAtIntake': return kit.requestAtIntake(at, missing);
    case 'RefuseAtIntake': return kit.refuseAtIntake(at);
    case 'ReceiveDossier': return kit.receive(at, { channel, procedureCode: PROCEDURES[variant % PROCEDURES.length] as string });
    case 'TransferDossier': return kit.transfer(at);
    case 'RequestSupplement': return kit.requestSupplement(at, missing);
    case 'ReceiveSupplement': return kit.receiveSupplement(at, channel);
    case 'ForwardToAgency': return kit.forward(at, agency, 1 + (variant % 5));
    case 'ReturnFromAgency': return kit.returnFromAgency(at, open[variant % Math.max(1, open.length)] ?? agency);
    case 'CompleteProcessing': return kit.complete(at, variant % 3 === 0 ? 'refused' : 'approved', variant % 6 === 0 ? undefined : 'reason');
    case 'IssueApology': {
      const due = state.dueDate ?? '2026-12-31';
      // Mostly lawful dates; sometimes the same date, sometimes the first day off after it.
      const dayOffAfter = [1, 2, 3, 4, 5, 6, 7].map((n) => addCalendarDays(due, n)).find((date) => !kit.calendar.isWorkingDay(date));
      const newDueDate =
        variant % 5 === 4 ? due : variant % 5 === 3 ? (dayOffAfter ?? due) : kit.calendar.addWorkingDays(due, 1 + (variant % 4));
      return kit.apologise(at, newDueDate);
    }
    case 'AssignStep': {
      // Mostly a new step id; sometimes one already used.
      const stepId = `step-${Math.max(1, state.processingSteps.length + (variant % 5 === 4 ? 0 : 1))}`;
      return kit.assignStep(at, stepId, agency, 1 + (variant % 4), variant % 2 === 0 ? 'appraisal' : 'approval');
    }
    case 'CompleteStep': {
      const openSteps = state.processingSteps.filter((step) => step.completedAt === undefined).map((step) => step.stepId);
      return kit.completeStep(at, openSteps[variant % Math.max(1, openSteps.length)] ?? 'step-9');
    }
    case 'ReportResultError': return kit.reportError(at, variant % 2 === 0 ? 'applicant' : 'processing-body');
    case 'CorrectResult': {
      // Mostly lawful; sometimes a fee charged, no apology, or not the body's error.
      const corrected = kit.correctResult(at, { bodyAtFault: variant % 7 !== 6, feeDong: variant % 5 === 3 ? 20_000 : 0 });
      if (variant % 4 !== 2) return corrected;
      const { apology: _none, ...data } = corrected.data;
      return { ...corrected, data };
    }
    case 'RecordResultReady': return kit.resultReady(at);
    case 'ReturnResult': return kit.returnResult(at, channel);
    case 'WithdrawDossier': return kit.withdraw(at);
    case 'RateDossier': return kit.rate(at, variant % 2 === 0 ? { sipas: { result: 1 + (variant % 5) } } : { circular01: { '7': 2 } });
  }
};

interface Run {
  readonly state: DossierState;
  readonly events: readonly DossierEvent[];
  readonly states: readonly DossierState[];
  readonly clock: number;
}

/** Decides each command against the state so far; accepted events are evolved one by one. */
const run = (decider: DossierDecider, from: number, intents: readonly Intent[], initial?: Run, options?: DecideOptions): Run => {
  let { state, clock } = initial ?? { state: decider.initialState(), clock: from };
  const events = [...(initial?.events ?? [])];
  const states = [...(initial?.states ?? [])];
  for (const step of intents) {
    clock += step.minutesLater;
    const result = decider.decide(build(step, state, localTime(clock)), state, options);
    if (isLeft(result)) continue;
    for (const event of result.right) {
      state = decider.evolve(state, event);
      events.push(event);
      states.push(state);
    }
  }
  return { state, events, states, clock };
};

const sequence = fc.array(intent, { minLength: 1, maxLength: 30 });
/** Filed, asked for one document at intake, filed again, asked again for any: the second may name new gaps. */
const intakeRounds = fc.nat({ max: 1_000 }).map((variant): Intent[] =>
  (['SubmitDossier', 'RequestSupplementAtIntake', 'SubmitDossier', 'RequestSupplementAtIntake'] as const).map((kind, i) => ({
    onTrack: false,
    kind,
    minutesLater: 10,
    variant: i === 3 ? variant : 0,
  })),
);
/**
 * Received, decided and returned, then an error reported and, after 0 to 4 waits of three days, its
 * correction: so that late, charged and unapologised corrections are all on the way (Art.21).
 */
const correctionRounds = fc.record({ waits: fc.nat({ max: 4 }), variant: fc.nat({ max: 1_000 }) }).map(({ waits, variant }): Intent[] => [
  ...(['ReceiveDossier', 'TransferDossier', 'CompleteProcessing', 'ReturnResult', 'ReportResultError'] as const).map((kind) => ({
    onTrack: false,
    kind,
    minutesLater: 10,
    variant: 1,
  })),
  ...Array.from({ length: waits }, () => ({ onTrack: false, kind: 'RateDossier' as const, minutesLater: 3 * 24 * 60, variant: 0 })),
  { onTrack: false, kind: 'CorrectResult', minutesLater: 60, variant },
]);
/** Received, in processing, asked for a supplement, given it, and asked again: past the limit on requests (docs/domain/dossier-lifecycle.md §2). */
const supplementRounds = fc.nat({ max: 1_000 }).map((variant): Intent[] =>
  (['ReceiveDossier', 'TransferDossier', 'RequestSupplement', 'ReceiveSupplement', 'RequestSupplement'] as const).map((kind, i) => ({
    onTrack: false,
    kind,
    minutesLater: 10,
    variant: i === 4 ? variant : 1,
  })),
);
const coverage = { returned: 0, rated: 0, apologised: 0, supplemented: 0, withAgency: 0 };

describe('dossier properties', () => {
  it('replaying the stored events gives the state the decider built step by step', () => {
    fc.assert(
      fc.property(deciders, start, sequence, ([, decider], from, intents) => {
        const built = run(decider, from, intents);
        // Events go through the log as JSON and are decoded on the way back, as a store would.
        const stored = JSON.parse(JSON.stringify(built.events)) as unknown[];
        const decoded = stored.map((event) => decode(DossierEvent, event));
        expect(decoded.every(isRight)).toBe(true);
        const replayed = fold(decider, decoded.flatMap((result) => (isRight(result) ? [result.right] : [])));
        expect(replayed).toEqual(built.state);
        expect(isDeepStrictEqual(fold(decider, built.events), built.state)).toBe(true);
        const types = new Set(built.events.map((event) => event.type));
        if (types.has('ResultReturned')) coverage.returned++;
        if (types.has('DossierRated')) coverage.rated++;
        if (types.has('SupplementReceived')) coverage.supplemented++;
        if (types.has('ForwardedToAgency')) coverage.withAgency++;
      }),
      { numRuns: 300 },
    );
    // The generator must reach the interesting parts of the life cycle, or the law says little.
    expect(coverage.returned).toBeGreaterThan(0);
    expect(coverage.rated).toBeGreaterThan(0);
    expect(coverage.supplemented).toBeGreaterThan(0);
    expect(coverage.withAgency).toBeGreaterThan(0);
  });

  it('a returned, withdrawn or refused dossier accepts no processing command', () => {
    const closers: Intent[] = (['ReturnResult', 'WithdrawDossier', 'ReceiveDossier', 'WithdrawDossier'] as const).map((kind) => ({
      onTrack: false,
      kind,
      minutesLater: 10,
      variant: 0,
    }));
    const closingStatuses = new Set<string>();
    fc.assert(
      fc.property(deciders, start, sequence, sequence, ([, decider], from, before, after) => {
        const closed = run(decider, from, closers, run(decider, from, before));
        expect(['RETURNED', 'WITHDRAWN', 'REFUSED_AT_INTAKE']).toContain(closed.state.status);
        closingStatuses.add(closed.state.status);
        let clock = closed.clock;
        // Only a rating, or after a return an error and its correction (Art.21), may follow.
        const mayFollow = closed.state.status === 'RETURNED' ? ['RateDossier', 'ReportResultError', 'CorrectResult'] : ['RateDossier'];
        for (const step of after.filter((candidate) => !mayFollow.includes(candidate.kind)).map((candidate) => ({ ...candidate, onTrack: false }))) {
          clock += step.minutesLater;
          const result = decider.decide(build(step, closed.state, localTime(clock)), closed.state);
          expect(isLeft(result) && result.left.code).toBe(DossierErrorCode.CLOSED);
        }
      }),
      { numRuns: 200 },
    );
    expect([...closingStatuses].sort()).toEqual(['REFUSED_AT_INTAKE', 'RETURNED', 'WITHDRAWN']);
  });

  it('an apology is issued at most once', () => {
    fc.assert(
      fc.property(deciders, start, sequence, ([, decider], from, intents) => {
        const { events } = run(decider, from, intents);
        const apologies = events.filter((event) => event.type === 'ApologyIssued').length;
        expect(apologies).toBeLessThanOrEqual(1);
        if (apologies === 1) coverage.apologised++;
      }),
      { numRuns: 300 },
    );
    expect(coverage.apologised).toBeGreaterThan(0);
  });

  it('a return carries the judgement of the result ready at the desk before it, when there was one, and no other', () => {
    let carried = 0;
    fc.assert(
      fc.property(deciders, start, sequence, ([, decider], from, intents) => {
        const { events } = run(decider, from, intents);
        const ready = events.filter((event) => event.type === 'ResultReady');
        const returned = events.find((event) => event.type === 'ResultReturned');
        expect(ready.length).toBeLessThanOrEqual(1);
        if (returned?.type !== 'ResultReturned') return;
        const [first] = ready;
        if (first?.type !== 'ResultReady') {
          expect(returned.data.ready).toBeUndefined();
          return;
        }
        carried++;
        const { readyDate, timeliness, timelinessAgainstOriginal } = first.data;
        expect(returned.data.ready).toEqual({ readyDate, timeliness, timelinessAgainstOriginal });
        expect(readyDate <= returned.data.returnDate).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(carried).toBeGreaterThan(0);
  });

  it('every due date, original due date and step due date is a working day', () => {
    fc.assert(
      fc.property(deciders, start, sequence, ([, decider], from, intents) => {
        for (const state of run(decider, from, intents).states) {
          const dates = [state.dueDate, state.originalDueDate, ...state.dueDateHistory.map((change) => change.dueDate)];
          const stepDates = [
            ...state.agencySteps.map((step) => step.stepDueDate),
            ...state.processingSteps.map((step) => step.stepDueDate),
            ...state.errorReports.map((report) => report.correctionDueDate),
          ];
          for (const date of [...dates, ...stepDates]) {
            if (date !== undefined) expect(kit.calendar.isWorkingDay(date), `${date} in ${state.status}`).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
  it('record mode yields what refuse mode yields when no rule is broken; refuse fails, with the first rule, exactly when record finds breaches', () => {
    const recordedRules = new Set<string>();
    fc.assert(
      fc.property(deciders, start, fc.option(fc.oneof(intakeRounds, correctionRounds, supplementRounds)), sequence, ([, decider], from, intake, rest) => {
        // Built in record mode, so second apologies and late supplements are on the way too.
        let { state, clock } = { state: decider.initialState(), clock: from };
        for (const step of [...(intake ?? []), ...rest]) {
          clock += step.minutesLater;
          const command = build(step, state, localTime(clock));
          const { recorded, breaches } = checkRecordModeLaw(decider, command, state);
          if (isLeft(recorded)) continue;
          for (const breach of breaches) recordedRules.add(breach.rule);
          // What is recorded decodes from the log and folds: evolve accepts the fact.
          for (const event of recorded.right) {
            expect(isRight(decode(DossierEvent, JSON.parse(JSON.stringify(event))))).toBe(true);
            state = decider.evolve(state, event);
          }
        }
      }),
      { numRuns: 1000 },
    );
    // The generator must reach every recordable rule, or the law says little.
    expect([...recordedRules].sort()).toEqual(
      [
        DossierErrorCode.APOLOGY_LIMIT_REACHED,
        DossierErrorCode.APOLOGY_TOO_LATE,
        DossierErrorCode.CORRECTION_FEE_CHARGED,
        DossierErrorCode.CORRECTION_WITHOUT_APOLOGY,
        DossierErrorCode.ERROR_CORRECTION_LATE,
        DossierErrorCode.DOCUMENT_NOT_PUBLISHED,
        DossierErrorCode.SUPPLEMENT_LIMIT_REACHED,
        DossierErrorCode.SUPPLEMENT_NOT_IN_ONE_GO,
        DossierErrorCode.SUPPLEMENT_WINDOW_CLOSED,
      ].sort(),
    );
  });
});
