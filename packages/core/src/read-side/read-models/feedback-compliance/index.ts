import type { ListQuery } from '../../engine/document-store.js';
import type { ReadModel, ReadModelDeps } from '../../read-model.js';
import { groupFigureKeys } from '../conduct-support/figure-documents.js';
import { figureKeyPage } from '../../vocabulary/figure-keys.js';
import { explainFeedbackCompliance } from './explain.js';
import { FEEDBACK_COMPLIANCE, feedbackComplianceProjection, type FeedbackComplianceDocument } from './projection.js';
import { FEEDBACK_MEASURES, feedbackFigures, judgedFeedback, type FeedbackFigures, type FeedbackSelection } from './queries.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { keyPeriod } from '../../vocabulary/key-period.js';
import { keySubject } from '../../vocabulary/key-subject.js';

/**
 * Feedback response-time compliance (TT01 index 8; docs/domain/indices.md): whether feedback other
 * than praise was answered or forwarded within its deadline.
 *
 * Figure keys: `<tenant>/feedback-compliance/<period>/<dimension>/<value>/<measure>[@<asOf>]`, the period
 * (`all`, `2026`, `2026-Q1`, `2026-03` or `2026-03-02`) being that of receipt; dimension/value
 * `total/all`, `unit/<id>` or `kind/<kind>`; measure `judged`, `on-time` or `on-time-share` (per cent,
 * rounded to one decimal by the `indexRounding` of the rule set in force on the latest day of receipt
 * judged), e.g. `thai-nguyen/feedback-compliance/2026-Q1/unit/TN-01/on-time-share`. Without `@<asOf>` only
 * handled feedback is judged; with it, the log as of that instant (unhandled past its due date is late).
 * Keys are listed for months, quarters, years and `all` with judged feedback, without `@<asOf>`.
 *
 * Documents: `<tenant>/group/<period>/<dimension>/<value>/counts` (judged, on time, latest day of
 * receipt; per month, quarter, year and `all`), `<tenant>/received/<day>` (that day's feedback by id:
 * kind, unit, due date, rule set, handling, positions) and `<tenant>/feedback/<id>` (its day of receipt).
 */
export const createFeedbackComplianceReadModel = ({ rules }: Pick<ReadModelDeps, 'rules'>) => {
  const queries = {
    judgedFeedback,
    figures: (documents: DocumentQuery<FeedbackComplianceDocument>, tenantId: string, selection: FeedbackSelection): Promise<FeedbackFigures> =>
      feedbackFigures(rules, documents, tenantId, selection),
  };
  return {
    name: FEEDBACK_COMPLIANCE,
    description: 'Feedback answered or forwarded within its deadline, by unit and kind',
    projection: feedbackComplianceProjection,
    exampleKey: 'feedback-compliance/2026-03/total/all/on-time-share',
    keys: (documents: DocumentQuery<FeedbackComplianceDocument>, query: ListQuery) =>
      figureKeyPage(documents, query, (tenantId) => [
        groupFigureKeys<FeedbackComplianceDocument>(tenantId, FEEDBACK_COMPLIANCE, (document) => (document.kind === 'counts' && document.judged > 0 ? FEEDBACK_MEASURES : [])),
      ]),
    explain: (documents: DocumentQuery<FeedbackComplianceDocument>, key: string) => explainFeedbackCompliance(rules, documents, key),
    periodOfKey: keyPeriod.afterRoot,
    subjectOfKey: keySubject.afterRoot,
    queries,
  } satisfies ReadModel<FeedbackComplianceDocument> & { readonly queries: unknown };
};

export type FeedbackComplianceReadModel = ReturnType<typeof createFeedbackComplianceReadModel>;
export {
  FEEDBACK_COMPLIANCE,
  FEEDBACK_DIMENSIONS,
  feedbackComplianceProjection,
  type FeedbackComplianceDocument,
  type FeedbackCounts,
  type FeedbackDimension,
  type FeedbackEntry,
  type FeedbackHandling,
} from './projection.js';
export { FEEDBACK_MEASURES, type FeedbackFigures, type FeedbackMeasure, type FeedbackSelection, type JudgedFeedback } from './queries.js';
