export * from './commands.js';
export * from './events.js';
export * from './vocabulary.js';
export { UnitErrorCode } from './errors.js';
export { initialUnitState, unitNameAt, unitStreamId, type UnitRecord, type UnitState } from './state.js';
export { resolveSuccessor, type SuccessorResolution } from './successor.js';
export { createUnitDecider, type UnitDecider } from './decider.js';
