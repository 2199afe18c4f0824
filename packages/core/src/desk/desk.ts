import type { WorkingDayCalendar } from '../calendar/types.js';
import type { RuleBook } from '../rules/types.js';
import type { EventStore } from '../kernel/event-store.js';
import type { IdGenerator } from '../kernel/ports.js';
import type { DomainEvent, RecordedEvent } from '../kernel/envelope.js';
import { commandHandler, type CommandHandler } from '../kernel/command-handler.js';
import { fold } from '../kernel/decider.js';
import { readDecodedStream } from '../kernel/read-decoded-stream.js';
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
  readonly history: (id: string) => Promise<readonly RecordedEvent<Event>[]>;
  /** The state folded from the stream, with its version (0 when the stream does not exist) and the events it was folded from. */
  readonly load: (id: string) => Promise<{ readonly state: State; readonly version: number; readonly events: readonly RecordedEvent<Event>[] }>;
  readonly streamId: (id: string) => string;
}

const streamApi = <Command extends DomainEvent, Event extends DomainEvent, State>(
  definition: StreamDefinition<Command, Event, State>,
  deps: DomainDeps & { readonly store: EventStore; readonly ids?: IdGenerator },
): StreamApi<Event, State> => {
  const decider = definition.createDecider(deps);
  const streamId = definition.streamIdFor;
  const read = (id: string) => readDecodedStream(deps.store, streamId(id), definition.eventCodec);
  return {
    handle: commandHandler({
      store: deps.store,
      decider,
      streamIdOf: definition.streamIdOf,
      commandCodec: definition.commandCodec,
      eventCodec: definition.eventCodec,
      occurredAtOf: (command) => (command.data as { occurredAt: string }).occurredAt,
      ruleSetVersionOf: (command, state, events) =>
        recordedRuleSetId(events) ??
        (state as { ruleSetId?: string }).ruleSetId ??
        deps.rules.inForceAt((command.data as { occurredAt: string }).occurredAt).id,
      ...(deps.ids === undefined ? {} : { ids: deps.ids }),
    }),
    history: async (id) => (await read(id)).events,
    load: async (id) => {
      const { events, version } = await read(id);
      return { state: fold(decider, events), version, events };
    },
    streamId,
  };
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
}

export const buildDesk = (options: DeskOptions) => ({
  store: options.store,
  calendar: options.calendar,
  rules: options.rules,
  dossiers: streamApi(dossierStream, options),
  officers: streamApi(officerStream, options),
  incidents: streamApi(incidentStream, options),
  feedback: streamApi(feedbackStream, options),
  units: streamApi(unitStream, options),
});

/** A one-stop desk: the five streams wired to one store, calendar and rule book. */
export type Desk = ReturnType<typeof buildDesk>;
