import type { Either } from '../fp.js';
import type { DomainError } from './errors.js';
import type { DomainEvent } from './envelope.js';

/**
 * How a decider treats a fact that breaks a rule. `refuse` (the default) is for a live desk command
 * whose rule can still be kept; `record` is for a fact that already happened (synced from another
 * system, entered from yesterday's paper forms): it is appended with the breaches it carries.
 */
export type DecisionMode = 'refuse' | 'record';

export interface DecideOptions {
  readonly mode: DecisionMode;
}

/**
 * A decider is three plain things. `decide` and `evolve` are pure: time, ids and rules come in
 * through the command or through the values the decider was built with.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  readonly decide: (command: Command, state: State, options?: DecideOptions) => Either<DomainError, readonly Event[]>;
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: () => State;
}

/** Folds events into state: the only way state is ever built. */
export const fold = <Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  events: Iterable<Event>,
  from: State = decider.initialState(),
): State => {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
