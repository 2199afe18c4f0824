import type { Actor, EventMetadata, LateEntry, RecordedEvent } from '@motcua/core';

/*
 * The objects of a decoded event are made by constructors whose instances have `Object.prototype` as
 * their prototype: to a reader they are plain objects (spread, JSON, structuredClone and a deep
 * equality against an object literal see no difference), but V8 does not track them by allocation
 * site as it does object literals, so a long read does not start allocating them in the old
 * generation halfway through (bench/README.md, the comparison).
 */

export type Writable<T> = { -readonly [K in keyof T]: T[K] };
export type Values = readonly unknown[];

/** A function as a constructor of plain objects: its instances' prototype is `Object.prototype`. */
export const plain = <C>(init: (...args: never[]) => void): C => {
  init.prototype = Object.prototype;
  return init as unknown as C;
};

/** `actor` of a compact body (`a[4]`, `a[5]`, `stored-metadata.ts`). */
function StoredActorOf(this: Writable<Actor>, a: Values): void {
  this.id = a[4] as Actor['id'];
  this.role = a[5] as Actor['role'];
}

function StoredLateEntryOf(this: Writable<LateEntry>, workingDays: number, minutes: number): void {
  this.workingDays = workingDays;
  this.minutes = minutes;
}

function StoredEventOf(this: Writable<RecordedEvent>, type: string, data: unknown, metadata: EventMetadata): void {
  this.type = type;
  this.data = data;
  this.metadata = metadata;
}

export const StoredActor = plain<new (a: Values) => Actor>(StoredActorOf);
export const StoredLateEntry = plain<new (workingDays: number, minutes: number) => LateEntry>(StoredLateEntryOf);
export const StoredEvent = plain<new (type: string, data: unknown, metadata: EventMetadata) => RecordedEvent>(StoredEventOf);
