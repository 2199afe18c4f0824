import { defineProjection, type EventOf } from '../../engine/document-projection.js';
import { documentPrefix, keyPart } from '../../vocabulary/document-key.js';
import { Plan, planned, type SatisfactionDocument } from '../satisfaction-support/documents.js';
import type { DayEntry } from '../satisfaction-support/day-list.js';
import { datedKey, rememberedKey } from '../../vocabulary/remembered-key.js';
import { feedbackHandlersIn } from '../satisfaction-support/feedback.js';
import { onFiled, onRatedIn, unitDossier, unitDossierKey, unitDossierOf } from '../satisfaction-support/ratings.js';
import { dayOf, periodOf } from '../../vocabulary/period.js';
import { resolutionOf } from '../dossier-support/index.js';

/**
 * Documents: `<tenant>/dossier/<code>` (unit, received, rated); one counter document per scope and
 * month, `<tenant>/month/<unit|province>/<id>/<YYYY-MM>`, holding `received` and `online` (by month
 * of receipt), `returned` and `inTime` (by month of return), the SIPAS answers (by month of rating)
 * and the feedback counters (by month of receipt); and the lists behind them by day:
 * `<tenant>/received/…/<YYYY-MM-DD>`, `<tenant>/returned/…`, `<tenant>/rated/…`, `<tenant>/feedback-days/…`
 * (each `<unit|province>/<id>/<YYYY-MM-DD>`, with its sealed chunks `…/<YYYY-MM-DD>/<nnnn>`, see
 * `day-list.ts`), with the feedback documents `<tenant>/feedback/<id>`.
 */
export const SERVICE_INDEX_DIMENSIONS = ['unit', 'province'] as const;
export type ServiceIndexDimension = (typeof SERVICE_INDEX_DIMENSIONS)[number];

export const monthPrefix = rememberedKey((tenantId: string, dimension: ServiceIndexDimension, id: string) => documentPrefix(tenantId, 'month', dimension, keyPart(id)));
export const receivedPrefix = rememberedKey((tenantId: string, dimension: ServiceIndexDimension, id: string) => documentPrefix(tenantId, 'received', dimension, keyPart(id)));
export const returnedPrefix = rememberedKey((tenantId: string, dimension: ServiceIndexDimension, id: string) => documentPrefix(tenantId, 'returned', dimension, keyPart(id)));

/** Counters of the unit (if any) and province in the month of `day`, and an entry on each one's list of the day. */
const counted = (
  plan: Plan,
  tenantId: string,
  unit: string | undefined,
  day: string,
  counter: string,
  also: string | undefined,
  listPrefix: typeof receivedPrefix,
  entry: DayEntry,
): Plan => {
  const month = periodOf(day, 'month');
  if (unit !== undefined) {
    const key = datedKey(monthPrefix(tenantId, 'unit', unit), month);
    plan.count(key, counter, 1);
    if (also !== undefined) plan.count(key, also, 1);
  }
  const province = datedKey(monthPrefix(tenantId, 'province', tenantId), month);
  plan.count(province, counter, 1);
  if (also !== undefined) plan.count(province, also, 1);
  if (unit !== undefined) plan.add(datedKey(listPrefix(tenantId, 'unit', unit), day), entry);
  return plan.add(datedKey(listPrefix(tenantId, 'province', tenantId), day), entry);
};

export const SERVICE_INDEX_PROJECTION = 'service-index-766';

/**
 * Decision 766's service index (docs/domain/indices.md §2). Version 3: counter documents hold names and
 * counts side by side; version 4: a day's lists are kept in chunks (`DayListDocument`); version 5:
 * their sealed chunks are documents of their own under the list's key, each list's document a small
 * head (`day-list.ts`); version 6: feedback is counted by its legal kind, so the kinds the rule set
 * measures are chosen at query time (`satisfaction-support/feedback.ts`).
 */
export const serviceIndexProjection = defineProjection<SatisfactionDocument>({
  name: SERVICE_INDEX_PROJECTION,
  version: 6,
  handlers: {
    DossierSubmitted: onFiled,
    // Dossiers received, and those filed online, by the Vietnamese day of receipt.
    DossierReceived: planned((event: EventOf<'DossierReceived'>, documents): Plan => {
      const { tenantId, globalPosition } = event.metadata;
      const { dossierCode, receivingUnitId, channel, occurredAt } = event.data;
      const key = unitDossierKey(tenantId, dossierCode);
      const dossier = unitDossierOf(documents.get(key));
      const next = unitDossier(receivingUnitId, true, dossier?.rated);
      const plan = new Plan();
      if (dossier?.received !== true) {
        const online = channel === 'online';
        counted(plan, tenantId, receivingUnitId, dayOf(occurredAt), 'received', online ? 'online' : undefined, receivedPrefix, online ? { ref: dossierCode, p: globalPosition, flag: true } : { ref: dossierCode, p: globalPosition });
      }
      return plan.put(key, next);
    }),
    // Dossiers returned, by the day of return, and those in time: the result at the desk (else returned)
    // on or before the due date before any apology (docs/domain/dossier-lifecycle.md §4, §5).
    ResultReturned: planned((event: EventOf<'ResultReturned'>, documents): Plan => {
      const { tenantId, globalPosition } = event.metadata;
      const { dossierCode, returnDate } = event.data;
      const unit = unitDossierOf(documents.get(unitDossierKey(tenantId, dossierCode)))?.unit;
      const inTime = resolutionOf(event).timeliness !== 'late';
      return counted(new Plan(), tenantId, unit, returnDate, 'returned', inTime ? 'inTime' : undefined, returnedPrefix, inTime ? { ref: dossierCode, p: globalPosition, flag: true } : { ref: dossierCode, p: globalPosition });
    }),
    DossierRated: onRatedIn(monthPrefix),
    ...feedbackHandlersIn(monthPrefix),
  },
});
