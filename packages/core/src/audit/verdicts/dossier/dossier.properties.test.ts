import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { code, interleave, kit, record, rulesWith, TENANT, world, worldOf } from '../../../read-side/read-models/dossier-support/dossier-events.testkit.js';
import { dossierListProjection, type DossierListDocument, type DossierSummary } from '../../../read-side/read-models/dossier-list/index.js';
import { dossierKey, rowKey } from '../../../read-side/read-models/dossier-list/projection.js';
import { foldIntoStore } from '../../../read-side/read-model.testkit.js';
import { CALENDAR_DAYS, toVietnamDate } from '../../../calendar/dates.js';
import { asOfOfVerdict, cutAsOf, isPositionAsOf } from '../../as-of.js';
import type { AsOf, VerdictDeps } from '../../verdict.js';
import { computeDossierVerdict } from './compute.js';

/**
 * As of any moment, a dossier verdict says what the live dossier list said then: whether the dossier
 * was judged, early, on the day or late against its original due date, where (ready or return), and
 * both due dates (the original and the one in force), for generated dossiers with supplements,
 * forwardings, apologies, withdrawals and results ready before their return, cut at a random global
 * position (what the log knew) or a random business instant (what had happened by then).
 */
const deps: VerdictDeps = { rules: rulesWith(), calendar: kit.calendar };

const rowAt = (events: readonly RecordedEvent[], dossierCode: string): DossierSummary | undefined => {
  const store = foldIntoStore(dossierListProjection, events);
  const entry = store.sync.get(dossierListProjection.name, dossierKey(TENANT, dossierCode)) as DossierListDocument | undefined;
  if (entry?.kind !== 'dossier') return undefined;
  const row = store.sync.get(dossierListProjection.name, rowKey(TENANT, entry.first)) as DossierListDocument | undefined;
  return row?.kind === 'row' ? row.row : undefined;
};

const FROM = Date.parse('2026-03-01T00:00:00+07:00');
const TO = Date.parse('2026-05-15T00:00:00+07:00');
const DAY_MS = 86_400_000;

const sameAsList = (events: readonly RecordedEvent[], cut: readonly RecordedEvent[], dossierCode: string, asOf: AsOf) => {
  const row = rowAt(cut, dossierCode);
  const verdict = computeDossierVerdict(events, { tenantId: TENANT, subject: dossierCode, asOf }, deps);
  const { outcome } = verdict;
  expect(outcome.status).toBe(row?.status ?? 'NOT_STARTED');
  expect({ judged: outcome.judged, timeliness: outcome.timeliness, judgedAt: outcome.judgedAt }).toEqual({
    judged: row?.timeliness !== undefined,
    timeliness: row?.timeliness,
    judgedAt: row?.judgedAt,
  });
  expect({ originalDueDate: outcome.originalDueDate, dueDate: outcome.dueDate }).toEqual({ originalDueDate: row?.originalDueDate, dueDate: row?.dueDate });
  if (outcome.judged) expect(outcome.late).toBe(row?.timeliness === 'late');
  // Not judged, it is overdue when the list shows it open, not waiting for the applicant, past its original due date on the day judged.
  const day = toVietnamDate(isPositionAsOf(asOf) ? asOf.judgedAt! : asOf.businessTime);
  const open = row !== undefined && !['RETURNED', 'WITHDRAWN', 'REFUSED_AT_INTAKE', 'AWAITING_SUPPLEMENT'].includes(row.status) && row.timeliness === undefined;
  expect(outcome.overdue).toBe(open && row.originalDueDate !== undefined && day > row.originalDueDate);
  // Recomputed from its own events as of its own asOf, it reads the same (what an audit bundle checks).
  const own = events.filter((e) => verdict.events.includes(e.metadata.globalPosition));
  expect(computeDossierVerdict(own, { tenantId: TENANT, subject: dossierCode, asOf: asOfOfVerdict(verdict) }, deps)).toEqual(verdict);
};

