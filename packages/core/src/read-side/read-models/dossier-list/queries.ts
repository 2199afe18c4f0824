import type { DocumentQuery } from '../../engine/document-store.js';
import { documentPrefix } from '../../vocabulary/document-key.js';
import { documentsUnder } from '../../vocabulary/listing.js';
import { firstOfRowKey, rowKey, type DossierListDocument, type DossierSummary } from './projection.js';

export interface DossierListQuery {
  readonly tenantId: string;
  readonly unitId?: string;
  readonly status?: string;
  readonly procedureCode?: string;
  readonly applicantId?: string;
  /** Only dossiers of these units (the caller's scope); unitless dossiers pass. */
  readonly withinUnits?: readonly string[];
  readonly limit: number;
  /** The `next` of the previous page. */
  readonly after?: number;
}

export interface DossierListPage {
  readonly items: readonly DossierSummary[];
  /** Pass as `after` for the next page; absent on the last page. */
  readonly next?: number;
}

/** Rows read per step while filtering. */
const SCAN = 500;

const matches = (row: DossierSummary, query: DossierListQuery): boolean =>
  (query.unitId === undefined || row.unitId === query.unitId) &&
  (query.status === undefined || row.status === query.status) &&
  (query.procedureCode === undefined || row.procedureCode === query.procedureCode) &&
  (query.applicantId === undefined || row.applicantId === query.applicantId) &&
  (query.withinUnits === undefined || row.unitId === undefined || query.withinUnits.includes(row.unitId));

/**
 * One page of a province's dossiers in the order they first appeared, filtered; the cursor is the
 * first position of the page's last row. Reads the province's rows only (a key range).
 */
export const listDossiers = async (documents: DocumentQuery<DossierListDocument>, query: DossierListQuery): Promise<DossierListPage> => {
  const items: DossierSummary[] = [];
  let last: number | undefined;
  const after = query.after === undefined ? undefined : rowKey(query.tenantId, query.after);
  for await (const [key, document] of documentsUnder(documents, documentPrefix(query.tenantId, 'row'), { pageSize: SCAN, ...(after === undefined ? {} : { after }) })) {
    if (document.kind !== 'row' || !matches(document.row, query)) continue;
    if (items.length === query.limit) return { items, ...(last === undefined ? {} : { next: last }) };
    items.push(document.row);
    last = firstOfRowKey(key);
  }
  return { items };
};
