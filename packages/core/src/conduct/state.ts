import type { IncidentStep } from '../rules/index.js';
import type { DisciplineForm } from '../officer/index.js';
import type { IncidentCategory } from './catalogue.js';
import type { DisciplineDecision, IncidentOutcome, IncidentSeverity, IncidentSource } from './vocabulary.js';
import { provinceStreamId } from '../kernel/tenant.js';

export interface StepRecord {
  /** Fixed when the step before it was recorded. */
  readonly dueDate: string;
  readonly doneOn?: string;
  readonly onTime?: boolean;
}

export type DisciplineTrack =
  | { readonly status: 'none' }
  | {
      readonly status: 'proposed';
      readonly form: DisciplineForm;
      /** The proposal's instant: the limit counts from its day, under the rule set in force then. */
      readonly proposedAt: string;
      /** The day the competent authority declared the case complex, once it has. */
      readonly complexOn?: string;
    }
  | {
      readonly status: 'decided';
      readonly form: DisciplineForm;
      readonly decision: DisciplineDecision;
      readonly decisionRef: string;
    };

/** `investigating` follows `acknowledged`; apology, discipline and answer happen while `concluded`. */
export type IncidentStage = 'reported' | 'acknowledged' | 'investigating' | 'concluded' | 'closed';

export interface IncidentRecord {
  readonly stage: IncidentStage;
  readonly incidentId: string;
  readonly source: IncidentSource;
  readonly category: IncidentCategory;
  readonly officerId: string;
  readonly unitId: string;
  readonly dossierCode?: string;
  readonly feedbackId?: string;
  readonly reporterId?: string;
  readonly answerRequired: boolean;
  readonly severity?: IncidentSeverity;
  readonly outcome?: IncidentOutcome;
  readonly reportedAt: string;
  /** Business time of the latest step: no step may be dated before it. */
  readonly lastStepAt: string;
  readonly steps: Readonly<Partial<Record<IncidentStep, StepRecord>>>;
  readonly apologisedOn?: string;
  readonly discipline: DisciplineTrack;
  readonly closedOn?: string;
}

export type IncidentState = { readonly stage: 'not-reported' } | IncidentRecord;

export const initialIncidentState = (): IncidentState => ({ stage: 'not-reported' });

export const incidentStreamId = (tenantId: string, incidentId: string): string => provinceStreamId('incident', tenantId, incidentId);
