import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { Verdict, VerdictKind, VerdictStep } from '../../verdict.js';
import { deadline, lateEntries, recordedBreaches } from './common.js';
import { closed, feedbackEscalation, feedbackHandling, feedbackReceipt, incidentApology, incidentConclusion, incidentHandling, incidentReport } from './conduct.js';
import type { StepTemplate } from './context.js';
import { agency, apology, datesRecomputed, form05, intakeSupplement, lateness, longestHolder, receipt, supplement, transfer } from './dossier.js';
import { decision, facts, proposal, quota, scale } from './officer.js';

export { viDate, viValue } from './words.js';

/**
 * Each step of each kind of verdict in Vietnamese, keyed by kind and step id: numbered steps
 * (`supplement:2`, `agency:1`) by their prefix and `:N`, deadlines by their full id, so a new deadline
 * or a new step needs its own wording (a test drives every kind and fails on a step without one).
 */
const NUMBERED: ReadonlySet<string> = new Set(['supplement', 'intake-supplement', 'apology', 'agency', 'form05']);

/** The key of a step id among the templates: `supplement:2` → `supplement:N`, `deadline:answer` as it is. */
export const templateKey = (id: string): string => {
  const at = id.indexOf(':');
  return at > 0 && NUMBERED.has(id.slice(0, at)) ? `${id.slice(0, at)}:N` : id;
};

const evidence = { 'late-entries': lateEntries, 'recorded-breaches': recordedBreaches };
const deadlines = (...ids: readonly string[]) => Object.fromEntries(ids.map((id) => [`deadline:${id}`, deadline(id)]));

export const VI_STEP_TEMPLATES: Readonly<Record<VerdictKind, Readonly<Record<string, StepTemplate>>>> = {
  dossier: {
    receipt,
    'dates-recomputed': datesRecomputed,
    transfer,
    'intake-supplement:N': intakeSupplement,
    'supplement:N': supplement,
    'agency:N': agency,
    'form05:N': form05,
    'longest-holder': longestHolder,
    'apology:N': apology,
    ...evidence,
    lateness,
  },
  incident: {
    report: incidentReport,
    ...deadlines('acknowledge', 'investigate', 'conclude', 'answer-applicant', 'decide-discipline'),
    conclusion: incidentConclusion,
    apology: incidentApology,
    closed,
    ...evidence,
    handling: incidentHandling,
  },
  feedback: {
    receipt: feedbackReceipt,
    ...deadlines('answer', 'forward'),
    escalation: feedbackEscalation,
    closed,
    ...evidence,
    handling: feedbackHandling,
  },
  officer: { scale, facts, proposal, decision, quota, ...evidence },
};

/** Whether a step id of a kind has its Vietnamese wording. */
export const hasVietnameseTemplate = (kind: VerdictKind, id: string): boolean => Object.hasOwn(VI_STEP_TEMPLATES[kind] ?? {}, templateKey(id));

/**
 * A step's finding in Vietnamese, from its id, values, the verdict's outcome and the events it rests
 * on; undefined when its kind has no wording for it, or the step is not of the shape the wording knows.
 */
export const vietnameseFinding = (verdict: Verdict, step: VerdictStep, events: ReadonlyMap<number, RecordedEvent>): string | undefined => {
  const table = VI_STEP_TEMPLATES[verdict.kind];
  const key = templateKey(step.id);
  if (table === undefined || !Object.hasOwn(table, key)) return undefined;
  return table[key]?.({ verdict, step, events });
};
