import { defineProjection, type EventOf } from '../../engine/document-projection.js';
import { documentPrefix, keyPart } from '../../vocabulary/document-key.js';
import { addEntry, countUpdates, planned, type Plan, type SatisfactionDocument } from '../satisfaction-support/documents.js';
import { feedbackHandlersIn } from '../satisfaction-support/feedback.js';
import { onFiled, onRatedIn, sipasScopes, unitDossierKey, unitDossierOf } from '../satisfaction-support/ratings.js';
import { dayOf, periodOf } from '../../vocabulary/period.js';
import { resolutionOf } from '../dossier-support/index.js';

/**
 * Documents: `<tenant>/dossier/<code>` (unit, received, rated); one counter document per scope and
 * month, `<tenant>/month/<unit|province>/<id>/<YYYY-MM>`, holding `received` and `online` (by month
 * of receipt), `returned` and `inTime` (by month of return), the SIPAS answers (by month of rating)
 * and the feedback counters (by month of receipt); and the lists behind them by day:
 * `<tenant>/received/…/<YYYY-MM-DD>`, `<tenant>/returned/…`, `<tenant>/rated/…`, `<tenant>/feedback-days/…`
 * (each `<unit|province>/<id>/<YYYY-MM-DD>`), with the feedback documents `<tenant>/feedback/<id>`.
 */
export const SERVICE_INDEX_DIMENSIONS = ['unit', 'province'] as const;
export type ServiceIndexDimension = (typeof SERVICE_INDEX_DIMENSIONS)[number];

export const monthPrefix = (tenantId: string, dimension: ServiceIndexDimension, id: string) => documentPrefix(tenantId, 'month', dimension, keyPart(id));
export const receivedPrefix = (tenantId: string, dimension: ServiceIndexDimension, id: string) => documentPrefix(tenantId, 'received', dimension, keyPart(id));
export const returnedPrefix = (tenantId: string, dimension: ServiceIndexDimension, id: string) => documentPrefix(tenantId, 'returned', dimension, keyPart(id));

/** Counters of `scopes` in the month of `day`, and an entry on each scope's list of the day. */
const counted = (
  tenantId: string,
  scopes: readonly (readonly [ServiceIndexDimension, string])[],
  day: string,
  counters: readonly string[],
  listPrefix: typeof receivedPrefix,
  entry: { readonly ref: string; readonly p: number; readonly flag?: true },
): Plan => [
  ...countUpdates(scopes.flatMap(([dimension, id]) => counters.map((name) => [`${monthPrefix(tenantId, dimension, id)}${periodOf(day, 'month')}`, name, 1] as const))),
  ...scopes.map(([dimension, id]) => [`${listPrefix(tenantId, dimension, id)}${day}`, (document: SatisfactionDocument | undefined) => addEntry(document, entry)] as const),
];

export const SERVICE_INDEX_PROJECTION = 'service-index-766';

/** Decision 766's service index (docs/domain/indices.md §2). */
export const serviceIndexProjection = defineProjection<SatisfactionDocument>({
  name: SERVICE_INDEX_PROJECTION,
  version: 2,
  handlers: {
    DossierSubmitted: onFiled,
    // Dossiers received, and those filed online, by the Vietnamese day of receipt.
    DossierReceived: planned((event: EventOf<'DossierReceived'>, documents): Plan => {
      const { tenantId, globalPosition } = event.metadata;
      const { dossierCode, receivingUnitId, channel, occurredAt } = event.data;
      const key = unitDossierKey(tenantId, dossierCode);
      const dossier = unitDossierOf(documents.get(key)) ?? { kind: 'dossier' };
      const next = { ...dossier, unit: receivingUnitId, received: true } as const;
      if (dossier.received === true) return [[key, () => next]];
      const online = channel === 'online';
      return [
        ...counted(tenantId, sipasScopes(tenantId, receivingUnitId), dayOf(occurredAt), online ? ['received', 'online'] : ['received'], receivedPrefix, {
          ref: dossierCode,
          p: globalPosition,
          ...(online ? { flag: true } : {}),
        }),
        [key, () => next],
      ];
    }),
    // Dossiers returned, by the day of return, and those in time: the result at the desk (else returned)
    // on or before the due date before any apology (docs/domain/dossier-lifecycle.md §4, §5).
    ResultReturned: planned((event: EventOf<'ResultReturned'>, documents): Plan => {
      const { tenantId, globalPosition } = event.metadata;
      const { dossierCode, returnDate } = event.data;
      const unit = unitDossierOf(documents.get(unitDossierKey(tenantId, dossierCode)))?.unit;
      const inTime = resolutionOf(event).timeliness !== 'late';
      return counted(tenantId, sipasScopes(tenantId, unit), returnDate, inTime ? ['returned', 'inTime'] : ['returned'], returnedPrefix, {
        ref: dossierCode,
        p: globalPosition,
        ...(inTime ? { flag: true } : {}),
      });
    }),
    DossierRated: onRatedIn(monthPrefix),
    ...feedbackHandlersIn(monthPrefix),
  },
});
