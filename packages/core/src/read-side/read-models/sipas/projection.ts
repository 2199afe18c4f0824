import { defineProjection } from '../../engine/document-projection.js';
import { lineageHandler } from '../../vocabulary/lineage.js';
import type { SatisfactionDocument } from '../satisfaction-support/documents.js';
import { onFiled, onRatedIn, ratingsPrefix } from '../satisfaction-support/ratings.js';

export { SATISFIED_AT_LEAST, SIPAS_ASPECTS, SIPAS_DIMENSIONS, type SipasAspect, type SipasDimension } from '../satisfaction-support/ratings.js';

export const SIPAS_PROJECTION = 'sipas';

/**
 * Version 2: units merged into a unit are kept (`UnitDissolved`), for the `lineage` figures. Version 3:
 * counter documents hold names and counts side by side. Version 4: a day's list of ratings is kept in
 * chunks (`DayListDocument`). Version 5: its sealed chunks are documents of their own under the
 * list's key, the list's document a small head (`day-list.ts`).
 */
export const sipasProjection = defineProjection<SatisfactionDocument>({
  name: SIPAS_PROJECTION,
  version: 5,
  handlers: {
    DossierSubmitted: onFiled,
    DossierReceived: onFiled,
    DossierRated: onRatedIn(ratingsPrefix),
    UnitDissolved: lineageHandler<SatisfactionDocument>(),
  },
});
