import type { Desk } from '@motcua/core';
import { BusinessTime } from './business-time.js';
import { feedbackMonthStories } from './conduct.js';
import { planDossier, runDossier, type DossierPlan } from './dossiers.js';
import { officerStories, unitStories } from './organisation.js';
import { ACTIVE_DESKS, DEMO_TENANT, OFFICERS, PROVINCE_CENTRE, UNITS } from './province.js';
import { seededRandom } from './random.js';
import { SeedSession } from './seed-session.js';

export interface SeedOptions {
  /** Default 2026: the same seed gives the same province, dossier for dossier. */
  readonly seed?: number;
  /** Months of dossiers from `startDate`; default 3. */
  readonly months?: number;
  /** First day of dossiers; default 2026-03-02 (a Monday, after the Tết break). */
  readonly startDate?: string;
  readonly tenantId?: string;
  /** Dossiers per working day at the province centre; the commune desks get about half. Default 3. */
  readonly dossiersPerDay?: number;
  /** Called after each unit of work, e.g. to move a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * The clock of the desk and store being seeded, moved along business time so the demo reads as
   * recorded live (no late entries); without it, everything is recorded now and flagged as entered late.
   */
  readonly clock?: { set(at: Date): void };
}

export interface SeedSummary {
  readonly seed: number;
  readonly months: number;
  /** True when the store already held this seed: nothing was appended. */
  readonly alreadySeeded: boolean;
  readonly units: number;
  readonly officers: number;
  readonly dossiers: number;
  readonly commands: number;
  readonly eventsAppended: number;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly dossierCodes: readonly string[];
}

export const DEFAULT_SEED = 2026;

/** Part of every idempotency key: a store seeded by an earlier generator is told apart, not replayed. */
const SEED_FORMAT = 4;

/** The store already holds events that this seed did not write (another seed, or real data). */
export class SeedConflictError extends Error {
  override readonly name = 'SeedConflictError';
}

/**
 * Seeds a demo province into the desk's store through desk commands, so every rule is checked: the
 * 2025 merger, officers in every role, months of dossiers in many scenarios, feedback of each kind and
 * conduct incidents. Deterministic for a seed; running it again appends nothing.
 */
export const seedDemoProvince = async (desk: Desk, options: SeedOptions = {}): Promise<SeedSummary> => {
  const seed = options.seed ?? DEFAULT_SEED;
  const months = options.months ?? 3;
  if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  if (!Number.isInteger(months) || months < 1 || months > 24) throw new RangeError(`months must be an integer from 1 to 24, got ${months}`);
  const startDate = desk.calendar.nextWorkingDayOnOrAfter(options.startDate ?? '2026-03-02');
  const perDay = options.dossiersPerDay ?? 3;
  const keyPrefix = `seed-v${SEED_FORMAT}-${seed}-${months}-${startDate}-${perDay}`;
  const tenantId = options.tenantId ?? DEMO_TENANT;
  const centreStream = desk.units.streamId(tenantId, PROVINCE_CENTRE);
  const seededBefore = (await desk.store.findIdempotencyRecord(SeedSession.firstKey(keyPrefix, centreStream))) !== undefined;
  if (!seededBefore && (await desk.units.load(tenantId, PROVINCE_CENTRE)).version > 0) {
    throw new SeedConflictError(
      `the store already holds unit ${PROVINCE_CENTRE} written by another seed or by hand; seed into a new file (or use the same --seed and --months as before)`,
    );
  }

  const random = seededRandom(seed);
  const session = new SeedSession(desk, tenantId, keyPrefix);
  session.clock = options.clock;
  const calendar = desk.calendar;

  const days: string[] = [];
  const end = addMonths(startDate, months);
  for (let day = startDate; day < end; day = calendar.addWorkingDays(day, 1)) days.push(day);
  const plans: DossierPlan[][] = days.map((day) => {
    const sequences = new Map<string, number>();
    return ACTIVE_DESKS.flatMap((unitId) => {
      const count = unitId === PROVINCE_CENTRE ? random.int(Math.max(0, perDay - 1), perDay + 1) : random.int(0, Math.ceil(perDay / 2));
      return Array.from({ length: count }, () => {
        const sequence = (sequences.get(unitId) ?? 0) + 1;
        sequences.set(unitId, sequence);
        return planDossier(random, (code) => desk.rules.procedureAt(code, `${day}T08:00:00+07:00`), unitId, day, sequence);
      });
    });
  });
  const monthStarts = Array.from({ length: months }, (_, month) => calendar.nextWorkingDayOnOrAfter(addMonths(startDate, month)));
  const lastDay = days[days.length - 1] ?? startDate;
  const allPlans = plans.flat();
  const codes = allPlans.map((plan) => plan.code);

  const stories: (() => Promise<unknown>)[] = [
    ...unitStories(session),
    ...officerStories(session, random, lastDay),
    // Each dossier gets its own generator, so its story does not depend on when the others run.
    ...plans.flatMap((dayPlans, index) =>
      dayPlans.map((plan, n) => () => runDossier(session, calendar, seededRandom(seed * 7919 + index * 101 + n), plan)),
    ),
    ...monthStarts.flatMap((first, month) =>
      feedbackMonthStories(
        session,
        calendar,
        seededRandom(seed * 31 + month),
        month,
        first,
        allPlans.filter((plan) => plan.day < first || plan.day === first).map((plan) => plan.code),
      ),
    ),
  ];
  const total = stories.length;
  let done = 0;
  const progress = () => options.onProgress?.(++done, total);

  // Everything reaches the log in business-time order, as at a real desk.
  const businessTime = new BusinessTime();
  session.businessTime = businessTime;
  try {
    await businessTime.run(stories.map((story) => () => story().then(progress)));
  } finally {
    session.businessTime = undefined;
  }

  return {
    seed,
    months,
    alreadySeeded: seededBefore && session.counters.eventsAppended === 0,
    units: UNITS.length,
    officers: OFFICERS.length,
    dossiers: codes.length,
    commands: session.counters.commands,
    eventsAppended: session.counters.eventsAppended,
    firstDay: startDate,
    lastDay,
    dossierCodes: codes,
  };
};

const addMonths = (date: string, months: number): string => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1 + months, day));
  return shifted.toISOString().slice(0, 10);
};
