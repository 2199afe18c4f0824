import fc from 'fast-check';
import { addCalendarDays } from '../../../calendar/index.js';
import { acknowledged, concluded, investigationStarted, reported } from '../../../conduct/conduct.testkit.js';
import { incidentStreamId } from '../../../conduct/state.js';
import type { IncidentSource } from '../../../conduct/vocabulary.js';
import type { DossierCommand } from '../../../dossier/commands.js';
import { dossierStreamId } from '../../../dossier/decider.js';
import * as kit from '../../../dossier/dossier.testkit.js';
import { at as feedbackAt, answered as feedbackAnswered, received as feedbackReceived } from '../../../feedback/feedback.testkit.js';
import { feedbackStreamId } from '../../../feedback/state.js';
import { isLeft } from '../../../fp.js';
import type { DomainEvent, RecordedEvent } from '../../../kernel/envelope.js';
import { parseProvinceStreamId, provinceStreamId, upgradedStreamId } from '../../../kernel/tenant.js';
import { BUILT_IN_RULE_SETS, createRuleBook } from '../../../rules/index.js';
import type { FeedbackKind, RuleSet } from '../../../rules/types.js';
import type { ReadModelDeps } from '../../read-model.js';

/** Event logs of dossiers (and the complaints and feedback about them) for the dossier read models' tests. */

export const TENANT = 'province-01';
/** A second province for laws over two: it uses the same unit, officer and dossier codes as the first. */
export const OTHER_PROVINCE = 'bac-kan';

export const rulesWith = (change: Partial<RuleSet> = {}) =>
  createRuleBook(
    BUILT_IN_RULE_SETS.map((set) => ({ ...set, ...change })),
    kit.TEST_PROCEDURES,
  );
/** Read-model deps on `change`d rules. */
export const depsWith = (change: Partial<RuleSet> = {}): ReadModelDeps => ({ calendar: kit.calendar, rules: rulesWith(change) });

/** `000.00.15.H12-260302-0001`-style codes numbered from 1. */
export const code = (n: number): string => `000.00.15.H12-260302-${String(n).padStart(4, '0')}`;

const withCode = (command: DossierCommand, dossierCode: string): DossierCommand => ({ ...command, data: { ...command.data, dossierCode } }) as DossierCommand;

/** The events the decider decides for `commands` on dossier `dossierCode`; a rejection is a broken fixture. */
export const dossierEvents = (dossierCode: string, commands: readonly DossierCommand[]): DomainEvent[] =>
  kit.history(commands.map((command) => withCode(command, dossierCode)));

/** Like `dossierEvents`, skipping commands the decider refuses (for generated scenarios). */
export const tolerantDossierEvents = (dossierCode: string, commands: readonly DossierCommand[]): DomainEvent[] => {
  const decider = kit.restartDecider;
  const events: DomainEvent[] = [];
  let state = decider.initialState();
  for (const command of commands) {
    const result = decider.decide(withCode(command, dossierCode), state);
    if (isLeft(result)) continue;
    for (const event of result.right) {
      events.push(event);
      state = decider.evolve(state, event);
    }
  }
  return events;
};

export interface Stream {
  readonly streamId: string;
  readonly events: readonly DomainEvent[];
}

export const dossierStream = (dossierCode: string, commands: readonly DossierCommand[]): Stream => ({
  streamId: dossierStreamId(TENANT, dossierCode),
  events: dossierEvents(dossierCode, commands),
});

/** A complaint about a dossier, as the incident stream records it. */
export const complaintStream = (
  incidentId: string,
  dossierCode: string,
  outcome: 'substantiated' | 'unfounded' = 'substantiated',
  source: IncidentSource = 'hotline',
): Stream => ({
  streamId: incidentStreamId(TENANT, incidentId),
  events: [reported({ incidentId, dossierCode, source }), acknowledged({ incidentId }), investigationStarted({ incidentId }), concluded({ incidentId, outcome })],
});

/** Feedback of `kind` (a phản ánh unless told) about a unit received on `date` and answered on time or late. */
export const feedbackStream = (feedbackId: string, unitId: string, date: string, onTime: boolean, kind: FeedbackKind = 'phan-anh'): Stream => ({
  streamId: feedbackStreamId(TENANT, feedbackId),
  events: [
    feedbackReceived({ feedbackId, unitId, kind, receivedOn: date, occurredAt: feedbackAt(date), dueDate: date, forwardingDueDate: date, dossierCode: undefined }),
    feedbackAnswered({ feedbackId, answeredOn: date, dueDate: date, occurredAt: feedbackAt(date, '16:00'), onTime }),
  ],
});

