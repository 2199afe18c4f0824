import type { EvaluationScale } from '../rules/index.js';
import type { DisciplineForm } from './discipline.js';
import type { EvaluationLevel, PeriodKind } from './evaluation.js';
import type { DeskLevel, LeavingReason, LegalStatus, OfficerRole } from './vocabulary.js';
import { provinceStreamId } from '../kernel/tenant.js';

export interface Assignment {
  readonly unitId: string;
  readonly deskLevel: DeskLevel;
  readonly role: OfficerRole;
  readonly fields: readonly string[];
  readonly effectiveDate: string;
  readonly termEndDate?: string;
}

export interface EvaluationEntry {
  readonly period: string;
  readonly periodKind: PeriodKind;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly scale: EvaluationScale;
  readonly level: EvaluationLevel;
  readonly score?: number;
  readonly ruleSetId: string;
  readonly recordedAt: string;
  /** How many times the evaluation was corrected; the entry always holds the latest values. */
  readonly corrections: number;
}

export interface DisciplineEntry {
  readonly form: DisciplineForm;
  readonly violationDate: string;
  readonly decisionDate: string;
  readonly decisionRef: string;
  readonly limitationEndsOn: string;
  readonly ruleSetId: string;
  readonly incidentId?: string;
}

export interface OfficerRecord {
  readonly officerId: string;
  readonly legalStatus: LegalStatus;
  readonly secondingAgencyId: string;
  /** Start of the first assignment. */
  readonly appointedOn: string;
  readonly assignment: Assignment;
  /** Earlier assignments, oldest first. */
  readonly previousAssignments: readonly Assignment[];
  /** Keyed by period key (`2026-03`, `2026-Q1`, `2026`): one entry per period. */
  readonly evaluations: Readonly<Record<string, EvaluationEntry>>;
  readonly disciplines: readonly DisciplineEntry[];
}

export type OfficerState =
  | { readonly status: 'not-appointed' }
  | ({ readonly status: 'serving' } & OfficerRecord)
  | ({ readonly status: 'left'; readonly leftOn: string; readonly leavingReason: LeavingReason } & OfficerRecord);

export const initialOfficerState = (): OfficerState => ({ status: 'not-appointed' });

export const officerStreamId = (tenantId: string, officerId: string): string => provinceStreamId('officer', tenantId, officerId);
