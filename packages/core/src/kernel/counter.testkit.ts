import { t, left, right } from '../fp.js';
import { taggedUnion } from './codec.js';
import type { Decider } from './decider.js';
import { commandHandler, type CommandHandlerOptions } from './command-handler.js';
import type { EventStore } from './event-store.js';
import { ruleViolated } from './errors.js';
import { Instant, PositiveInt } from './primitives.js';

/** A tiny decider for testing the kernel without any domain: a counter with a ceiling. */
export const Increment = t.type({
  type: t.literal('Increment'),
  data: t.type({ counterId: t.string, by: PositiveInt, occurredAt: Instant }),
});
export const Incremented = t.type({ type: t.literal('Incremented'), data: t.type({ by: PositiveInt }) });
export const CounterCommand = taggedUnion('CounterCommand', [Increment]);
export const CounterEvent = taggedUnion('CounterEvent', [Incremented]);
export type CounterCommand = t.TypeOf<typeof CounterCommand>;
export type CounterEvent = t.TypeOf<typeof CounterEvent>;

export const CEILING = 100;

export const counterDecider: Decider<CounterCommand, CounterEvent, { total: number }> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.data.by }),
  decide: (command, state) =>
    state.total + command.data.by > CEILING
      ? left(ruleViolated('COUNTER_CEILING', `cannot pass ${CEILING}`))
      : right([{ type: 'Incremented', data: { by: command.data.by } }]),
};

export const increment = (counterId: string, by: number) => ({
  type: 'Increment' as const,
  data: { counterId, by, occurredAt: '2026-03-02T09:00:00+07:00' },
});

/** The command handler over the counter, with `options` on top of the counter's own. */
export const counterHandler = (
  store: EventStore,
  options: Partial<CommandHandlerOptions<CounterCommand, CounterEvent, { total: number }>> = {},
) =>
  commandHandler({
    store,
    decider: counterDecider,
    streamIdOf: (command) => `counter-${command.data.counterId}`,
    commandCodec: CounterCommand,
    eventCodec: CounterEvent,
    occurredAtOf: (command) => command.data.occurredAt,
    ...options,
  });
