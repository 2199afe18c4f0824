import type { t } from '../../fp.js';
import type { DomainEvent, RecordedEvent } from '../../kernel/envelope.js';
import type { DeskEvent, DeskEventType } from './desk-events.js';

/**
 * A read model's documents while events are folded: each read sees the documents as they stand after
 * every event folded before, and, for the event being folded, after the keys it touches before this one.
 */
export interface DocumentReader<D> {
  readonly get: (key: string) => D | undefined;
}

/** A stored event of one type, with its data typed from the type's codec (checked before it is handed over). */
export type EventOf<T extends DeskEventType, E extends DomainEvent = DeskEvent> = RecordedEvent<Extract<E, { readonly type: T }>>;

/**
 * What one event type does to a projection's documents:
 * - `touches` names the documents the event changes, in the order they are evolved. Every key begins
 *   with the event's province (`<tenantId>/`, see `documentKey`): the engine refuses any other.
 * - `evolve` gives one document's next value (`undefined` deletes it). It must not change `document`
 *   or anything read through `documents`: documents are values, shared with the engine's cache.
 * Both are pure: no clock, no I/O, nothing kept between calls. The engine may call them again for the
 * same event (an asynchronous store loads a missing document, then the event is folded once more).
 */
export interface EventHandler<D, E> {
  readonly touches: (event: E, documents: DocumentReader<D>) => readonly string[];
  readonly evolve: (document: D | undefined, event: E, key: string, documents: DocumentReader<D>) => D | undefined;
}

/** A handler per event type the projection acts on; the engine reads and checks only those types. */
export type EventHandlers<D, E extends DomainEvent = DeskEvent> = {
  readonly [T in E['type']]?: EventHandler<D, RecordedEvent<Extract<E, { readonly type: T }>>>;
};

/**
 * A read model's projection: keyed documents evolved by typed handlers (docs/read-side.md).
 * Its name and version identify its stored documents and checkpoint: bump `version` when a handler's
 * meaning changes, and the engine rebuilds this projection alone into a shadow copy.
 */
export interface DocumentProjection<D = unknown, E extends DomainEvent = DeskEvent> {
  readonly name: string;
  readonly version: number;
  readonly handlers: EventHandlers<D, E>;
  /**
   * The codecs (`{ type, data }`) of the event types handled, by name: leave it out for the desk's own
   * events (`DESK_EVENT_CODECS`); an embedder folding events of its own gives theirs.
   */
  readonly codecs?: ReadonlyMap<string, t.Mixed>;
}

/** The event types a projection acts on, by name. */
export const eventTypesOf = (projection: AnyProjection): readonly DeskEventType[] =>
  Object.keys(projection.handlers) as DeskEventType[];

/**
 * Defines a projection with its document type inferred from the handlers, e.g.
 * `defineProjection<Counts>({ name: 'praise', version: 1, handlers: { PraiseReceived: { touches, evolve } } })`.
 */
export const defineProjection = <D, E extends DomainEvent = DeskEvent>(projection: DocumentProjection<D, E>): DocumentProjection<D, E> => projection;

/** The handler of `event`'s type, or undefined when the projection ignores the type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any event type the projection handles
export const handlerOf = <D>(projection: DocumentProjection<D, any>, type: string): EventHandler<D, RecordedEvent> | undefined =>
  (projection.handlers as Readonly<Record<string, EventHandler<D, RecordedEvent> | undefined>>)[type];

/** A projection of any document type: what lists of projections (the registry, a store's inline set) hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each projection has its own document type
export type AnyProjection = DocumentProjection<any, any>;
