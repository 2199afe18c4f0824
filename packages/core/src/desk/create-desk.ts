import { createMotcuaContainer, type MotcuaContainerOptions } from './container.js';
import type { Desk } from './desk.js';
import { TOKENS } from './tokens.js';

/**
 * The shortest way in: a desk on the given store (in memory by default) with the Vietnam calendar
 * and the built-in rules. For overrides beyond these options, use `createMotcuaContainer`.
 */
export const createDesk = (options: Omit<MotcuaContainerOptions, 'parent'> = {}): Desk =>
  createMotcuaContainer(options).resolve(TOKENS.Desk);
