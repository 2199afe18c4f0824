import { RECORD_LOOKUPS } from './references.js';
import { checkBusinessTimeOptions } from '../kernel/business-time-policy.js';
import { preview } from '../kernel/primitives.js';

/** What each option of a desk must have: the methods the desk calls on it. */
const METHODS = {
  store: ['appendToStream', 'readStream', 'readAll', 'findIdempotencyRecord'],
  calendar: ['isWorkingDay', 'addWorkingDays', 'workingDaysBetween'],
  rules: ['inForceAt', 'byId', 'procedureAt'],
  clock: ['now'],
  ids: ['next'],
} as const;

const OPTIONS = [...Object.keys(METHODS), 'businessTime', 'references'];

const hasMethods = (value: unknown, methods: readonly string[]): boolean =>
  value !== null && typeof value === 'object' && methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function');

/**
 * Throws unless `options` are options of a desk: no option it does not know (a misspelt one would
 * silently fall back to its default), each given one of its kind, the business-time durations finite
 * numbers, 0 or more. Options are code written by the embedder, so a bad one throws, naming it
 * and the value, as `createRuleBook` and `createVietnamCalendar` do. `extra`: the further options the
 * caller itself takes.
 */
export const checkDeskOptions = (options: object, extra: readonly string[] = []): void => {
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!OPTIONS.includes(key) && !extra.includes(key)) throw new TypeError(`${key} is not an option of a desk (they are ${[...OPTIONS, ...extra].join(', ')})`);
  }
  for (const [name, methods] of Object.entries(METHODS)) {
    const value = given[name];
    if (value !== undefined && !hasMethods(value, methods)) throw new TypeError(`${name} must be an object with ${methods.map((m) => `${m}()`).join(', ')}, got ${preview(value)}`);
  }
  checkBusinessTimeOptions(given.businessTime);
  const { references } = given;
  if (references !== undefined && references !== 'unchecked' && !hasMethods(references, ['officer', 'unit'])) {
    throw new TypeError(`references must be 'unchecked' or a registry with officer() and unit(), got ${preview(references)}`);
  }
  for (const lookup of Object.values(RECORD_LOOKUPS)) {
    const given = references !== undefined && references !== 'unchecked' ? (references as Record<string, unknown>)[lookup] : undefined;
    if (given !== undefined && typeof given !== 'function') throw new TypeError(`references.${lookup} must be a function when given, got ${preview(given)}`);
  }
};
