import type { t } from '../../fp.js';
import { DossierEvent } from '../../dossier/events.js';
import { FeedbackEvent } from '../../feedback/events.js';
import { IncidentEvent } from '../../conduct/events.js';
import { OfficerEvent } from '../../officer/events.js';
import { UnitEvent } from '../../org/events.js';

/** Every event the desk records, on any kind of stream: what projections are typed against. */
export type DeskEvent = DossierEvent | OfficerEvent | IncidentEvent | FeedbackEvent | UnitEvent;
export type DeskEventType = DeskEvent['type'];

/** Each event type's codec (`{ type, data }`), by name: how an event read back from a store is checked. */
export const DESK_EVENT_CODECS: ReadonlyMap<string, t.Mixed> = new Map(
  [DossierEvent, OfficerEvent, IncidentEvent, FeedbackEvent, UnitEvent].flatMap((union) => [...union.members]),
);
