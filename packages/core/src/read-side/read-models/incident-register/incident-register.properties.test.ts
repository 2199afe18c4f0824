import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { readModelOver } from '../../read-model.testkit.js';
import { buildRegisterLog, TENANT } from '../conduct-support/conduct.testkit.js';
import { incidentRegisterReadModel as readModel } from './index.js';
import { readModelLaws } from '../conduct-support/read-model-laws.testkit.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import type { IncidentRegisterDocument } from './projection.js';
import { BREACH_DIMENSIONS, BREACH_MEASURE, INCIDENT_DIMENSIONS, INCIDENT_MEASURES } from './queries.js';
import { parseFigureKey } from '../conduct-support/figure-documents.js';

let log: readonly RecordedEvent[] = [];
beforeAll(async () => {
  log = await buildRegisterLog();
});

/** A listed figure as its query computes it from the group documents. */
const figureOf = async (documents: DocumentQuery<IncidentRegisterDocument>, key: string): Promise<number> => {
  const parsed = parseFigureKey(readModel.name, key)!;
  if (parsed.measure === BREACH_MEASURE) {
    const dimension = BREACH_DIMENSIONS.find((d) => d === parsed.dimension)!;
    return readModel.queries.breachCount(documents, parsed.tenantId, parsed.period, dimension, parsed.value);
  }
  const dimension = INCIDENT_DIMENSIONS.find((d) => d === parsed.dimension)!;
  const measure = INCIDENT_MEASURES.find((m) => m === parsed.measure)!;
  const asOf = parsed.asOf === undefined ? {} : { asOf: parsed.asOf };
  return readModel.queries.incidentCount(documents, parsed.tenantId, { period: parsed.period, dimension, value: parsed.value, measure, ...asOf });
};

describe('incident register laws', () => readModelLaws(readModel, () => log, figureOf));

describe('the log the laws run over', () => {
  it('has open, overdue, substantiated and closed incidents and recorded breaches, kept as facts, not events', async () => {
    const over = readModelOver(readModel, log);
    const keys = await over.keys(`${TENANT}/`);
    for (const measure of ['/reported', '/open', '/substantiated', '/overdue@', '/breaches']) expect(keys.some((k) => k.includes(measure)), measure).toBe(true);
    const documents = (await over.documents.list({ prefix: `${TENANT}/`, limit: 100_000 })).documents;
    // Descriptions stay in the log: documents hold positions, dates and codes.
    expect(JSON.stringify(documents)).not.toMatch(/Raised voice/);
  });
});
