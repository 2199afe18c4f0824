import type { RecordedEvent } from '../../kernel/envelope.js';
import type { Verdict, VerdictStep } from '../verdict.js';
import { answerOf } from './answer.js';
import { REPORT_LABELS, type ReportLabels, type ReportLanguage } from './labels.js';
import { vietnameseFinding } from './vi/index.js';

/**
 * A verdict laid out for a reader, in one language, before it is written as Markdown or HTML: every
 * text here is plain (unescaped); the writers escape each one, since most come from events.
 */
export interface ReportStep {
  readonly number: number;
  readonly id: string;
  readonly label: string;
  /** The finding in the report's language; the verdict's own (English) words when `verbatim`. */
  readonly finding: string;
  /** True when a Vietnamese report has no wording for the step and shows the verdict's English finding. */
  readonly verbatim: boolean;
  readonly rule?: { readonly ruleSetId: string; readonly field: string; readonly source: string };
  readonly values: readonly (readonly [string, string])[];
  readonly events: readonly number[];
}

export interface ReportEvent {
  readonly position: number;
  /** Absent when the verdict names an event the report was not given. */
  readonly type?: string;
  readonly stream?: string;
  readonly version?: number;
  readonly occurredAt?: string;
  readonly recordedAt?: string;
  readonly lateEntryWorkingDays?: number;
}

export interface ReportModel {
  readonly lang: ReportLanguage;
  readonly labels: ReportLabels;
  readonly title: string;
  readonly province: string;
  readonly question: string;
  readonly answer: string;
  readonly moment: readonly string[];
  readonly steps: readonly ReportStep[];
  readonly events: readonly ReportEvent[];
  readonly ruleSetVersions: readonly string[];
  readonly calendarVersions: readonly string[];
}

const valueText = (value: string | number | boolean | null, labels: ReportLabels): string => (value === null ? '-' : typeof value === 'string' ? labels.date(value) : String(value));

/**
 * A step's finding in the report's language: in English, the verdict's own; in Vietnamese, the wording
 * of its kind and step id filled from its values, or, for a step without one, the English finding marked.
 */
export const findingOf = (
  verdict: Verdict,
  step: VerdictStep,
  events: ReadonlyMap<number, RecordedEvent>,
  lang: ReportLanguage,
): { readonly finding: string; readonly verbatim: boolean } => {
  if (lang === 'en') return { finding: step.finding, verbatim: false };
  const vi = vietnameseFinding(verdict, step, events);
  return vi === undefined ? { finding: step.finding, verbatim: true } : { finding: vi, verbatim: false };
};

export const reportModel = (verdict: Verdict, events: readonly RecordedEvent[], lang: ReportLanguage): ReportModel => {
  const labels = REPORT_LABELS[lang];
  const byPosition = new Map(events.map((event) => [event.metadata.globalPosition, event]));
  const { asOf } = verdict;
  const moment = [
    asOf.businessTime !== undefined ? labels.moment.businessTime(asOf.businessTime) : asOf.globalPosition > 0 ? labels.moment.position(asOf.globalPosition) : labels.moment.whole,
    ...(asOf.businessTime !== undefined ? [labels.moment.position(asOf.globalPosition)] : []),
    ...(asOf.judgedAt === undefined ? [] : [labels.moment.judgedAt(asOf.judgedAt)]),
  ];
  const steps = verdict.steps.map((step, i) => ({
    number: i + 1,
    id: step.id,
    label: labels.step(step.id),
    ...findingOf(verdict, step, byPosition, lang),
    ...(step.rule === undefined ? {} : { rule: step.rule }),
    values: Object.entries(step.values ?? {}).map(([name, value]) => [name, valueText(value, labels)] as const),
    events: step.events,
  }));
  return {
    lang,
    labels,
    title: labels.title(verdict.kind, verdict.subject),
    province: verdict.tenantId,
    question: labels.question(verdict.kind, verdict.subject),
    answer: answerOf(verdict, lang, steps[steps.length - 1]?.finding),
    moment,
    steps,
    events: verdict.events.map((position) => {
      const event = byPosition.get(position);
      if (event === undefined) return { position };
      const { metadata } = event;
      return {
        position,
        type: event.type,
        stream: metadata.streamId,
        version: metadata.streamVersion,
        occurredAt: labels.date(metadata.occurredAt),
        recordedAt: labels.date(metadata.recordedAt),
        ...(metadata.lateEntry === undefined ? {} : { lateEntryWorkingDays: metadata.lateEntry.workingDays }),
      };
    }),
    ruleSetVersions: verdict.ruleSetVersions,
    calendarVersions: verdict.calendarVersions,
  };
};
