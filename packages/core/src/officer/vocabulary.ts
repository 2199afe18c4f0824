import type { t } from '../fp.js';
import { oneOf } from '../kernel/primitives.js';

/** Roles at a desk (Decree 61/2018 Art.10–12); `standby` covers leave for its seconding agency (Art.12(8)). */
export const OFFICER_ROLES = [
  'receiving-officer',
  'processing-officer',
  'approver',
  'desk-head',
  'deputy-desk-head',
  'standby',
  'it-staff',
  'support-staff',
] as const;
export const OfficerRole = oneOf('OfficerRole', OFFICER_ROLES);
export type OfficerRole = t.TypeOf<typeof OfficerRole>;

/** cán bộ / công chức / viên chức / hợp đồng: the status decides which discipline forms exist. */
export const LEGAL_STATUSES = ['cadre', 'civil-servant', 'public-employee', 'contract'] as const;
export const LegalStatus = oneOf('LegalStatus', LEGAL_STATUSES);
export type LegalStatus = t.TypeOf<typeof LegalStatus>;

/**
 * Level of the desk an officer serves at. Secondment terms of 6–24 months apply at ministry,
 * province and district desks (Art.11); commune desks use commune civil servants with no such term.
 */
export const DESK_LEVELS = ['ministry', 'province', 'district', 'commune'] as const;
export const DeskLevel = oneOf('DeskLevel', DESK_LEVELS);
export type DeskLevel = t.TypeOf<typeof DeskLevel>;

export const LEAVING_REASONS = [
  'term-ended',
  'returned-to-agency',
  'replaced-at-desk-request',
  'transferred',
  'retired',
  'resigned',
  'dismissed',
  'deceased',
  'other',
] as const;
export const LeavingReason = oneOf('LeavingReason', LEAVING_REASONS);
export type LeavingReason = t.TypeOf<typeof LeavingReason>;
