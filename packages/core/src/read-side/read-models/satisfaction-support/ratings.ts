import type { DocumentQuery } from '../../engine/document-store.js';
import type { DossierReceived, DossierSubmitted } from '../../../dossier/events.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { DocumentReader, EventOf } from '../../engine/document-projection.js';
import { documentPrefix, keyPart } from '../../vocabulary/document-key.js';
import { countsIn, NOTHING, Plan, planned, type DossierUnitDocument, type SatisfactionDocument } from './documents.js';
import { entriesIn, type DayEntry } from './day-list.js';
import { datedKey, keyOfId, rememberedKey } from '../../vocabulary/remembered-key.js';
import { dayOf, periodOf, type Period } from '../../vocabulary/period.js';

/**
 * The citizens' ratings, as sipas and the service index keep and read them. SIPAS-style satisfaction index (Chỉ số hài lòng về sự phục vụ hành chính, docs/domain/indices.md §4)
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

export const unitDossierKey = keyOfId('dossier');
export const ratingsPrefix = rememberedKey((tenantId: string, dimension: SipasDimension, id: string) => documentPrefix(tenantId, 'ratings', dimension, keyPart(id)));
export const ratedPrefix = rememberedKey((tenantId: string, dimension: SipasDimension, id: string) => documentPrefix(tenantId, 'rated', dimension, keyPart(id)));
/** The counter of an aspect's satisfied answers (its answers are counted under the aspect's name). */
export const satisfiedCounter = (aspect: SipasAspect): string => `${aspect}:satisfied`;
const SATISFIED_COUNTERS = Object.fromEntries(SIPAS_ASPECTS.map((aspect) => [aspect, satisfiedCounter(aspect)])) as Readonly<Record<SipasAspect, string>>;

export const unitDossierOf = (document: SatisfactionDocument | undefined): DossierUnitDocument | undefined =>
  document?.kind === 'dossier' ? document : undefined;

/**
 * A dossier's document with these facts. Every field is written, in one order (an absent one as
 * undefined, which JSON leaves out): the documents of every dossier share one shape.
 */
export const unitDossier = (unit: string | undefined, received: true | undefined, rated: true | undefined): DossierUnitDocument => ({ kind: 'dossier', unit, received, rated });

export const sipasScopes = (tenantId: string, unit: string | undefined): (readonly [SipasDimension, string])[] =>
  unit === undefined ? [['province', tenantId]] : [['unit', unit], ['province', tenantId]];

/** The dossier's unit, from its submission or receipt (the dossier's document, last). */
export const onFiled = planned(
  (event: RecordedEvent<DossierSubmitted | DossierReceived>, documents: DocumentReader<SatisfactionDocument>): Plan => {
    const { tenantId } = event.metadata;
    const key = unitDossierKey(tenantId, event.data.dossierCode);
    const dossier = unitDossierOf(documents.get(key));
    const unit = event.data.receivingUnitId;
    if (dossier?.unit === unit) return NOTHING;
    return new Plan().put(key, unitDossier(unit, dossier?.received, dossier?.rated));
  },
);

/** Where a projection keeps a scope's month counters: `<prefix><YYYY-MM>`. */
export type RatingsPrefix = (tenantId: string, dimension: SipasDimension, id: string) => string;

