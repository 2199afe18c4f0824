import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { DossierCommand } from '../dossier/commands.js';
import * as kit from '../dossier/dossier.testkit.js';
import type { DossierEvent } from '../dossier/events.js';
import type { DossierState } from '../dossier/state.js';
import { isLeft } from '../fp.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import { DocumentSession, foldBatch } from '../read-side/engine/fold.js';
import { notificationOutboxProjection, outboxMessageKey, type OutboxDocument } from './outbox.js';

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

const walk = fc.array(fc.record({ onTrack: fc.integer({ min: 0, max: 9 }).map((n) => n < 8), minutes: fc.integer({ min: 5, max: 3 * 24 * 60 }), variant: fc.nat({ max: 1000 }) }), {
  minLength: 1,
  maxLength: 40,
});

const recorded = (event: DossierEvent, version: number): RecordedEvent => ({
  type: event.type,
  data: JSON.parse(JSON.stringify(event.data)) as DossierEvent['data'],
  metadata: {
    eventId: `e-${version}`, streamId: `dossier-hcm:${kit.CODE}`, streamVersion: version, globalPosition: version, tenantId: 'hcm',
    occurredAt: event.data.occurredAt, recordedAt: event.data.occurredAt, actor: { id: 'o', role: 'receptionist' }, correlationId: 'c', causationId: 'c',
  },
} as RecordedEvent);

test.prop([walk], { numRuns: 300 })(
  'a message follows every event that changes the decider\'s status, or its due date by an apology, and no other; it names the status the decider reached',
  (intents) => {
    let state = kit.restartDecider.initialState();
    let clock = Date.UTC(2026, 2, 2, 2);
    const session = new DocumentSession<OutboxDocument>(() => undefined);
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
        const folded = foldBatch(notificationOutboxProjection, session, version - 1, [recorded(event, version)]);
        expect(folded.failure).toBeUndefined();
        const message = session.get(outboxMessageKey('hcm', version));
        const told = before.status !== state.status || event.type === 'ApologyIssued';
        expect(message !== undefined).toBe(told);
        if (message?.kind !== 'message') continue;
        expect(message).toMatchObject({ id: `msg_e-${version}`, position: version, eventType: event.type, tenantId: 'hcm' });
        expect(message.type).toBe(before.status !== state.status ? 'dossier.status-changed' : 'dossier.due-date-changed');
        expect(message.data.status).toBe(state.status);
        expect(message.data.dueDate).toBe(state.dueDate);
        expect(message.data.previousStatus).toBe(before.status === 'NOT_STARTED' ? undefined : before.status);
      }
    }
  },
);
