import type { t } from '../fp.js';
import { oneOf } from '../kernel/primitives.js';

/**
 * Desk types (Art.7): the provincial public service centre, receipt & return sections of departments,
 * districts (abolished 2025-07-01) and communes, and the receipt points communes run since 2025.
 */
export const UNIT_KINDS = ['province-centre', 'commune-desk', 'department-desk', 'district-desk', 'receipt-point'] as const;
export const UnitKind = oneOf('UnitKind', UNIT_KINDS);
export type UnitKind = t.TypeOf<typeof UnitKind>;
