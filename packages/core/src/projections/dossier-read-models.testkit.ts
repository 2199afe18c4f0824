import { isLeft } from '../fp.js';
import type { DomainEvent, RecordedEvent } from '../kernel/envelope.js';
import type { DossierCommand } from '../dossier/commands.js';
import { dossierStreamId } from '../dossier/decider.js';
import { incidentStreamId } from '../conduct/state.js';
import { feedbackStreamId } from '../feedback/state.js';
import * as kit from '../dossier/dossier.testkit.js';
import { at as feedbackAt, answered as feedbackAnswered, received as feedbackReceived } from '../feedback/feedback.testkit.js';
import { acknowledged, concluded, investigationStarted, reported } from '../conduct/conduct.testkit.js';
import { BUILT_IN_RULE_SETS, createRuleBook } from '../rules/index.js';
import type { RuleSet } from '../rules/types.js';
import { applyEvents, type Projection } from './engine/projection.js';
import { jsonCopy } from './engine/projection-store.js';
import { createDossierReadModels } from './dossier-read-models-projection.js';
import type { UnitLevelInputs } from './satisfaction/unit-level-inputs.js';

export const TENANT = 'province-01';
export const rulesWith = (change: Partial<RuleSet> = {}) =>
  createRuleBook(
    BUILT_IN_RULE_SETS.map((set) => ({ ...set, ...change })),
    kit.TEST_PROCEDURES,
  );
/** Read models on `change`d rules, with `inputs` for the province `TENANT`. */
export const readModelsWith = (change: Partial<RuleSet> = {}, inputs: UnitLevelInputs = {}) =>
  createDossierReadModels({ calendar: kit.calendar, rules: rulesWith(change), inputs: { [TENANT]: inputs } });

/** `000.00.15.H12-260302-0001`-style codes numbered from 1. */
export const code = (n: number): string => `000.00.15.H12-260302-${String(n).padStart(4, '0')}`;

const withCode = (command: DossierCommand, dossierCode: string): DossierCommand =>
  ({ ...command, data: { ...command.data, dossierCode } }) as DossierCommand;

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

/** A substantiated complaint about a dossier, as the incident stream records it. */
export const complaintStream = (incidentId: string, dossierCode: string, outcome: 'substantiated' | 'unfounded' = 'substantiated'): Stream => ({
  streamId: incidentStreamId(TENANT, incidentId),
  events: [reported({ incidentId, dossierCode }), acknowledged({ incidentId }), investigationStarted({ incidentId }), concluded({ incidentId, outcome })],
});

/** Feedback about a unit received on `date` and answered on time or late. */
export const feedbackStream = (feedbackId: string, unitId: string, date: string, onTime: boolean): Stream => ({
  streamId: feedbackStreamId(TENANT, feedbackId),
  events: [
    feedbackReceived({ feedbackId, unitId, receivedOn: date, occurredAt: feedbackAt(date), dueDate: date, forwardingDueDate: date, dossierCode: undefined }),
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

/** Folds events from the initial state, as a rebuild from position 0 does, and returns a stored (JSON) copy. */
export const foldAll = <S>(projection: Projection<S>, events: readonly RecordedEvent[]): S => {
  const applied = applyEvents(projection, projection.initialState(), 0, events);
  if (applied.failure !== undefined) throw new Error(applied.failure.message);
  return jsonCopy(applied.state);
};

export { kit };
