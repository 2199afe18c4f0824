import type { ReadModel, ReadModelDeps } from '../../read-model.js';
import { groupFigureKeys } from '../conduct-support/figure-documents.js';
import { figureKeyPage } from '../../vocabulary/figure-keys.js';
import { explainPraise } from './explain.js';
import { PRAISE, praiseProjection, type PraiseDocument } from './projection.js';
import { praiseCount, praiseReceived } from './queries.js';
import { keyPeriod } from '../../vocabulary/key-period.js';
import { keySubject } from '../../vocabulary/key-subject.js';

/**
 * Praise (khen) received, by officer and unit.
 *
 * Figure keys: `<tenant>/praise/<period>/<dimension>/<value>/count`, the period (`all`, `2026`,
 * `2026-Q1`, `2026-03` or `2026-03-02`) being that of receipt on the Vietnamese calendar, and
 * dimension/value `total/all`, `officer/<id>` or `unit/<id>`, e.g. `thai-nguyen/praise/2026-03/total/all/count`.
 * Keys are listed for months, quarters, years and `all`; a day's figure is explained when asked.
 *
 * Documents: `<tenant>/group/<period>/<dimension>/<value>/counts` (`{ count }`, per month, quarter,
 * year and `all`), `<tenant>/received/<day>` (the day's praise: position, officer, unit, rule set) and
 * `<tenant>/praise/<feedbackId>` (the day it was received: a feedback id counts once).
 */
export const praiseReadModel = {
  name: PRAISE,
  description: 'Praise received, by officer and unit',
  projection: praiseProjection,
  exampleKey: 'praise/2026-03/total/all/count',
  keys: (documents, query) =>
    figureKeyPage(documents, query, (tenantId) => [
      groupFigureKeys<PraiseDocument>(tenantId, PRAISE, (document) => (document.kind === 'count' && document.count > 0 ? ['count'] : [])),
    ]),
  explain: explainPraise,
  periodOfKey: keyPeriod.afterRoot,
  subjectOfKey: keySubject.afterRoot,
  queries: { praiseReceived, praiseCount },
} satisfies ReadModel<PraiseDocument> & { readonly queries: unknown };

export type PraiseReadModel = typeof praiseReadModel;

/** The read model for the registry of built-in read models: it needs neither calendar nor rule book. */
export const createPraiseReadModel = (_deps?: ReadModelDeps): PraiseReadModel => praiseReadModel;
export { PRAISE, PRAISE_DIMENSIONS, praiseProjection, type PraiseDimension, type PraiseDocument, type PraiseEntry } from './projection.js';
export type { ReceivedPraise } from './queries.js';
