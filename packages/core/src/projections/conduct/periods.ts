import { inPeriod as inVocabularyPeriod, parsePeriod, type Period } from '../../read-side/vocabulary/period.js';

export type { PeriodGrain } from '../../read-side/vocabulary/period.js';
export type ReportingPeriod = Period;
export const parseReportingPeriod = parsePeriod;
export const inPeriod = inVocabularyPeriod;

/** The year, quarter and month a day falls in (days themselves are left out of listings). */
export const listedPeriodsOf = (day: string): readonly string[] => {
  const year = day.slice(0, 4);
  const quarter = Math.ceil(Number(day.slice(5, 7)) / 3);
  return ['all', year, `${year}-Q${quarter}`, day.slice(0, 7)];
};
