import type { WorkingDayCalendar } from '../calendar/types.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import type { RuleBook } from '../rules/types.js';
import type { EventPosition } from '../read-side/vocabulary/event-ref.js';

/**
 * A verdict: the answer to a dispute ("was this dossier late?", "why was this officer rated so?",
 * "was this complaint answered in time?") computed from the events alone, with each step of its
 * reasoning, the rule-set and calendar versions it applied and the events it rests on
 * (docs/audit.md). A verdict is a pure function of its events and the versions named: an auditor
 * holding the same events recomputes the same verdict, which is what an audit bundle relies on.
 */
export type VerdictKind = 'dossier' | 'officer' | 'incident' | 'feedback';

/** One step of a verdict's reasoning, in order: what was found, under which rule, from which events. */
export interface VerdictStep {
  /** A short stable identifier of the step, e.g. `due-date`, `lateness`, `apology-timing`. */
  readonly id: string;
  /** The finding in plain words, in English; a Vietnamese report words the step from its `id`, `values` and events. */
  readonly finding: string;
  /** The rule applied: the rule set's id, the field carrying it and the page of docs/domain that cites its source. */
  readonly rule?: { readonly ruleSetId: string; readonly field: string; readonly source: string };
  /** The events the step rests on, by global position. */
  readonly events: readonly EventPosition[];
  /** Values the step found (dates, counts, days), for reports and for what-if comparisons. */
  readonly values?: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * The moment a verdict is computed as of: the log up to a global position, or up to a business instant
 * (docs/audit.md, "Verdicts"). With a position, `judgedAt` is the instant open deadlines are judged at
 * (the moment the log stood there); with a business instant, that instant.
 */
export type AsOf = { readonly globalPosition: number; readonly judgedAt?: string } | { readonly businessTime: string };

export interface Verdict<O = unknown> {
  readonly kind: VerdictKind;
  readonly tenantId: string;
  /** What the verdict is about: a dossier code, an officer id and period, an incident id, a feedback id. */
  readonly subject: string;
  /**
   * The last event taken into account, and the business instant asked for if any; `judgedAt`, when the
   * log was cut at a position, is the instant its open deadlines were judged at (`asOfOfVerdict` in
   * `as-of.ts` gives back the `AsOf` that recomputes the verdict).
   */
  readonly asOf: { readonly globalPosition: number; readonly businessTime?: string; readonly judgedAt?: string };
  /** The answer, typed by kind (e.g. `{ late: true, workingDaysLate: 2, dueDate: '2026-03-09' }`). */
  readonly outcome: O;
  readonly steps: readonly VerdictStep[];
  /** Rule sets applied, oldest first. */
  readonly ruleSetVersions: readonly string[];
  /** Calendar versions applied, oldest first. */
  readonly calendarVersions: readonly string[];
  /** Every event the verdict rests on, by global position, in log order. */
  readonly events: readonly EventPosition[];
}

/** What a verdict is computed with: the rule book and the calendar(s), possibly other versions than the recorded ones (what-if). */
export interface VerdictDeps {
  readonly rules: RuleBook;
  readonly calendar: WorkingDayCalendar;
}

/**
 * How one kind of verdict is computed. `compute` is pure: given the subject's events (already cut at
 * `asOf` by the caller, in log order) it gives the verdict; the audit bundle's verifier calls it again
 * on the bundle's own events and compares. How the events are gathered (a stream, or positions a
 * read model names) is each kind's own.
 */
export interface VerdictDefinition<O = unknown> {
  readonly kind: VerdictKind;
  readonly compute: (events: readonly RecordedEvent[], subject: { readonly tenantId: string; readonly subject: string; readonly asOf?: AsOf }, deps: VerdictDeps) => Verdict<O>;
}
