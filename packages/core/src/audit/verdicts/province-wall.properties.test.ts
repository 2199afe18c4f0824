import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVietnamCalendar } from '../../calendar/index.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { buildConductLog, inProvince, mergeLogs, OTHER_PROVINCE, TENANT } from '../../read-side/read-models/conduct-support/conduct.testkit.js';
import { defaultRuleBook } from '../../rules/index.js';
import type { VerdictDeps, VerdictKind } from '../verdict.js';
import { storeAtPositions, storeOf, withRecordingTimes } from './province-log.testkit.js';
import { computeVerdictFromStore } from './registry.js';

/**
 * A province is a wall (docs/audit.md, "As of any moment"): a verdict for one province, as of any
 * global position, is the same whether or not another province's events share the log. Against the
 * province's events alone at the positions the shared log gave them, the whole verdict is equal; against
 * them numbered afresh, with the position asked mapped, the outcome, the instant judged at and the events
 * (mapped back) are.
 */
const deps: VerdictDeps = { rules: defaultRuleBook(), calendar: createVietnamCalendar() };
const now = () => new Date('2026-07-01T00:00:00Z');

let here: readonly RecordedEvent[] = [];
let there: readonly RecordedEvent[] = [];
let subjects: readonly { readonly kind: VerdictKind; readonly subject: string }[] = [];
beforeAll(async () => {
  const log = await buildConductLog();
  here = log;
  // The other province's history is the same desk's, shifted by a month: its recording instants differ from ours.
  there = log.map((event) => {
    const occurredAt = new Date(Date.parse(event.metadata.occurredAt) + 30 * 86_400_000).toISOString();
    return inProvince({ ...event, metadata: { ...event.metadata, occurredAt } }, OTHER_PROVINCE);
  });
  const ids = (type: string, field: string) => [...new Set(log.filter((e) => e.type === type).map((e) => (e.data as Record<string, string>)[field]!))];
  subjects = [
    ...ids('IncidentReported', 'incidentId').map((subject) => ({ kind: 'incident' as const, subject })),
    ...ids('FeedbackReceived', 'feedbackId').map((subject) => ({ kind: 'feedback' as const, subject })),
    { kind: 'officer', subject: 'OF-1/2026-Q1' },
  ];
});

const verdictAt = (store: Parameters<typeof computeVerdictFromStore>[0], pick: { kind: VerdictKind; subject: string }, globalPosition: number) =>
  computeVerdictFromStore(store, { ...pick, tenantId: TENANT, asOf: { globalPosition } }, deps, { now });

describe("a verdict as of a position is the province's own, whatever other provinces hold", () => {
  it("any interleaving of two provinces' logs, any position: the same verdict as over the province's events alone", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 300 }), fc.nat(), fc.nat(), async (mix, at, pick) => {
        const shared = withRecordingTimes(mergeLogs(here, there, mix));
        const ours = shared.filter((event) => event.metadata.tenantId === TENANT);
        const subject = subjects[pick % subjects.length]!;
        const position = at % (shared.length + 5);
        const inShared = await verdictAt(await storeOf(shared), subject, position);

        // The province's events alone, where the shared log put them: the very same answer.
        expect(await verdictAt(storeAtPositions(ours), subject, position)).toEqual(inShared);

        // Numbered afresh: the position asked maps to the province's own count of events by then.
        const last = ours[ours.length - 1]!.metadata.globalPosition;
        const countBy = ours.filter((event) => event.metadata.globalPosition <= position).length;
        const mapped = position <= last ? countBy : ours.length + (position - last);
        const alone = await verdictAt(await storeOf(ours), subject, mapped);
        expect(alone._tag).toBe(inShared._tag);
        if (inShared._tag === 'Left' || alone._tag === 'Left') {
          expect(alone._tag === 'Left' && alone.left.code).toBe(inShared._tag === 'Left' && inShared.left.code);
          return;
        }
        const ownPosition = new Map(ours.map((event, index) => [event.metadata.globalPosition, index + 1]));
        expect(alone.right.verdict.outcome).toEqual(inShared.right.verdict.outcome);
        expect(alone.right.verdict.asOf.judgedAt).toEqual(inShared.right.verdict.asOf.judgedAt);
        expect(alone.right.verdict.events).toEqual(inShared.right.verdict.events.map((p) => ownPosition.get(p)));
      }),
      { numRuns: 40 },
    );
  });

  it('without a moment (the whole log, judged now), the same verdict as over the province\'s events alone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 300 }), fc.nat(), async (mix, pick) => {
        const shared = withRecordingTimes(mergeLogs(here, there, mix));
        const ours = shared.filter((event) => event.metadata.tenantId === TENANT);
        const request = { ...subjects[pick % subjects.length]!, tenantId: TENANT };
        const inShared = await computeVerdictFromStore(await storeOf(shared), request, deps, { now });
        expect(await computeVerdictFromStore(storeAtPositions(ours), request, deps, { now })).toEqual(inShared);
      }),
      { numRuns: 40 },
    );
  });
});
