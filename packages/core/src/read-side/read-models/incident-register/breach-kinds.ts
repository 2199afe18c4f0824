import type { IncidentCategoryCode } from '../../../conduct/catalogue.js';
import { DossierErrorCode } from '../../../dossier/errors.js';
import { ownEntry } from '../conduct-support/figure-documents.js';

/**
 * The conduct catalogue's kind (docs/domain/conduct-catalogue.md §1) a recorded breach is counted under, where one fits:
 * C06 "made to come back; supplement asked more than once", C11 "documents outside the published
 * list", C12 "delay beyond the time limit, or no apology slip issued" (an apology, or a result's
 * correction, late), C20 "no apology for one's own error" (a correction of the body's own error
 * without its apology, Art.21). A supplement asked for after its window, and a fee charged for
 * correcting one's own error, fit none: they are counted by their rule only.
 */
const KINDS: Readonly<Record<string, IncidentCategoryCode>> = {
  [DossierErrorCode.SUPPLEMENT_LIMIT_REACHED]: 'C06',
  [DossierErrorCode.SUPPLEMENT_NOT_IN_ONE_GO]: 'C06',
  [DossierErrorCode.DOCUMENT_NOT_PUBLISHED]: 'C11',
  [DossierErrorCode.APOLOGY_TOO_LATE]: 'C12',
  [DossierErrorCode.APOLOGY_LIMIT_REACHED]: 'C12',
  [DossierErrorCode.ERROR_CORRECTION_LATE]: 'C12',
  [DossierErrorCode.CORRECTION_WITHOUT_APOLOGY]: 'C20',
};

export const conductKindOfBreach = (rule: string): IncidentCategoryCode | undefined => ownEntry(KINDS, rule);