/** Praise (khen) for a unit received on `date`: it asks for no answer. */
export const praiseStream = (feedbackId: string, unitId: string, date: string): Stream => ({
  streamId: feedbackStreamId(TENANT, feedbackId),
  events: [
    feedbackReceived({ feedbackId, unitId, kind: 'khen', receivedOn: date, occurredAt: feedbackAt(date), dueDate: date, forwardingDueDate: date, dossierCode: undefined }),
  ],
});

/** The same stream in `tenantId`: its kind and id, that province's qualifier. */
export const streamIdInProvince = (streamId: string, tenantId: string): string => {
  const parsed = parseProvinceStreamId(streamId);
  const moved = parsed === undefined ? upgradedStreamId(streamId, tenantId) : provinceStreamId(parsed.kind, tenantId, parsed.id);
  if (moved === undefined) throw new Error(`cannot move stream ${streamId} to province ${tenantId}`);
  return moved;
};

/** The same streams in `tenantId`. */
export const inOtherProvince = (streams: readonly Stream[], tenantId = OTHER_PROVINCE): Stream[] =>
  streams.map((stream) => ({ ...stream, streamId: streamIdInProvince(stream.streamId, tenantId) }));

/**
 * Records streams into one log in the order `order` gives (stream indices, each taking its next event);
 * without `order`, stream after stream.
 */
export const record = (streams: readonly Stream[], order?: readonly number[], tenantId = TENANT): RecordedEvent[] => {
  const sequence = order ?? streams.flatMap((stream, i) => stream.events.map(() => i));
  const next = streams.map(() => 0);
  return sequence.map((i, position) => {
    const stream = streams[i] as Stream;
    const version = (next[i] as number) + 1;
    next[i] = version;
    const event = stream.events[version - 1] as DomainEvent;
    const occurredAt = (event.data as { occurredAt?: string }).occurredAt ?? '2026-03-02T09:00:00+07:00';
    return {
      ...event,
      metadata: {
        eventId: `${stream.streamId}#${version}`,
        streamId: stream.streamId,
        streamVersion: version,
        globalPosition: position + 1,
        recordedAt: occurredAt,
        occurredAt,
        actor: { id: 'officer-7', role: 'receptionist' },
        tenantId,
        correlationId: `corr-${position + 1}`,
        causationId: `cause-${position + 1}`,
      },
    };
  });
};

/** Two logs merged in the order `picks` draws them (each keeps its own order), renumbered as one log. */
export const mergeLogs = (a: readonly RecordedEvent[], b: readonly RecordedEvent[], picks: readonly number[]): RecordedEvent[] => {
  const merged: RecordedEvent[] = [];
  let i = 0;
  let j = 0;
  let p = 0;
  while (i < a.length || j < b.length) {
    const fromA = j >= b.length || (i < a.length && (picks[p++ % Math.max(1, picks.length)] ?? 0) % 2 === 0);
    const event = fromA ? a[i++]! : b[j++]!;
    merged.push({ ...event, metadata: { ...event.metadata, globalPosition: merged.length + 1 } });
  }
  return merged;
};

/** A random interleaving: each stream keeps its order, streams are mixed by `picks`. */
export const interleave = (streams: readonly Stream[], picks: readonly number[]): number[] => {
  const left = streams.map((s) => s.events.length);
  const order: number[] = [];
  let p = 0;
  for (;;) {
    const open = left.flatMap((n, i) => (n > 0 ? [i] : []));
    if (open.length === 0) return order;
    const i = open[(picks[p++] ?? 0) % open.length] as number;
    left[i] = (left[i] as number) - 1;
    order.push(i);
  }
};

const level = fc.integer({ min: 1, max: 5 });
const score = fc.constantFrom(0, 1, 2);

/**
 * The units dossiers and feedback name: two of the desk's usual codes, and one holding the two
 * characters a key part escapes (`keyPart`), which every read model keeps apart like any other.
 */
export const UNIT_IDS = ['unit-a', 'unit-b', 'unit/c%1'] as const;

