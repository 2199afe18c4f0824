import type { Decider } from '../kernel/decider.js';
import type { UnitCommand } from './commands.js';
import { decide } from './decide.js';
import type { UnitEvent } from './events.js';
import { evolve } from './evolve.js';
import { initialUnitState, type UnitState } from './state.js';

export type UnitDecider = Decider<UnitCommand, UnitEvent, UnitState>;

/** Units need neither calendar nor rules: every change carries its own effective date. */
export const createUnitDecider = (): UnitDecider => ({ decide, evolve, initialState: initialUnitState });