describe('a dossier verdict as of a moment equals the dossier list then', () => {
  it('as of a global position: late or not, where judged, and both due dates', () => {
    fc.assert(
      fc.property(world, fc.nat(), fc.nat(), fc.integer({ min: FROM, max: TO }), ({ dossiers, picks }, cutAt, pick, judgedMs) => {
        const streams = worldOf(dossiers);
        const log = record(streams, interleave(streams, picks));
        const prefix = log.slice(0, (cutAt % log.length) + 1);
        const position = prefix[prefix.length - 1]!.metadata.globalPosition;
        const dossierCode = code((pick % dossiers.length) + 1);
        sameAsList(log.filter((e) => e.metadata.globalPosition <= position), prefix, dossierCode, { globalPosition: position, judgedAt: new Date(judgedMs).toISOString() });
      }),
      { numRuns: 150 },
    );
  });

  it('as of a business instant: what had happened by then', () => {
    fc.assert(
      fc.property(world, fc.nat(), fc.integer({ min: FROM, max: TO }), fc.option(fc.record({ due: fc.nat(), days: fc.integer({ min: -2, max: 2 }), ms: fc.integer({ min: 0, max: DAY_MS - 1 }) })), ({ dossiers, picks }, pick, anyMs, nearDue) => {
        const streams = worldOf(dossiers);
        const log = record(streams, interleave(streams, picks));
        // Anywhere in the months, or within two days of a due date the log records (where an off-by-one day would show).
        const dues = log.flatMap((e) => ['dueDate', 'originalDueDate'].map((f) => (e.data as Record<string, unknown>)[f]).filter((d): d is string => typeof d === 'string'));
        const ms = nearDue === null || dues.length === 0 ? anyMs : Date.parse(`${dues[nearDue.due % dues.length]!}T00:00:00+07:00`) + nearDue.days * DAY_MS + nearDue.ms;
        const instant = new Date(ms).toISOString();
        const happened = log.filter((e) => Date.parse(e.metadata.occurredAt) <= ms);
        sameAsList(log, happened, code((pick % dossiers.length) + 1), { businessTime: instant });
      }),
      { numRuns: 150 },
    );
  });
});

/** Every moment the working-day calendar computes: from its first day to the end of its last, in Vietnam. */
const CALENDAR_FROM = Date.parse(`${CALENDAR_DAYS.first}T00:00:00+07:00`);
const CALENDAR_TO = Date.parse(`${CALENDAR_DAYS.last}T23:59:59.999+07:00`);
const anyCalendarMoment = fc.oneof(
  fc.integer({ min: CALENDAR_FROM, max: CALENDAR_TO }),
  // Its edges, the day before the first rule set and the days the generated logs live in.
  fc.constantFrom(CALENDAR_FROM, CALENDAR_TO, Date.parse('2018-06-20T23:59:59.999+07:00'), Date.parse('2018-06-21T00:00:00+07:00')),
  fc.integer({ min: FROM, max: TO }),
);

describe('a dossier verdict as of any moment the calendar computes', () => {
  it('answers, as of a business instant or a position judged then: before its first event, not received, with no rule set needed', () => {
    fc.assert(
      fc.property(world, fc.nat(), fc.nat(), anyCalendarMoment, fc.boolean(), ({ dossiers, picks }, cutAt, pick, ms, byPosition) => {
        const streams = worldOf(dossiers);
        const log = record(streams, interleave(streams, picks));
        const instant = new Date(ms).toISOString();
        const position = log[cutAt % log.length]!.metadata.globalPosition;
        const asOf: AsOf = byPosition ? { globalPosition: position, judgedAt: instant } : { businessTime: instant };
        const cut = cutAsOf(log, asOf);
        const dossierCode = code((pick % dossiers.length) + 1);
        const verdict = computeDossierVerdict(cut, { tenantId: TENANT, subject: dossierCode, asOf }, deps);
        if (verdict.events.length === 0) expect({ status: verdict.outcome.status, ruleSetVersions: verdict.ruleSetVersions }).toEqual({ status: 'NOT_STARTED', ruleSetVersions: [] });
      }),
      { numRuns: 150 },
    );
  });
});
