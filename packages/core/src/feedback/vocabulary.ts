import type { t } from '../fp.js';
import { oneOf } from '../kernel/primitives.js';
import type { AnsweredFeedbackKind, FeedbackKind as RuleFeedbackKind } from '../rules/index.js';

/** Art.29 and TT01 Art.12 channels, plus hotline, in person and inspections from the seeds. */
export const FEEDBACK_CHANNELS = [
  'rating-form',
  'rating-device',
  'online',
  'hotline',
  'suggestion-box',
  'in-person',
  'camera',
  'inspection',
  'survey',
] as const;
export const FeedbackChannel = oneOf('FeedbackChannel', FEEDBACK_CHANNELS);
export type FeedbackChannel = t.TypeOf<typeof FeedbackChannel>;

/**
 * The legal kind decides the deadline: phản ánh (problem report), kiến nghị (report with a proposed
 * fix), khiếu nại (complaint), tố cáo (denunciation), góp ý (suggestion), khen (praise).
 */
export const FEEDBACK_KINDS = [
  'phan-anh',
  'kien-nghi',
  'khieu-nai',
  'to-cao',
  'gop-y',
  'khen',
] as const satisfies readonly RuleFeedbackKind[];
export const FeedbackKind = oneOf('FeedbackKind', FEEDBACK_KINDS);
export type FeedbackKind = t.TypeOf<typeof FeedbackKind>;

/** Kinds that can be about an officer's conduct; suggestions and praise never become incidents. */
export const ESCALATABLE_KINDS: readonly FeedbackKind[] = ['phan-anh', 'kien-nghi', 'khieu-nai', 'to-cao'];

/**
 * Matters outside the receiver's competence are forwarded within 5 working days (Decree 20/2008): what a
 * rule set without `feedbackForwardingWorkingDays` allows.
 */
export const FORWARDING_DEADLINE_WORKING_DAYS = 5;

/** The working days a rule set allows to forward a matter outside the desk's competence. */
export const forwardingWorkingDays = (ruleSet: { readonly feedbackForwardingWorkingDays?: number }): number =>
  ruleSet.feedbackForwardingWorkingDays ?? FORWARDING_DEADLINE_WORKING_DAYS;
export const FORWARDING_LEGAL_BASIS = 'Decree 20/2008/NĐ-CP';

/**
 * The kinds of feedback TT01 index 8 and Decision 766's feedback ratio count when a rule set names none:
 * phản ánh and kiến nghị (docs/domain/indices.md §1).
 */
export const MEASURED_FEEDBACK_KINDS: readonly AnsweredFeedbackKind[] = ['phan-anh', 'kien-nghi'];

/** The kinds of feedback a rule set's figures count (`feedbackKindsMeasured`). */
export const measuredFeedbackKinds = (ruleSet: { readonly feedbackKindsMeasured?: readonly AnsweredFeedbackKind[] }): readonly AnsweredFeedbackKind[] =>
  ruleSet.feedbackKindsMeasured ?? MEASURED_FEEDBACK_KINDS;
