import type { WorkingDayCalendar } from '../calendar/types.js';
import type { RuleBook } from '../rules/types.js';
import type { EventStore } from '../kernel/event-store.js';
import { systemClock, type Clock, type IdGenerator } from '../kernel/ports.js';
import type { BusinessTimePolicy } from '../kernel/business-time-policy.js';
import { checkDeskOptions } from './desk-options.js';
import { checkReferences, dayOf, type ReferenceRegistry } from './references.js';
import type { DomainEvent, RecordedEvent } from '../kernel/envelope.js';
import { commandHandler, type CommandContext, type CommandHandler } from '../kernel/command-handler.js';
import { fold, type DecisionMode, type Decider } from '../kernel/decider.js';
import { withinCoveredDays } from '../rules/rules-in-force.js';
import { readDecodedStream } from '../kernel/read-decoded-stream.js';
import { invalidInput, recordingNotAllowed, type AccessDenied, type InputIssue, type InvalidInput } from '../kernel/errors.js';
import { recordingRolesAt } from '../rules/recording-roles.js';
import { NewActorCodec } from '../kernel/actor.js';
import { EVENT_METADATA_FIELDS, OPTIONAL_EVENT_METADATA_FIELDS } from '../kernel/event-metadata.js';
import { decode } from '../kernel/codec.js';
import { preview } from '../kernel/primitives.js';
import { isLeft, left, t } from '../fp.js';
import { deskBusinessTime } from './business-time.js';
import {
  dossierStream,
  feedbackStream,
  incidentStream,
  officerStream,
  unitStream,
  type DomainDeps,
  type StreamDefinition,
} from './stream-definitions.js';

/** Commands, history and current state for one kind of stream. */
export interface StreamApi<Event extends DomainEvent, State> {
  /** Decodes, decides and appends a command; rejections come back as `Left`. */
  readonly handle: CommandHandler<Event, State>;
  /** The stream's events, each checked against its codec. */
  readonly history: (tenantId: string, id: string) => Promise<readonly RecordedEvent<Event>[]>;
  /** The state folded from the stream, with its version (0 when the stream does not exist) and the events it was folded from. */
  readonly load: (
    tenantId: string,
    id: string,
  ) => Promise<{ readonly state: State; readonly version: number; readonly events: readonly RecordedEvent<Event>[] }>;
  /** The id of the stream of the entity `id` in province `tenantId` (docs/adr/0011-province-in-stream-ids.md). */
  readonly streamId: (tenantId: string, id: string) => string;
}

interface StreamDeps extends DomainDeps {
  readonly store: EventStore;
  readonly ids?: IdGenerator;
  readonly businessTime: BusinessTimePolicy;
  readonly registry?: ReferenceRegistry;
}

const streamApi = <Command extends DomainEvent, Event extends DomainEvent, State>(
  definition: StreamDefinition<Command, Event, State>,
  deps: StreamDeps,
): StreamApi<Event, State> => {
  const decider = guardRuleDays(definition.createDecider(deps), deps.rules);
  const streamId = definition.streamIdFor;
  const read = (tenantId: string, id: string) => readDecodedStream(deps.store, streamId(tenantId, id), definition.eventCodec);
  const handle = commandHandler<Command, Event, State>({
    store: deps.store,
    decider,
    streamIdOf: (command, context) => definition.streamIdOf(command, context.tenantId),
    commandCodec: definition.commandCodec,
    eventCodec: definition.eventCodec,
    occurredAtOf: (command) => (command.data as { occurredAt: string }).occurredAt,
    ruleSetVersionOf: (command, state, events) =>
      recordedRuleSetId(events) ??
      (state as { ruleSetId?: string }).ruleSetId ??
      deps.rules.inForceAt((command.data as { occurredAt: string }).occurredAt).id,
    ...(deps.ids === undefined ? {} : { ids: deps.ids }),
    businessTime: deps.businessTime,
    ...(deps.registry === undefined ? {} : { checkReferences: (command, context) => checkReferences(deps.registry!, definition.referencesOf(command), context) }),
  });
  return {
    // The province names the stream: a context without a valid one has no stream to go to. The actor
    // is written into the log for good: one that is no officer, citizen, device or system is refused.
    handle: async (command, context) => {
      const problem = contextProblem(context) ?? recordingProblem(deps.rules, command, context);
      return problem === undefined ? handle(command, context) : left(problem);
    },
    history: async (tenantId, id) => (await read(tenantId, id)).events,
    load: async (tenantId, id) => {
      const { events, version } = await read(tenantId, id);
      return { state: fold(decider, events), version, events };
    },
    streamId,
  };
};

/**
 * A decider whose every date (a decision date, a period's end, an apology's new date) met outside the
 * rule sets or the calendar's years is a refusal, not a crash.
 */
const guardRuleDays = <Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>, rules: RuleBook): Decider<Command, Event, State> => ({
  ...decider,
  decide: (command, state, options) => withinCoveredDays(rules, () => decider.decide(command, state, options)),
});

/**
 * The context's fields its events' metadata carries, with the metadata's codecs (kernel/event-metadata.ts);
 * the actor of a new command as `NewActorCodec` screens it (never personal data).
 */
