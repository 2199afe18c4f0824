import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft } from '../fp.js';
import { createVietnamCalendar } from '../calendar/vietnam-calendar.js';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from '../calendar/dates.js';
import { OutsideCalendar } from '../calendar/outside-calendar.js';
import type { WorkingDayCalendar } from '../calendar/types.js';
import { judgeBusinessTime } from '../kernel/business-time-policy.js';
import { fixedClock } from '../kernel/ports.js';
import { defaultRuleBook } from '../rules/rule-book.js';
import { deskBusinessTime } from './business-time.js';

const NOW = '2026-12-07T03:00:00.000Z';
const NOW_YEAR = 2026;
const calendar = createVietnamCalendar();
const rules = defaultRuleBook();
/** The year the earliest built-in rule set starts: no working day is counted from before it. */
const FIRST_RULES_YEAR = Number(rules.ruleSets[0]!.effectiveFrom.slice(0, 4));

/**
 * The desk's calendar, counting the years each working-day count spans (each is a year of holidays to
 * compute). A span reaching before the calendar's first year is counted, never computed.
 */
const countingCalendar = () => {
  const spans: number[] = [];
  const counting: WorkingDayCalendar = {
    ...calendar,
    workingDaysBetween: (from, to) => {
      spans.push(Math.abs(Number(to.slice(0, 4)) - Number(from.slice(0, 4))) + 1);
      return Number(from.slice(0, 4)) < FIRST_CALENDAR_YEAR ? 0 : calendar.workingDaysBetween(from, to);
    },
  };
  return { counting, spans };
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const anyInstant = fc
  .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), hour: fc.integer({ min: 0, max: 23 }) })
  .map(({ year, month, day, hour }) => `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:00:00+07:00`);

describe('the desk judging business time', () => {
  it('gives a typed answer for any instant from year 1 to 9999, counting working days at most once and over at most the years since the rules start', () => {
    fc.assert(
      fc.property(fc.oneof(anyInstant, fc.constantFrom('0001-01-01T09:00:00+07:00', '1800-01-02T09:00:00+07:00', '1975-12-31T23:59:59+07:00', '1990-01-02T09:00:00+07:00', '2018-06-20T23:59:59+07:00')), (occurredAt) => {
        const { counting, spans } = countingCalendar();
        const verdict = judgeBusinessTime(deskBusinessTime(counting, rules, fixedClock(NOW)), occurredAt, undefined);
        expect(spans.length).toBeLessThanOrEqual(1);
        expect(spans.every((years) => years <= NOW_YEAR - FIRST_RULES_YEAR + 1)).toBe(true);
        if (isLeft(verdict)) {
          expect(verdict.left._tag).toBe('BusinessRuleViolated');
          expect(['OCCURRED_BEFORE_CALENDAR', 'OCCURRED_AFTER_CALENDAR', 'NO_RULE_SET_IN_FORCE', 'OCCURRED_IN_THE_FUTURE']).toContain(verdict.left.code);
        }
      }),
    );
  });

  it('refuses a fact dated before the calendar, naming the earliest accepted date', () => {
    const verdict = judgeBusinessTime(deskBusinessTime(calendar, rules, fixedClock(NOW)), '0001-01-01T09:00:00+07:00', undefined);
    expect(isLeft(verdict) && verdict.left).toMatchObject({ code: 'OCCURRED_BEFORE_CALENDAR', message: expect.stringContaining(`earliest accepted date is ${FIRST_CALENDAR_YEAR}-01-01`) });
  });

  it('refuses a fact dated after the calendar, on a clock past it, naming the latest accepted date', () => {
    const verdict = judgeBusinessTime(deskBusinessTime(calendar, rules, fixedClock('2100-01-05T03:00:00.000Z')), '2100-01-04T09:00:00+07:00', undefined);
    expect(isLeft(verdict) && verdict.left).toMatchObject({ code: 'OCCURRED_AFTER_CALENDAR', message: expect.stringContaining(`latest accepted date is ${LAST_CALENDAR_YEAR}-12-31`) });
  });

  it('refuses a fact dated before the earliest rule set, naming it and the day it starts', () => {
    const verdict = judgeBusinessTime(deskBusinessTime(calendar, rules, fixedClock(NOW)), '1990-01-02T09:00:00+07:00', undefined);
    expect(isLeft(verdict) && verdict.left).toMatchObject({
      code: 'NO_RULE_SET_IN_FORCE',
      message: 'no rule set in force on 1990-01-02: the earliest, decree-61-2018, starts 2018-06-21',
    });
  });
});

describe('the working-day calendar', () => {
  it('refuses a day before its first year at once, naming where it starts', () => {
    expect(() => calendar.workingDaysBetween('0001-01-01', '2026-12-07')).toThrow(`the working-day calendar starts on ${FIRST_CALENDAR_YEAR}-01-01`);
    expect(calendar.isWorkingDay(`${FIRST_CALENDAR_YEAR}-01-02`)).toBe(true);
  });

  it('refuses a day after its last year with a typed error, naming where it ends, also when a count runs past it', () => {
    expect(() => calendar.isWorkingDay(`${LAST_CALENDAR_YEAR + 1}-01-02`)).toThrow(OutsideCalendar);
    expect(() => calendar.workingDaysBetween('2026-12-07', '9999-12-31')).toThrow(`the working-day calendar ends on ${LAST_CALENDAR_YEAR}-12-31`);
    expect(() => calendar.addWorkingDays(`${LAST_CALENDAR_YEAR}-12-30`, 5)).toThrow(OutsideCalendar);
    expect(calendar.isWorkingDay(`${LAST_CALENDAR_YEAR}-12-31`)).toBe(true);
  });
});
