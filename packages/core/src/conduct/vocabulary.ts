import type { t } from '../fp.js';
import { oneOf } from '../kernel/primitives.js';
import { DISCIPLINE_FORMS } from '../officer/index.js';

/** How the desk learned of the incident (Art.29 channels, plus hotline and inspections from the seeds). */
export const INCIDENT_SOURCES = [
  'citizen-feedback',
  'hotline',
  'suggestion-box',
  'camera',
  'regular-inspection',
  'surprise-inspection',
] as const;
export const IncidentSource = oneOf('IncidentSource', INCIDENT_SOURCES);
export type IncidentSource = t.TypeOf<typeof IncidentSource>;

export const IncidentSeverity = oneOf('IncidentSeverity', ['minor', 'serious', 'very-serious']);
export type IncidentSeverity = t.TypeOf<typeof IncidentSeverity>;

export const IncidentOutcome = oneOf('IncidentOutcome', ['substantiated', 'unfounded', 'false-accusation']);
export type IncidentOutcome = t.TypeOf<typeof IncidentOutcome>;

/** The seconding agency's decision: one of the discipline forms, or none at all. */
export const DisciplineDecision = oneOf('DisciplineDecision', [...DISCIPLINE_FORMS, 'no-discipline']);
export type DisciplineDecision = t.TypeOf<typeof DisciplineDecision>;

export const IncidentStepCodec = oneOf('IncidentStep', [
  'acknowledge',
  'investigate',
  'conclude',
  'answer-applicant',
  'decide-discipline',
]);