/** A rating: its answers counted for the dossier's unit and province by month (under `countsPrefix`), and listed by day. */
export const onRatedIn = (countsPrefix: RatingsPrefix) => planned((event: EventOf<'DossierRated'>, documents: DocumentReader<SatisfactionDocument>): Plan => {
  const { tenantId, globalPosition } = event.metadata;
  const { dossierCode, sipas, occurredAt } = event.data;
  const key = unitDossierKey(tenantId, dossierCode);
  const dossier = unitDossierOf(documents.get(key));
  // Rated once: the decider refuses a second rating.
  if (dossier?.rated === true) return NOTHING;
  const rated = unitDossier(dossier?.unit, dossier?.received, true);
  const plan = new Plan();
  if (sipas !== undefined) {
    const day = dayOf(occurredAt);
    const month = periodOf(day, 'month');
    const levels: Record<string, number> = {};
    const unit = dossier?.unit;
    const unitCounts = unit === undefined ? undefined : datedKey(countsPrefix(tenantId, 'unit', unit), month);
    const provinceCounts = datedKey(countsPrefix(tenantId, 'province', tenantId), month);
    const count = (name: string) => {
      if (unitCounts !== undefined) plan.count(unitCounts, name, 1);
      plan.count(provinceCounts, name, 1);
    };
    count('ratings');
    for (const aspect of SIPAS_ASPECTS) {
      const level = sipas[aspect];
      if (level === undefined) continue;
      levels[aspect] = level;
      count(aspect);
      if (level >= SATISFIED_AT_LEAST) count(SATISFIED_COUNTERS[aspect]);
    }
    const entry: DayEntry = { ref: dossierCode, p: globalPosition, levels };
    if (unit !== undefined) plan.add(datedKey(ratedPrefix(tenantId, 'unit', unit), day), entry);
    plan.add(datedKey(ratedPrefix(tenantId, 'province', tenantId), day), entry);
  }
  return plan.put(key, rated);
});

/**
 * Per aspect, the share of answers "satisfied" (4) or "very satisfied" (5) among the answers given
 * for it; `overall` is made of all five aspects (352 satisfied of 400 → 88.0%), `dossierHandling` of
 * all but feedback handling (Decision 766's satisfaction with dossier handling), as the rule set's
 * `sipasOverall` says: the mean of the aspects' shares, or one share of their answers pooled.
 * Per unit and province, by the month, quarter and year of the rating.
 */
export const SIPAS_METRICS = [...SIPAS_ASPECTS, 'dossierHandling', 'overall'] as const;
export type SipasMetric = (typeof SIPAS_METRICS)[number];

export const aspectsOf = (metric: SipasMetric): readonly SipasAspect[] =>
  metric === 'overall' ? SIPAS_ASPECTS : metric === 'dossierHandling' ? SIPAS_ASPECTS.filter((aspect) => aspect !== 'feedbackHandling') : [metric];

export interface SipasCounts {
  readonly answers: number;
  readonly satisfied: number;
  /** The same counts for each of the metric's aspects. */
  readonly aspects: Readonly<Partial<Record<SipasAspect, { readonly answers: number; readonly satisfied: number }>>>;
}

/** Answers and satisfied answers of a metric over a period; undefined for a scope never rated in it. */
export const sipasCounts = async (
  documents: DocumentQuery<SatisfactionDocument>,
  tenantId: string,
  dimension: SipasDimension,
  id: string,
  period: Period,
  metric: SipasMetric,
  countsPrefix: RatingsPrefix = ratingsPrefix,
): Promise<SipasCounts | undefined> => {
  const counts = await countsIn(documents, countsPrefix(tenantId, dimension, id), period);
  if (counts?.ratings === undefined) return undefined;
  let answers = 0;
  let satisfied = 0;
  const aspects: Partial<Record<SipasAspect, { answers: number; satisfied: number }>> = {};
  for (const aspect of aspectsOf(metric)) {
    const own = { answers: counts[aspect] ?? 0, satisfied: counts[satisfiedCounter(aspect)] ?? 0 };
    aspects[aspect] = own;
    answers += own.answers;
    satisfied += own.satisfied;
  }
  return { answers, satisfied, aspects };
};

/** The ratings of a scope in a period with an answer on the metric's aspects: position and the levels given. */
export const sipasMembers = async (
  documents: DocumentQuery<SatisfactionDocument>,
  tenantId: string,
  dimension: SipasDimension,
  id: string,
  period: Period,
  metric: SipasMetric,
): Promise<{ readonly ratings: readonly DayEntry[]; readonly levels: readonly number[] }> => {
  const aspects = aspectsOf(metric);
  const ratings = (await entriesIn(documents, ratedPrefix(tenantId, dimension, id), period)).filter((entry) => aspects.some((a) => entry.levels?.[a] !== undefined));
  const levels = ratings.flatMap((entry) => aspects.flatMap((a) => (entry.levels?.[a] === undefined ? [] : [entry.levels[a]])));
  return { ratings, levels };
};
