import type { WorkingDayCalendar } from '../calendar/index.js';
import type { Decider } from '../kernel/decider.js';
import type { RuleBook } from '../rules/index.js';
import type { IncidentCommand } from './commands.js';
import { createDecide } from './decide.js';
import type { IncidentEvent } from './events.js';
import { evolve } from './evolve.js';
import { initialIncidentState, type IncidentState } from './state.js';

export interface IncidentDeciderDeps {
  /** Counts each step's deadline in working days, and moves a calendar-day deadline off a day off. */
  readonly calendar: WorkingDayCalendar;
  /** Gives each step's days and unit in force when the step before it is taken (`stepDeadline`). */
  readonly rules: RuleBook;
}

export type IncidentDecider = Decider<IncidentCommand, IncidentEvent, IncidentState>;

export const createIncidentDecider = (deps: IncidentDeciderDeps): IncidentDecider => ({
  decide: createDecide(deps),
  evolve,
  initialState: initialIncidentState,
});
