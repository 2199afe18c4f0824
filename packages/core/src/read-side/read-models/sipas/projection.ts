import type { DossierReceived, DossierSubmitted } from '../../../dossier/events.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { defineProjection, type DocumentReader, type EventOf } from '../../engine/document-projection.js';
import { documentKey, documentPrefix, keyPart } from '../../vocabulary/document-key.js';
import { addEntry, countUpdates, planned, type DossierUnitDocument, type Plan, type SatisfactionDocument } from '../circular01/documents.js';
import { dayOf } from '../../vocabulary/period.js';

/**
 * SIPAS-style satisfaction index (Chỉ số hài lòng về sự phục vụ hành chính, docs/domain/indices.md §4)
 * from the citizens' own rating events. Documents: `<tenant>/dossier/<code>` (its unit, and whether it
 * was rated: a dossier is rated once), counters `<tenant>/ratings/<unit|province>/<id>/<YYYY-MM>` (per
 * aspect the answers and the satisfied answers, by month of the rating) and lists
 * `<tenant>/rated/<unit|province>/<id>/<YYYY-MM-DD>` (each rating's position and levels).
 */
export const SIPAS_ASPECTS = ['access', 'procedure', 'officers', 'result', 'feedbackHandling'] as const;
export type SipasAspect = (typeof SIPAS_ASPECTS)[number];
export const SIPAS_DIMENSIONS = ['unit', 'province'] as const;
export type SipasDimension = (typeof SIPAS_DIMENSIONS)[number];
/** Levels 4 (satisfied) and 5 (very satisfied) count as satisfied. */
export const SATISFIED_AT_LEAST = 4;

export const unitDossierKey = (tenantId: string, code: string) => documentKey(tenantId, 'dossier', keyPart(code));
export const ratingsPrefix = (tenantId: string, dimension: SipasDimension, id: string) => documentPrefix(tenantId, 'ratings', dimension, keyPart(id));
export const ratedPrefix = (tenantId: string, dimension: SipasDimension, id: string) => documentPrefix(tenantId, 'rated', dimension, keyPart(id));
/** The counter of an aspect's satisfied answers (its answers are counted under the aspect's name). */
export const satisfiedCounter = (aspect: SipasAspect): string => `${aspect}:satisfied`;

export const unitDossierOf = (document: SatisfactionDocument | undefined): DossierUnitDocument | undefined =>
  document?.kind === 'dossier' ? document : undefined;

export const sipasScopes = (tenantId: string, unit: string | undefined): (readonly [SipasDimension, string])[] =>
  unit === undefined ? [['province', tenantId]] : [['unit', unit], ['province', tenantId]];

/** The dossier's unit, from its submission or receipt (the dossier's document, last). */
export const onFiled = planned(
  (event: RecordedEvent<DossierSubmitted | DossierReceived>, documents: DocumentReader<SatisfactionDocument>): Plan => {
    const { tenantId } = event.metadata;
    const key = unitDossierKey(tenantId, event.data.dossierCode);
    const dossier = unitDossierOf(documents.get(key)) ?? { kind: 'dossier' };
    return dossier.unit === event.data.receivingUnitId ? [] : [[key, () => ({ ...dossier, unit: event.data.receivingUnitId })]];
  },
);

/** Where a projection keeps a scope's month counters: `<prefix><YYYY-MM>`. */
export type RatingsPrefix = (tenantId: string, dimension: SipasDimension, id: string) => string;

/** A rating: its answers counted for the dossier's unit and province by month (under `countsPrefix`), and listed by day. */
export const onRatedIn = (countsPrefix: RatingsPrefix) => planned((event: EventOf<'DossierRated'>, documents: DocumentReader<SatisfactionDocument>): Plan => {
  const { tenantId, globalPosition } = event.metadata;
  const { dossierCode, sipas, occurredAt } = event.data;
  const key = unitDossierKey(tenantId, dossierCode);
  const dossier = unitDossierOf(documents.get(key)) ?? { kind: 'dossier' };
  // Rated once: the decider refuses a second rating.
  if (dossier.rated === true) return [];
  const rated: Plan = [[key, () => ({ ...dossier, rated: true })]];
  if (sipas === undefined) return rated;
  const day = dayOf(occurredAt);
  const levels: Record<string, number> = {};
  const deltas: [string, number][] = [['ratings', 1]];
  for (const aspect of SIPAS_ASPECTS) {
    const level = sipas[aspect];
    if (level === undefined) continue;
    levels[aspect] = level;
    deltas.push([aspect, 1]);
    if (level >= SATISFIED_AT_LEAST) deltas.push([satisfiedCounter(aspect), 1]);
  }
  const scopes = sipasScopes(tenantId, dossier.unit);
  return [
    ...countUpdates(scopes.flatMap(([dimension, id]) => deltas.map(([name, delta]) => [`${countsPrefix(tenantId, dimension, id)}${day.slice(0, 7)}`, name, delta] as const))),
    ...scopes.map(
      ([dimension, id]) =>
        [`${ratedPrefix(tenantId, dimension, id)}${day}`, (document: SatisfactionDocument | undefined) => addEntry(document, { ref: dossierCode, p: globalPosition, levels })] as const,
    ),
    ...rated,
  ];
});

export const SIPAS_PROJECTION = 'sipas';

export const sipasProjection = defineProjection<SatisfactionDocument>({
  name: SIPAS_PROJECTION,
  version: 1,
  handlers: { DossierSubmitted: onFiled, DossierReceived: onFiled, DossierRated: onRatedIn(ratingsPrefix) },
});