/** One dossier's story in parameters; commands the decider refuses are skipped. */
export const dossierScenario = fc.record({
  unit: fc.constantFrom(...UNIT_IDS),
  procedure: fc.constantFrom(kit.FIVE_DAYS, kit.FIFTEEN_CALENDAR_DAYS),
  officer: fc.constantFrom('officer-1', 'officer-2'),
  day: fc.integer({ min: 0, max: 45 }),
  late: fc.boolean(),
  channel: fc.constantFrom('counter', 'online'),
  guided: fc.boolean(),
  supplement: fc.option(fc.record({ after: fc.integer({ min: 0, max: 2 }), back: fc.integer({ min: 0, max: 4 }) }), { nil: undefined }),
  agency: fc.option(fc.record({ after: fc.integer({ min: 0, max: 2 }), back: fc.integer({ min: 1, max: 6 }) }), { nil: undefined }),
  apology: fc.boolean(),
  returnAfter: fc.integer({ min: 1, max: 25 }),
  /** Days the result waited at the desk before its return, when its arrival there is recorded. */
  readyFor: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  end: fc.constantFrom('return', 'return', 'return', 'withdraw', 'open'),
  rating: fc.option(
    fc.record({ sipas: fc.record({ access: level, officers: level, feedbackHandling: level }, { requiredKeys: ['officers'] }), circular01: fc.record({ '1': score, '7': score }) }),
    { nil: undefined },
  ),
  complaint: fc.constantFrom(undefined, 'substantiated', 'unfounded'),
});
export type DossierScenario = typeof dossierScenario extends fc.Arbitrary<infer T> ? T : never;

const at = (start: string, days: number, time = '09:00') => `${addCalendarDays(start, days)}T${time}`;

export const commandsOf = (s: DossierScenario): DossierCommand[] => {
  const { guidance, receive, transfer, requestSupplement, receiveSupplement, forward, returnFromAgency, apologise, withdraw, complete, resultReady, returnResult, rate } = kit;
  const start = addCalendarDays('2026-03-02', s.day);
  const commands: DossierCommand[] = [];
  if (s.guided) commands.push(guidance(at(start, -1)));
  commands.push(receive(at(start, 0, s.late ? '16:00' : '09:00'), { receivingUnitId: s.unit, procedureCode: s.procedure, channel: s.channel as 'counter' }));
  commands.push(transfer(at(start, 1, '08:00')));
  let t = 1;
  if (s.supplement !== undefined) {
    commands.push(requestSupplement(at(start, t + s.supplement.after, '10:00')));
    t += s.supplement.after + s.supplement.back;
    commands.push(receiveSupplement(at(start, t, '11:00'), s.channel === 'counter' ? 'counter' : 'online'));
  }
  if (s.agency !== undefined) {
    commands.push(forward(at(start, t + s.agency.after, '12:00')));
    t += s.agency.after + s.agency.back;
    commands.push(returnFromAgency(at(start, t, '13:00')));
  }
  if (s.apology) commands.push(apologise(at(start, t, '14:00'), addCalendarDays(start, s.returnAfter + 10)));
  if (s.end === 'withdraw') commands.push(withdraw(at(start, t, '15:00')));
  if (s.end === 'return') {
    const done = Math.max(t, s.returnAfter);
    const completion = complete(at(start, done, '08:30'));
    commands.push({ ...completion, data: { ...completion.data, officerId: s.officer } });
    if (s.readyFor !== undefined) commands.push(resultReady(at(start, done, '08:45')));
    commands.push(returnResult(at(start, done + (s.readyFor ?? 0), '09:30')));
  }
  if (s.rating !== undefined) commands.push(rate(at(start, 40, '10:00'), s.rating));
  return commands;
};

/** The streams of generated dossiers (with their complaints) and feedback, in province `TENANT`. */
export const worldOf = (dossiers: readonly DossierScenario[], feedback: readonly { unit: string; day: number; onTime: boolean }[] = []): Stream[] => [
  ...dossiers.flatMap((s, i) => {
    const dossierCode = code(i + 1);
    const streams: Stream[] = [{ streamId: dossierStreamId(TENANT, dossierCode), events: tolerantDossierEvents(dossierCode, commandsOf(s)) }];
    if (s.complaint !== undefined) streams.push(complaintStream(`INC-${i}`, dossierCode, s.complaint as 'substantiated' | 'unfounded'));
    return streams;
  }),
  ...feedback.map((f, i) => feedbackStream(`FB-${i}`, f.unit, addCalendarDays('2026-03-02', f.day), f.onTime)),
];

export const world = fc.record({
  dossiers: fc.array(dossierScenario, { minLength: 1, maxLength: 8 }),
  feedback: fc.array(fc.record({ unit: fc.constantFrom(...UNIT_IDS), day: fc.integer({ min: 0, max: 60 }), onTime: fc.boolean() }), { maxLength: 4 }),
  picks: fc.array(fc.nat(), { maxLength: 400 }),
});

export { kit };
