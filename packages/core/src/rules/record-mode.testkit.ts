import { isDeepStrictEqual, inspect } from 'node:util';
import { isLeft, type Either } from '../fp.js';
import type { Decider } from '../kernel/decider.js';
import type { DomainEvent } from '../kernel/envelope.js';
import type { DomainError } from '../kernel/errors.js';
import type { RuleBreach } from './breach.js';

const breachesOf = (event: DomainEvent): readonly RuleBreach[] => (event.data as { breaches?: readonly RuleBreach[] } | null)?.breaches ?? [];

/**
 * The law of record mode for one decision (ADR 0010), for properties to call on any command and state:
 * recording what breaks no rule yields exactly what refusing yields; refusing fails, with the first
 * rule, exactly when recording finds breaches; whatever recording refuses, refusing refuses too.
 * Throws an Error saying which part failed; returns the recorded decision and its breaches.
 */
export const checkRecordModeLaw = <Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  command: Command,
  state: State,
): { readonly recorded: Either<DomainError, readonly Event[]>; readonly breaches: readonly RuleBreach[] } => {
  const recorded = decider.decide(command, state, { mode: 'record' });
  const refused = decider.decide(command, state);
  const fail = (what: string) => {
    throw new Error(`${what}\ncommand: ${inspect(command, { depth: 6 })}\nrecorded: ${inspect(recorded, { depth: 6 })}\nrefused: ${inspect(refused, { depth: 6 })}`);
  };
  if (!isDeepStrictEqual(decider.decide(command, state, { mode: 'refuse' }), refused)) fail('mode refuse differs from the default');
  if (isLeft(recorded)) {
    if (!isLeft(refused)) fail('refused when recorded, accepted at a live desk');
    return { recorded, breaches: [] };
  }
  const breaches = recorded.right.flatMap(breachesOf);
  if (breaches.length === 0 && !isDeepStrictEqual(refused, recorded)) fail('no breach, yet record and refuse differ');
  if (breaches.length > 0 && (!isLeft(refused) || refused.left.code !== breaches[0]?.rule)) fail('a breach recorded, yet refuse did not fail with its rule');
  return { recorded, breaches };
};
