import { isDeepStrictEqual, inspect } from 'node:util';
import { isLeft } from '../fp.js';
import { fold, type DecideOptions, type Decider } from './decider.js';
import type { DomainEvent } from './envelope.js';
import type { DomainError } from './errors.js';

/**
 * Given / When / Then for deciders, free of any test runner: a failed expectation throws an Error
 * whose message shows what was expected and what came out.
 *
 *   spec.given([received]).when(transfer).then([transferred]);
 *   spec.given([returned]).when(transfer).thenFails('DOSSIER_CLOSED');
 *   spec.given([apologised]).when(apology, { mode: 'record' }).then([apologisedAgain]);
 */
export const deciderSpec = <Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) => ({
  given: (events: readonly Event[]) => ({
    /** `options` as a command handler passes them, e.g. `{ mode: 'record' }`; left out, the decider's default. */
    when: (command: Command, options?: DecideOptions) => {
      const run = () => decider.decide(command, fold(decider, events), options);
      return {
        then: (expected: readonly Event[]): readonly Event[] => {
          const result = run();
          if (isLeft(result)) throw new Error(`expected events, got error ${show(result.left)}`);
          if (!isDeepStrictEqual(result.right, expected)) {
            throw new Error(`events differ\nexpected: ${show(expected)}\nactual:   ${show(result.right)}`);
          }
          return result.right;
        },
        /** Passes when the decision is rejected with this code (and, if given, this `_tag`). */
        thenFails: (code: string, tag?: DomainError['_tag']): DomainError => {
          const result = run();
          if (!isLeft(result)) throw new Error(`expected error ${code}, got events ${show(result.right)}`);
          if (result.left.code !== code || (tag !== undefined && result.left._tag !== tag)) {
            throw new Error(`expected error ${tag ?? ''} ${code}, got ${show(result.left)}`);
          }
          return result.left;
        },
        /** The raw outcome, for assertions the two above do not cover. */
        outcome: run,
      };
    },
  }),
});

const show = (value: unknown): string => inspect(value, { depth: 8, breakLength: 120 });
