import type { t } from '../../fp.js';
import { withStreamKind, type EventCodecs, type EventStreamKind } from '../../kernel/append-checks.js';
import { DossierEvent } from '../../dossier/events.js';
import { FeedbackEvent } from '../../feedback/events.js';
import { IncidentEvent } from '../../conduct/events.js';
import { OfficerEvent } from '../../officer/events.js';
import { UnitEvent } from '../../org/events.js';

/** Every event the desk records, on any kind of stream: what projections are typed against. */
export type DeskEvent = DossierEvent | OfficerEvent | IncidentEvent | FeedbackEvent | UnitEvent;
export type DeskEventType = DeskEvent['type'];

/**
 * The kind of stream each union's events belong to and the data field naming their entity, as the
 * desk's streams are named (desk/stream-definitions.ts, `streamIdFor`: `dossier-<province>:<dossier code>`, ...).
 */
const KINDS: readonly (readonly [{ readonly members: ReadonlyMap<string, t.Mixed> }, EventStreamKind])[] = [
  [DossierEvent, { kind: 'dossier', idField: 'dossierCode' }],
  [OfficerEvent, { kind: 'officer', idField: 'officerId' }],
  [IncidentEvent, { kind: 'incident', idField: 'incidentId' }],
  [FeedbackEvent, { kind: 'feedback', idField: 'feedbackId' }],
  [UnitEvent, { kind: 'unit', idField: 'code' }],
];

/**
 * Each event type's codec (`{ type, data }`), by name: how an event read back from a store is checked,
 * and, at append, where it belongs (`EventStreamKind`): a dossier's events in its own dossier stream.
 */
export const DESK_EVENT_CODECS: EventCodecs = new Map(
  KINDS.flatMap(([union, stream]) => [...union.members].map(([type, codec]) => [type, withStreamKind(codec, stream)] as const)),
);

/**
 * The codecs a desk's store checks appended events against (`EventCodecs`, kernel/append-checks.ts):
 * the desk's own, and `own` for an embedder's own event types. An embedder type named like a desk
 * event is refused here: the desk's projections would fold it as the desk's.
 */
export const deskEventCodecs = (own?: EventCodecs): EventCodecs => {
  if (own === undefined || own.size === 0) return DESK_EVENT_CODECS;
  const clash = [...own.keys()].filter((type) => DESK_EVENT_CODECS.has(type));
  if (clash.length > 0) throw new TypeError(`event types of the desk cannot be given other codecs: ${clash.join(', ')}`);
  return new Map([...DESK_EVENT_CODECS, ...own]);
};
