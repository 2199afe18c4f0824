import { evaluationPeriodOf } from '../../../officer/evaluation.js';

/** The forms of a rating period (docs/domain/rules-in-time.md §3), for messages. */
export const RATING_PERIOD_FORMS = 'a year (2025), a quarter (2026-Q1) or a month (2026-03)';

/** An officer verdict's subject `<officerId>/<period>` in its two parts; the period is after the last slash. */
export const officerSubjectParts = (subject: string): { readonly officerId: string; readonly periodKey: string } => {
  const slash = subject.lastIndexOf('/');
  return slash <= 0 ? { officerId: subject, periodKey: '' } : { officerId: subject.slice(0, slash), periodKey: subject.slice(slash + 1) };
};

/**
 * What is wrong with an officer verdict's subject, if anything: it must be `<officerId>/<period>` with
 * a rating period. A period no rule set rates (before the first) is a subject all the same: its
 * verdict says there is no scale to rate on.
 */
export const officerSubjectProblem = (subject: string): string | undefined => {
  const { officerId, periodKey } = officerSubjectParts(subject);
  if (officerId === subject) return `"${subject}" is not <officerId>/<period>: give the officer id and a rating period, e.g. OF-1/2026-Q1`;
  if (evaluationPeriodOf(periodKey) === undefined) return `"${periodKey}" is not a rating period: give ${RATING_PERIOD_FORMS}`;
  return undefined;
};
