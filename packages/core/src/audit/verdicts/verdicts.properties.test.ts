import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVietnamCalendar } from '../../calendar/index.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { buildConductLog, TENANT } from '../../read-side/read-models/conduct-support/conduct.testkit.js';
import { createFeedbackComplianceReadModel } from '../../read-side/read-models/feedback-compliance/index.js';
import { incidentRegisterReadModel, isIncidentOpen } from '../../read-side/read-models/incident-register/index.js';
import { readModelOver } from '../../read-side/read-model.testkit.js';
import { dayOf, parsePeriod, type Period } from '../../read-side/vocabulary/period.js';
import { defaultRuleBook } from '../../rules/index.js';
import { asOfOfVerdict } from '../as-of.js';
import type { VerdictDeps } from '../verdict.js';
import { computeFeedbackVerdict } from './feedback/compute.js';
import { computeIncidentVerdict } from './incident/compute.js';

/**
 * As of any moment, a verdict says what the live read model said then: the log cut at a random
 * global position P, open deadlines judged at a random instant T, against the read model folded over
 * the same prefix and queried as of T (incident-register's open and overdue steps, feedback-compliance's
 * judgement of TT01 index 8).
 */
const deps: VerdictDeps = { rules: defaultRuleBook(), calendar: createVietnamCalendar() };
const ALL = parsePeriod('all') as Period;
const FROM = Date.parse('2025-09-01T00:00:00+07:00');
const TO = Date.parse('2026-06-30T00:00:00+07:00');

let log: readonly RecordedEvent[] = [];
let incidentIds: readonly string[] = [];
let feedbackIds: readonly string[] = [];
beforeAll(async () => {
  log = await buildConductLog();
  const ids = (type: string, field: string) => [...new Set(log.filter((e) => e.type === type).map((e) => (e.data as Record<string, string>)[field]!))];
  incidentIds = ids('IncidentReported', 'incidentId');
  feedbackIds = ids('FeedbackReceived', 'feedbackId');
});

const DAY_MS = 86_400_000;
/**
 * A moment: a prefix of the log, a subject, and an instant anywhere in the log's months or within two
 * days of one of the due dates the subject's events fix (where an off-by-one day would show).
 */
const moment = () =>
  fc.record({
    index: fc.nat(),
    pick: fc.nat(),
    anyMs: fc.integer({ min: FROM, max: TO }),
    nearDue: fc.option(fc.record({ due: fc.nat(), days: fc.integer({ min: -2, max: 2 }), msOfDay: fc.integer({ min: 0, max: DAY_MS - 1 }) })),
  });

const instantOf = (m: { anyMs: number; nearDue: { due: number; days: number; msOfDay: number } | null }, events: readonly RecordedEvent[]): number => {
  const dues = events.flatMap((e) => ['nextStepDueDate', 'dueDate', 'forwardingDueDate'].map((f) => (e.data as Record<string, string>)[f]).filter((d) => d !== undefined));
  if (m.nearDue === null || dues.length === 0) return m.anyMs;
  return Date.parse(`${dues[m.nearDue.due % dues.length]!}T00:00:00+07:00`) + m.nearDue.days * DAY_MS + m.nearDue.msOfDay;
};

describe('verdicts as of a moment equal the live read models then, and recompute from their own events', () => {
  it('incident: reported or not, open or closed, and each pending step and its due date, open or overdue, as incident-register says', async () => {
    await fc.assert(
      fc.asyncProperty(moment(), async (m) => {
        const prefix = log.slice(0, (m.index % log.length) + 1);
        const position = prefix[prefix.length - 1]!.metadata.globalPosition;
        const incidentId = incidentIds[m.pick % incidentIds.length]!;
        const at = new Date(instantOf(m, prefix.filter((e) => (e.data as { incidentId?: string }).incidentId === incidentId))).toISOString();
        const over = readModelOver(incidentRegisterReadModel, prefix);
        const entry = (await incidentRegisterReadModel.queries.incidentRows(over.documents, TENANT)).find((row) => row.incidentId === incidentId);
        const verdict = computeIncidentVerdict(prefix, { tenantId: TENANT, subject: incidentId, asOf: { globalPosition: position, judgedAt: at } }, deps);
        const { outcome } = verdict;
        const own = prefix.filter((e) => verdict.events.includes(e.metadata.globalPosition));
        // Recomputed from its own events as of its own asOf, it reads the same (what an audit bundle checks).
        expect(computeIncidentVerdict(own, { tenantId: TENANT, subject: incidentId, asOf: asOfOfVerdict(verdict) }, deps)).toEqual(verdict);
        if (entry === undefined) {
          expect(outcome.status).toBe('not-reported');
          return;
        }
        expect(outcome.status).toBe(isIncidentOpen(entry) ? 'open' : 'closed');
        const pending = outcome.deadlines.filter((d) => d.status === 'open' || d.status === 'overdue');
        const live = isIncidentOpen(entry) ? entry.pending : {};
        expect(Object.fromEntries(pending.map((d) => [d.deadline, d.dueDate]))).toEqual(Object.fromEntries(Object.entries(live).map(([step, p]) => [step, p.due])));
        const overdue = incidentRegisterReadModel.queries.overdueSteps(entry, at).map(([step]) => step);
        expect(pending.filter((d) => d.status === 'overdue').map((d) => d.deadline).sort()).toEqual([...overdue].sort());
        expect(verdict.asOf.globalPosition).toBeLessThanOrEqual(position);
      }),
      { numRuns: 100 },
    );
  });

  it('feedback: judged or not, and on time or not, as feedback-compliance judges it as of T', async () => {
    const readModel = createFeedbackComplianceReadModel({ rules: deps.rules });
    await fc.assert(
      fc.asyncProperty(moment(), async (m) => {
        const prefix = log.slice(0, (m.index % log.length) + 1);
        const position = prefix[prefix.length - 1]!.metadata.globalPosition;
        const feedbackId = feedbackIds[m.pick % feedbackIds.length]!;
        // T is not before a fact the log holds at P: a moment when the log stood at P.
        const own = prefix.filter((e) => (e.data as { feedbackId?: string }).feedbackId === feedbackId);
        const at = new Date(Math.max(instantOf(m, own), ...own.map((e) => Date.parse(e.metadata.occurredAt)))).toISOString();
        const over = readModelOver(readModel, prefix);
        const judged = (await readModel.queries.judgedFeedback(over.documents, TENANT, { period: ALL, dimension: 'total', value: 'all', asOf: at })).find(
          (j) => j.feedbackId === feedbackId,
        );
        const verdict = computeFeedbackVerdict(prefix, { tenantId: TENANT, subject: feedbackId, asOf: { globalPosition: position, judgedAt: at } }, deps);
        const { outcome } = verdict;
        const used = prefix.filter((e) => verdict.events.includes(e.metadata.globalPosition));
        expect(computeFeedbackVerdict(used, { tenantId: TENANT, subject: feedbackId, asOf: asOfOfVerdict(verdict) }, deps)).toEqual(verdict);
        expect({ judged: outcome.judged, onTime: outcome.onTime }).toEqual(judged === undefined ? { judged: false, onTime: null } : { judged: true, onTime: judged.onTime });
        if (judged !== undefined && outcome.handling === undefined) expect(judged.entry.dueDate < dayOf(at)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
