import { beforeAll, describe } from 'vitest';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { buildConductLog } from '../conduct-support/conduct.testkit.js';
import { parseFigureKey } from '../conduct-support/figure-documents.js';
import { readModelLaws } from '../conduct-support/read-model-laws.testkit.js';
import { PRAISE_DIMENSIONS, praiseReadModel, type PraiseDocument } from './index.js';

let log: readonly RecordedEvent[] = [];
beforeAll(async () => {
  log = await buildConductLog();
});

/** A listed figure as its query computes it from one group document. */
const figureOf = async (documents: DocumentQuery<PraiseDocument>, key: string) => {
  const parsed = parseFigureKey(praiseReadModel.name, key)!;
  const dimension = PRAISE_DIMENSIONS.find((d) => d === parsed.dimension)!;
  return praiseReadModel.queries.praiseCount(documents, parsed.tenantId, parsed.period, dimension, parsed.value);
};

describe('praise laws', () => readModelLaws(praiseReadModel, () => log, figureOf));
