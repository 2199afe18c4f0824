import type { DossierStatus } from '@motcua/core';

// A record, so a status added to the domain without a place here fails to compile.
const STATUSES: Readonly<Record<DossierStatus, true>> = {
  NOT_STARTED: true,
  GUIDED: true,
  SUBMITTED: true,
  AWAITING_INTAKE_SUPPLEMENT: true,
  RECEIVED: true,
  IN_PROCESSING: true,
  AWAITING_SUPPLEMENT: true,
  WITH_AGENCY: true,
  PROCESSED: true,
  RESULT_READY: true,
  RETURNED: true,
  REFUSED_AT_INTAKE: true,
  WITHDRAWN: true,
};

/** Every status a dossier can have: the values `GET /dossiers?status=` accepts. */
export const DOSSIER_STATUSES: readonly DossierStatus[] = Object.keys(STATUSES) as DossierStatus[];
