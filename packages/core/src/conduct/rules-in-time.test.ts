import { describe, it } from 'vitest';
import { createRuleBook } from '../rules/rule-book.js';
import { BUILT_IN_RULE_SETS } from '../rules/data/built-in-rule-sets.js';
import { SAMPLE_PROCEDURES } from '../rules/data/sample-procedures.js';
import { deciderSpec } from '../kernel/decider-spec.js';
import { createIncidentDecider } from './decider.js';
import { acknowledge, acknowledged, at, calendar, reported } from './conduct.testkit.js';

/**
 * Which rule set an incident's step follows (docs/domain/rules-in-time.md §2): the one in force when the
 * step is taken, which fixes the next step's deadline (Law 80/2015 Art.156(1): a legal document applies
 * to acts done while it is in force). A dossier instead keeps the set in force at receipt for its whole
 * processing (docs/domain/rules-in-time.md §1; `decider.test.ts` of the dossier).
 */
describe('an incident reported under one rule set and acknowledged under the next', () => {
  // The 2026 set with a longer investigation, so the set chosen shows in the deadline.
  const longer = BUILT_IN_RULE_SETS.map((ruleSet) =>
    ruleSet.id === 'decree-118-2025-amended-2026'
      ? { ...ruleSet, incidentStepDeadlineWorkingDays: { ...ruleSet.incidentStepDeadlineWorkingDays, investigate: 15 } }
      : ruleSet,
  );
  const rules = createRuleBook(longer, SAMPLE_PROCEDURES);
  const spec = deciderSpec(createIncidentDecider({ calendar, rules }));
  const lateDecember = reported({ reportedOn: '2025-12-30', occurredAt: at('2025-12-30', '10:00'), nextStepDueDate: '2025-12-31' });

  it('schedules the investigation by the set in force at the acknowledgement, and names it', () => {
    spec
      .given([lateDecember])
      .when(acknowledge({ occurredAt: at('2026-01-05', '08:30') }))
      .then([
        acknowledged({
          occurredAt: at('2026-01-05', '08:30'),
          doneOn: '2026-01-05',
          dueDate: '2025-12-31',
          onTime: false,
          // 15 working days after Mon 5 Jan 2026 under the 2026 set, not 10 under the set of the report.
          nextStepDueDate: calendar.addWorkingDays('2026-01-05', 15),
          ruleSetId: 'decree-118-2025-amended-2026',
        }),
      ]);
  });

  it('keeps the set of the report for a step taken before the change', () => {
    spec
      .given([lateDecember])
      .when(acknowledge({ occurredAt: at('2025-12-31', '08:30') }))
      .then([
        acknowledged({
          occurredAt: at('2025-12-31', '08:30'),
          doneOn: '2025-12-31',
          dueDate: '2025-12-31',
          onTime: true,
          nextStepDueDate: calendar.addWorkingDays('2025-12-31', 10),
          ruleSetId: 'decree-118-2025',
        }),
      ]);
  });
});
