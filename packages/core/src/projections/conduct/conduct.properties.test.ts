import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { buildConductLog } from './conduct-corpus.testkit.js';
import { createFeedbackComplianceReadModel } from './feedback-compliance-explain.js';
import { feedbackComplianceProjection } from './feedback-compliance.js';
import { incidentRegisterReadModel } from './incident-register-explain.js';
import { incidentRegisterProjection } from './incident-register.js';
import { praiseProjection, praiseReadModel } from './praise.js';
import { readModelLaws } from './read-model-laws.testkit.js';
import { foldAll } from './event-log.testkit.js';

let log: readonly RecordedEvent[] = [];
beforeAll(async () => {
  log = await buildConductLog();
});

describe('incident register laws', () => readModelLaws(incidentRegisterProjection, incidentRegisterReadModel, () => log));
describe('feedback compliance laws', () =>
  readModelLaws(feedbackComplianceProjection, createFeedbackComplianceReadModel(), () => log));
describe('praise laws', () => readModelLaws(praiseProjection, praiseReadModel, () => log));

describe('the conduct log the laws run over', () => {
  it('has open, overdue, substantiated and closed incidents and judged feedback, kept as facts, not events', () => {
    const register = foldAll(incidentRegisterProjection, log);
    const keys = incidentRegisterReadModel.keys(register);
    for (const measure of ['/reported', '/open', '/substantiated', '/overdue@']) expect(keys.some((k) => k.includes(measure)), measure).toBe(true);
    const feedback = foldAll(feedbackComplianceProjection, log);
    const shares = createFeedbackComplianceReadModel().keys(feedback).filter((k) => k.endsWith('on-time-share'));
    expect(shares.length).toBeGreaterThan(0);
    // Descriptions and summaries stay in the log: state holds positions, dates and codes.
    expect(JSON.stringify([register, feedback, foldAll(praiseProjection, log)])).not.toMatch(/Raised voice|Feedback on the desk/);
  });
});
