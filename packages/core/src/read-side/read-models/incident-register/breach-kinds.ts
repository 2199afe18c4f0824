import type { IncidentCategoryCode } from '../../../conduct/catalogue.js';
import { DossierErrorCode } from '../../../dossier/errors.js';
import { ownEntry } from '../conduct-support/figure-documents.js';

/**
 * The conduct catalogue's kind (docs/domain/conduct-catalogue.md §1) a recorded breach is counted under, where one fits:
 * C06 "made to come back; supplement asked more than once", C11 "documents outside the published
 * list", C12 "delay beyond the time limit, or no apology slip issued". A supplement asked for after its
 * window fits none: it is counted by its rule only.
 */
const KINDS: Readonly<Record<string, IncidentCategoryCode>> = {
  [DossierErrorCode.SUPPLEMENT_LIMIT_REACHED]: 'C06',
  [DossierErrorCode.SUPPLEMENT_NOT_IN_ONE_GO]: 'C06',
  [DossierErrorCode.DOCUMENT_NOT_PUBLISHED]: 'C11',
  [DossierErrorCode.APOLOGY_TOO_LATE]: 'C12',
  [DossierErrorCode.APOLOGY_LIMIT_REACHED]: 'C12',
};

export const conductKindOfBreach = (rule: string): IncidentCategoryCode | undefined => ownEntry(KINDS, rule);
