import { randomUUID } from 'node:crypto';

/** Where "now" comes from, so stores and handlers can be driven by a fixed clock in tests and replays. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  next(): string;
}

export const systemClock: Clock = { now: () => new Date() };

export const uuidGenerator: IdGenerator = { next: () => randomUUID() };

/** A clock that stands still until moved, for tests and deterministic seeds. */
export const fixedClock = (start: Date | string): Clock & { set(at: Date | string): void; advance(ms: number): void } => {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
};

/** Ids `prefix-1`, `prefix-2`, ...: deterministic, for tests and seeds. */
export const sequentialIds = (prefix = 'id'): IdGenerator => {
  let counter = 0;
  return { next: () => `${prefix}-${++counter}` };
};
