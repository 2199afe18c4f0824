import type { DocumentQuery } from '../../engine/document-store.js';
import { listAll } from '../../vocabulary/listing.js';
import { monthsOf, periodOf } from '../../vocabulary/period.js';
import type { EventPosition } from '../../vocabulary/event-ref.js';
import { asKind, hasFacts, keys, type AssignmentsDocument, type MonthDocument, type OfficerRatingDocument as D } from './documents.js';
import type { RatingRules } from './policy.js';
import type { IncidentFact, PeriodFacts, RatingFact, ReturnedFact } from './proposal.js';

/** An officer's month documents within the years `from`–`to` (`YYYY`), by month (`YYYY-MM`). */
export const officerMonths = async (documents: DocumentQuery<D>, tenantId: string, officerId: string, year?: string): Promise<Map<string, MonthDocument>> => {
  const prefix = keys.months(tenantId, officerId);
  const months = new Map<string, MonthDocument>();
  for (const [key, document] of await listAll(documents, year === undefined ? prefix : `${prefix}${year}-`)) {
    const month = asKind.month(document);
    if (month !== undefined) months.set(key.slice(prefix.length), month);
  }
  return months;
};

/** The months of the period, with their documents (those the officer has). */
const monthsIn = async (documents: DocumentQuery<D>, tenantId: string, officerId: string, { period }: RatingRules) => {
  const months = await officerMonths(documents, tenantId, officerId, periodOf(period.start, 'year'));
  return monthsOf(period).flatMap((month) => {
    const document = months.get(month);
    return document === undefined ? [] : [[month, document] as const];
  });
};

const substantiated = (months: readonly MonthDocument[]): IncidentFact[] =>
  months
    .flatMap((month) => Object.values(month.incidents))
    .filter((incident) => incident.outcome === 'substantiated')
    .map((incident) => ({ ...(incident.severity === undefined ? {} : { severity: incident.severity }), positions: incident.positions }))
    .sort((a, b) => (a.positions[0] ?? 0) - (b.positions[0] ?? 0));

const ratingFact = (position: EventPosition, via: EventPosition, sipasOfficers: number | null, attitude: number | null): RatingFact => ({
  position,
  via,
  ...(sipasOfficers === null ? {} : { sipasOfficers }),
  ...(attitude === null ? {} : { attitude }),
});

/**
 * What an officer's proposal for the period is made from, from the month counts alone (a figure's
 * value: one read per year of the period). Positions are 0: use `periodFacts` to explain.
 */
export const periodCounts = async (documents: DocumentQuery<D>, tenantId: string, officerId: string, rules: RatingRules): Promise<PeriodFacts> => {
  const months = (await monthsIn(documents, tenantId, officerId, rules)).map(([, month]) => month);
  const times = <T>(n: number, fact: T): T[] => new Array<T>(n).fill(fact);
  return {
    returned: months.flatMap((m) => m.returned.flatMap(([timeliness, againstOriginal, n]) => times<ReturnedFact>(n, { position: 0, via: 0, timeliness, againstOriginal }))),
    ratings: months.flatMap((m) => m.ratings.flatMap(([sipas, attitude, n]) => times(n, ratingFact(0, 0, sipas, attitude)))),
    praise: months.flatMap((m) => times(m.praise, 0)),
    substantiated: substantiated(months),
    disciplines: months.flatMap((m) => m.disciplines ?? []),
  };
};

/**
 * What an officer's proposal for the period is made from, with the events behind each fact: from the
 * period's month documents and, for a month with facts, its day documents (`daysOf`, in key order).
 * Shared by `periodFacts` (read from a store) and the officer verdict (read from its own events).
 */
export const factsOfDays = (
  months: readonly (readonly [month: string, document: MonthDocument])[],
  daysOf: (month: string) => readonly (readonly [string, D])[],
): PeriodFacts => {
  const returned: ReturnedFact[] = [];
  const ratings: RatingFact[] = [];
  const praise: EventPosition[] = [];
  for (const [month, document] of months) {
    if (!hasFacts(document)) continue;
    for (const [, found] of daysOf(month)) {
      const day = asKind.day(found);
      if (day === undefined) continue;
      for (const [position, via, timeliness, againstOriginal] of day.returned) returned.push({ position, via, timeliness, againstOriginal });
      for (const [position, via, sipas, attitude] of day.ratings) ratings.push(ratingFact(position, via, sipas, attitude));
      praise.push(...day.praise);
    }
  }
  return {
    returned: returned.sort((a, b) => a.position - b.position),
    ratings: ratings.sort((a, b) => a.position - b.position),
    praise: praise.sort((a, b) => a - b),
    substantiated: substantiated(months.map(([, month]) => month)),
    disciplines: months.flatMap(([, month]) => month.disciplines ?? []).sort((a, b) => a - b),
  };
};

/** What an officer's proposal for the period is made from, with the events behind each fact (the day documents). */
export const periodFacts = async (documents: DocumentQuery<D>, tenantId: string, officerId: string, rules: RatingRules): Promise<PeriodFacts> => {
  const months = await monthsIn(documents, tenantId, officerId, rules);
  const days = new Map<string, readonly (readonly [string, D])[]>();
  for (const [month, document] of months) if (hasFacts(document)) days.set(month, await listAll(documents, keys.days(tenantId, officerId, month)));
  return factsOfDays(months, (month) => days.get(month) ?? []);
};

/**
 * The unit an officer serves in on the last day of a period, from the officer's assignments: the
 * latest assignment in force then, and the event that made it (none once the officer left before the period).
 */
export const unitInForce = (officer: AssignmentsDocument | undefined, { period }: RatingRules): { readonly unitId: string; readonly position: EventPosition } | undefined => {
  if (officer === undefined || (officer.leftOn !== undefined && officer.leftOn < period.start)) return undefined;
  const inForce = officer.assignments
    .filter(([, from]) => from <= period.end)
    .sort(([, fromA, a], [, fromB, b]) => (fromA === fromB ? a - b : fromA < fromB ? -1 : 1));
  const last = inForce.at(-1);
  return last === undefined ? undefined : { unitId: last[0], position: last[2] };
};

/** The officer's assignments, rating agency and legal status, read from a store. */
export const assignmentsOf = async (documents: DocumentQuery<D>, tenantId: string, officerId: string) =>
  asKind.assignments(await documents.get(keys.assignments(tenantId, officerId)));
