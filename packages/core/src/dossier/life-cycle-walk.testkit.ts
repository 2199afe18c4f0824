import { fc } from '@fast-check/vitest';
import { isLeft } from '../fp.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import type { DossierCommand } from './commands.js';
import * as kit from './dossier.testkit.js';
import type { DossierEvent } from './events.js';
import type { DossierState } from './state.js';

/**
 * Random walks through a dossier's life cycle, decided by the desk's own decider: what properties of
 * read models and outboxes that follow the decider are checked against, event by event.
 */
type Step = (at: string, state: DossierState, variant: number) => DossierCommand;
const AGENCIES = ['agency-tax', 'agency-land'];
const CHANNELS = ['counter', 'online', 'postal'] as const;
const steps: Readonly<Record<string, Step>> = {
  guidance: (at, _, v) => kit.guidance(at, v % 2 === 0 ? 'counter' : 'phone'),
  submit: (at, _, v) => kit.submit(at, { channel: CHANNELS[v % 3] ?? 'online', applicantId: `subject-${v % 3}` }),
  requestAtIntake: (at) => kit.requestAtIntake(at, ['ID copy']),
  refuseAtIntake: (at) => kit.refuseAtIntake(at),
  receive: (at, _, v) => kit.receive(at, { channel: CHANNELS[v % 3] ?? 'counter', procedureCode: v % 4 === 0 ? kit.IMMEDIATE : kit.FIVE_DAYS }),
  transfer: (at) => kit.transfer(at),
  requestSupplement: (at) => kit.requestSupplement(at),
  receiveSupplement: (at, _, v) => kit.receiveSupplement(at, CHANNELS[v % 3] ?? 'counter'),
  forward: (at, _, v) => kit.forward(at, AGENCIES[v % 2], 1 + (v % 3)),
  returnFromAgency: (at, state, v) => {
    const out = state.agencySteps.filter((step) => step.returnedAt === undefined);
    return kit.returnFromAgency(at, out[v % Math.max(1, out.length)]?.agencyId ?? AGENCIES[v % 2]);
  },
  complete: (at, _, v) => kit.complete(at, v % 3 === 0 ? 'refused' : 'approved'),
  apologise: (at, state, v) => kit.apologise(at, kit.calendar.addWorkingDays(state.dueDate ?? '2026-12-31', 1 + (v % 3))),
  resultReady: (at) => kit.resultReady(at),
  returnResult: (at, _, v) => kit.returnResult(at, CHANNELS[v % 3] ?? 'counter'),
  withdraw: (at) => kit.withdraw(at),
  rate: (at) => kit.rate(at),
};
// Most steps follow the life cycle, so that walks reach agencies, apologies, the desk's result and closing.
const ON_TRACK: Readonly<Record<DossierState['status'], readonly string[]>> = {
  NOT_STARTED: ['guidance', 'submit', 'receive'],
  GUIDED: ['submit', 'receive', 'guidance'],
  SUBMITTED: ['receive', 'requestAtIntake', 'refuseAtIntake'],
  AWAITING_INTAKE_SUPPLEMENT: ['submit', 'guidance', 'withdraw'],
  RECEIVED: ['transfer', 'transfer', 'complete', 'apologise'],
  IN_PROCESSING: ['requestSupplement', 'forward', 'forward', 'complete', 'apologise'],
  AWAITING_SUPPLEMENT: ['receiveSupplement', 'guidance'],
  WITH_AGENCY: ['returnFromAgency', 'returnFromAgency', 'forward', 'apologise'],
  PROCESSED: ['returnResult', 'resultReady', 'resultReady', 'rate'],
  RESULT_READY: ['returnResult', 'rate', 'apologise'],
  RETURNED: ['rate'],
  REFUSED_AT_INTAKE: ['rate'],
  WITHDRAWN: ['rate'],
};
const ANY = Object.keys(steps);

export interface WalkStep {
  readonly onTrack: boolean;
  readonly minutes: number;
  readonly variant: number;
}

/** Up to 40 steps, 5 minutes to 3 days apart, mostly along the life cycle. */
export const lifeCycleWalk: fc.Arbitrary<readonly WalkStep[]> = fc.array(
  fc.record({ onTrack: fc.integer({ min: 0, max: 9 }).map((n) => n < 8), minutes: fc.integer({ min: 5, max: 3 * 24 * 60 }), variant: fc.nat({ max: 1000 }) }),
  { minLength: 1, maxLength: 40 },
);

/** The event as a store gives it back: dossier `kit.CODE` of province `hcm`, at global position `version`. */
const recorded = (event: DossierEvent, version: number): RecordedEvent =>
  ({
    type: event.type,
    data: JSON.parse(JSON.stringify(event.data)) as DossierEvent['data'],
    metadata: {
      eventId: `e-${version}`,
      streamId: `dossier-hcm:${kit.CODE}`,
      streamVersion: version,
      globalPosition: version,
      tenantId: 'hcm',
      occurredAt: event.data.occurredAt,
      recordedAt: event.data.occurredAt,
      actor: { id: 'o', role: 'receptionist' },
      correlationId: 'c',
      causationId: 'c',
    },
  }) as RecordedEvent;

/** One event of a walk: as recorded, and the decider's state before and after it. */
export interface WalkedEvent {
  readonly event: RecordedEvent;
  readonly before: DossierState;
  readonly after: DossierState;
}

/** Decides each step of the walk (refused commands are skipped) and hands over every event decided, in order. */
export const replayWalk = (intents: readonly WalkStep[], onEvent: (walked: WalkedEvent) => void): void => {
  let state = kit.restartDecider.initialState();
  let clock = Date.UTC(2026, 2, 2, 2);
  let version = 0;
  for (const { onTrack, minutes, variant } of intents) {
    clock += minutes * 60_000;
    const kinds = onTrack ? ON_TRACK[state.status] : ANY;
    const command = (steps[kinds[variant % kinds.length] as string] as Step)(new Date(clock + 7 * 3_600_000).toISOString().slice(0, 16), state, variant);
    const decided = kit.restartDecider.decide(command, state);
    if (isLeft(decided)) continue;
    for (const event of decided.right) {
      const before = state;
      state = kit.restartDecider.evolve(state, event);
      version++;
      onEvent({ event: recorded(event, version), before, after: state });
    }
  }
};
