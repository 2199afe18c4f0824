import type { UnitKind } from './vocabulary.js';
import { provinceStreamId } from '../kernel/tenant.js';

export interface UnitRecord {
  readonly status: 'active' | 'dissolved';
  readonly code: string;
  readonly kind: UnitKind;
  /** Current name, parent and province; the histories below say since when. */
  readonly name: string;
  readonly parentCode?: string;
  readonly provinceCode: string;
  readonly establishedOn: string;
  /** Effective date of the latest change: later changes may not take effect before it. */
  readonly lastChangeOn: string;
  readonly names: readonly { readonly name: string; readonly from: string }[];
  readonly attachments: readonly { readonly parentCode?: string; readonly provinceCode: string; readonly from: string }[];
  readonly dissolvedOn?: string;
  readonly successorCode?: string;
}

export type UnitState = { readonly status: 'not-established' } | UnitRecord;

export const initialUnitState = (): UnitState => ({ status: 'not-established' });

export const unitStreamId = (tenantId: string, code: string): string => provinceStreamId('unit', tenantId, code);

/** The unit's name in force on `date` (its first name for earlier dates). */
export const unitNameAt = (unit: UnitRecord, date: string): string =>
  unit.names.filter((entry) => entry.from <= date).at(-1)?.name ?? unit.names[0]?.name ?? unit.name;
