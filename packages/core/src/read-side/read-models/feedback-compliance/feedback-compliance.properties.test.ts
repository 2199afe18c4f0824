import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { defaultRuleBook } from '../../../rules/index.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { readModelOver } from '../../read-model.testkit.js';
import { buildConductLog, TENANT } from '../conduct-support/conduct.testkit.js';
import { parseFigureKey } from '../conduct-support/figure-documents.js';
import { readModelLaws } from '../conduct-support/read-model-laws.testkit.js';
import { createFeedbackComplianceReadModel, FEEDBACK_DIMENSIONS, type FeedbackComplianceDocument } from './index.js';

const readModel = createFeedbackComplianceReadModel({ rules: defaultRuleBook() });

let log: readonly RecordedEvent[] = [];
beforeAll(async () => {
  log = await buildConductLog();
});

/** A listed figure as its query computes it from one group document. */
const figureOf = async (documents: DocumentQuery<FeedbackComplianceDocument>, key: string) => {
  const parsed = parseFigureKey(readModel.name, key)!;
  const dimension = FEEDBACK_DIMENSIONS.find((d) => d === parsed.dimension)!;
  const figures = await readModel.queries.figures(documents, parsed.tenantId, { period: parsed.period, dimension, value: parsed.value });
  return parsed.measure === 'judged' ? figures.judged : parsed.measure === 'on-time' ? figures.onTime : figures.onTimeShare;
};

describe('feedback compliance laws', () => readModelLaws(readModel, () => log, figureOf));

describe('the log the laws run over', () => {
  it('has judged feedback, and documents without summaries', async () => {
    const over = readModelOver(readModel, log);
    expect((await over.keys(`${TENANT}/`)).filter((key) => key.endsWith('/on-time-share')).length).toBeGreaterThan(0);
    const documents = (await over.documents.list({ prefix: `${TENANT}/`, limit: 100_000 })).documents;
    expect(JSON.stringify(documents)).not.toMatch(/Feedback on the desk/);
  });
});
