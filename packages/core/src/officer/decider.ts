import type { Decider } from '../kernel/decider.js';
import type { RuleBook } from '../rules/index.js';
import type { OfficerCommand } from './commands.js';
import { createDecide } from './decide.js';
import type { OfficerEvent } from './events.js';
import { evolve } from './evolve.js';
import { initialOfficerState, type OfficerState } from './state.js';

export interface OfficerDeciderDeps {
  /** Picks the evaluation scale and the discipline limitation in force at a date. */
  readonly rules: RuleBook;
}

export type OfficerDecider = Decider<OfficerCommand, OfficerEvent, OfficerState>;

export const createOfficerDecider = (deps: OfficerDeciderDeps): OfficerDecider => ({
  decide: createDecide(deps),
  evolve,
  initialState: initialOfficerState,
});