const ContextFields = t.intersection([
  t.type({ tenantId: EVENT_METADATA_FIELDS.tenantId, actor: NewActorCodec }),
  t.partial({
    correlationId: EVENT_METADATA_FIELDS.correlationId,
    causationId: EVENT_METADATA_FIELDS.causationId,
    idempotencyKey: OPTIONAL_EVENT_METADATA_FIELDS.idempotencyKey,
  }),
]);

const DECISION_MODES: readonly unknown[] = ['refuse', 'record'] satisfies readonly DecisionMode[];

/**
 * The context's province, actor, ids and mode, checked as the desk's other input is: `InvalidInput`
 * naming each bad field. An id given empty would be stored so, and the log could then not be
 * migrated. A mode other than exactly `refuse` or `record` (a typo such as `Refuse`) is not taken for
 * either: the caller learns of it before anything is written.
 */
const contextProblem = (context: CommandContext): InvalidInput | undefined => {
  const { tenantId, actor, correlationId, causationId, idempotencyKey, mode } = context as Partial<CommandContext> & { readonly mode?: unknown };
  const decoded = decode(ContextFields, { tenantId, actor, correlationId, causationId, idempotencyKey });
  const issues: InputIssue[] = isLeft(decoded) ? [...decoded.left.issues] : [];
  if (mode !== undefined && !DECISION_MODES.includes(mode)) {
    issues.push({ field: 'mode', rule: 'DecisionMode', message: `must be 'refuse' or 'record' (or left out for 'refuse'), got ${preview(mode)}` });
  }
  return issues.length === 0 ? undefined : invalidInput(issues);
};

/**
 * Who may record a fact with the rules it broke (docs/adr/0010-record-then-judge.md, "Who may
 * record"): the roles the rule set in force at the command's `occurredAt` names, `system` when it
 * names none. Anyone else is refused (`AccessDenied`, `RECORDING_NOT_ALLOWED`) before anything is read.
 */
const recordingProblem = (rules: RuleBook, command: unknown, context: CommandContext): AccessDenied | undefined => {
  if (context.mode !== 'record') return undefined;
  const allowed = recordingRolesAt(rules, (command as { data?: { occurredAt?: unknown } } | null)?.data?.occurredAt);
  return allowed.includes(context.actor.role) ? undefined : recordingNotAllowed(context.actor.role, allowed);
};

const recordedRuleSetId = (events: readonly DomainEvent[]): string | undefined => {
  for (const event of events) {
    const id = (event.data as { ruleSetId?: unknown } | null)?.ruleSetId;
    if (typeof id === 'string') return id;
  }
  return undefined;
};

export interface DeskOptions {
  readonly store: EventStore;
  readonly calendar: WorkingDayCalendar;
  readonly rules: RuleBook;
  readonly ids?: IdGenerator;
  /** "Now" for judging business time; use the clock the store stamps `recordedAt` with. Default: the system clock. */
  readonly clock?: Clock;
  /** Allowed clock skew ahead of now and the lag after which an entry is late (docs/record-as-evidence.md). */
  readonly businessTime?: Pick<BusinessTimePolicy, 'maxFutureSkewMs' | 'lateEntryAfterMs'>;
  /**
   * Where named officers and units are looked up: by default their own streams in this store.
   * `'unchecked'` takes any id (for an embedder whose registry lives elsewhere and is checked before).
   */
  readonly references?: ReferenceRegistry | 'unchecked';
}

export const buildDesk = (options: DeskOptions) => {
  checkDeskOptions(options);
  const { calendar } = options;
  const businessTime = deskBusinessTime(calendar, options.rules, options.clock ?? systemClock, options.businessTime);
  // The default registry reads the desk's own streams, built just below; an embedder's registry of
  // officers and units is completed with the desk's dossiers, feedback and incidents, which live in its store.
  // A record began on the day of its stream's first event, the only one read.
  const began =
    <Event extends DomainEvent>({ streamIdFor, eventCodec }: Pick<StreamDefinition<DomainEvent, Event, unknown>, 'streamIdFor' | 'eventCodec'>) =>
    async (tenantId: string, id: string) => {
      const first = (await readDecodedStream(options.store, streamIdFor(tenantId, id), eventCodec, { maxCount: 1 })).events[0];
      return first === undefined ? undefined : dayOf(first.metadata.occurredAt);
    };
  const own: Required<ReferenceRegistry> = {
    officer: async (tenantId, id) => (await desk.officers.load(tenantId, id)).state,
    unit: async (tenantId, code) => (await desk.units.load(tenantId, code)).state,
    dossierBegan: began(dossierStream),
    feedbackBegan: began(feedbackStream),
    incidentBegan: began(incidentStream),
  };
  const registry = options.references === 'unchecked' ? undefined : { ...own, ...options.references };
  const deps = { ...options, businessTime, ...(registry === undefined ? {} : { registry }) };
  const desk = {
    store: options.store,
    /** Where named officers and units are looked up (undefined with `references: 'unchecked'`): also what says which ones a log names. */
    references: registry,
    calendar,
    rules: options.rules,
    dossiers: streamApi(dossierStream, deps),
    officers: streamApi(officerStream, deps),
    incidents: streamApi(incidentStream, deps),
    feedback: streamApi(feedbackStream, deps),
    units: streamApi(unitStream, deps),
  };
  return desk;
};

/** A one-stop desk: the five streams wired to one store, calendar and rule book. */
export type Desk = ReturnType<typeof buildDesk>;
