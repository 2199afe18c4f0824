import type { DocumentQuery } from '../../engine/document-store.js';
import type { ExplainedFigure } from '../../read-model.js';
import { distinct, parseFigureKey } from '../conduct-support/figure-documents.js';
import { PRAISE, PRAISE_DIMENSIONS, type PraiseDimension, type PraiseDocument } from './projection.js';
import { praiseReceived } from './queries.js';

const isDimension = (value: string): value is PraiseDimension => (PRAISE_DIMENSIONS as readonly string[]).includes(value);

/** One praise figure: the count, and the events received, by global position. */
export const explainPraise = async (documents: DocumentQuery<PraiseDocument>, key: string): Promise<ExplainedFigure | undefined> => {
  const parsed = parseFigureKey(PRAISE, key);
  if (parsed === undefined || parsed.measure !== 'count' || parsed.asOf !== undefined || !isDimension(parsed.dimension)) return undefined;
  const received = await praiseReceived(documents, parsed.tenantId, parsed.period, parsed.dimension, parsed.value);
  const inputs = received.map((entry) => entry.position);
  return {
    readModel: PRAISE,
    key,
    value: received.length,
    ruleSetVersions: distinct(received.map((entry) => entry.ruleSetId)),
    contributions: inputs,
    steps: [{ label: 'praise received (events by global position)', op: 'count', inputs, result: received.length }],
  };
};
