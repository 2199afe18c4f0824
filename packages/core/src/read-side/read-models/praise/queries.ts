import type { DocumentQuery } from '../../engine/document-store.js';
import type { Period } from '../../vocabulary/period.js';
import { dayDocuments, groupKey } from '../conduct-support/figure-documents.js';
import { praiseValueOf, type PraiseDimension, type PraiseDocument, type PraiseEntry } from './projection.js';

/** A praise counted under a figure, with the day it was received. */
export interface ReceivedPraise extends PraiseEntry {
  readonly receivedOn: string;
}

/** Praise received in a period for one officer, one unit or in total (`all`), in log order: what a figure's explanation lists. */
export const praiseReceived = async (
  documents: DocumentQuery<PraiseDocument>,
  tenantId: string,
  period: Period,
  dimension: PraiseDimension,
  value: string,
): Promise<readonly ReceivedPraise[]> => {
  const received: ReceivedPraise[] = [];
  for (const [day, document] of await dayDocuments(documents, tenantId, 'received', period)) {
    if (document.kind !== 'day') continue;
    for (const entry of document.praise) if (praiseValueOf(entry, dimension) === value) received.push({ ...entry, receivedOn: day });
  }
  return received.sort((a, b) => a.position - b.position);
};

/** How many praise were received in a period for one officer, one unit or in total: one document read, or a day's list. */
export const praiseCount = async (
  documents: DocumentQuery<PraiseDocument>,
  tenantId: string,
  period: Period,
  dimension: PraiseDimension,
  value: string,
): Promise<number> => {
  if (period.grain === 'day') return (await praiseReceived(documents, tenantId, period, dimension, value)).length;
  const group = await documents.get(groupKey(tenantId, period.key, dimension, value));
  return group?.kind === 'count' ? group.count : 0;
};
