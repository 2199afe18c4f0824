import type { t } from '../fp.js';
import { breachCodec, breachList } from '../rules/breach.js';
import { IncidentErrorCode } from './errors.js';
import type { IncidentEvent } from './events.js';

/** The incident rules a recorded fact may break (ADR 0010); other refusals stay refusals. */

/**
 * A discipline case declared complex after its ordinary limit had run out: calendar days from the
 * ordinary due date to the day of the declaration, and the ordinary days (docs/domain/conduct-catalogue.md §3).
 */
export const ComplexDeclaredAfterLimitBreach = breachCodec(IncidentErrorCode.ComplexDeclaredAfterLimit, ['calendarDaysPastDueDate', 'ordinaryDays']);
export type ComplexDeclaredAfterLimitBreach = t.TypeOf<typeof ComplexDeclaredAfterLimitBreach>;

export const ComplexDeclarationBreaches = breachList([ComplexDeclaredAfterLimitBreach]);

/** The incident events that may carry `breaches`. */
export const INCIDENT_EVENTS_WITH_BREACHES = ['DisciplineCaseDeclaredComplex'] as const satisfies readonly IncidentEvent['type'][];
