import type { t } from '../fp.js';
import type { ActorRole } from '../kernel/envelope.js';
import type { LegalStatus } from '../officer/vocabulary.js';
import type { RoundingModeCodec } from './rounding-mode.js';

/**
 * Versioned rule sets. Each carries an effective date; the rule book picks the one in force at a
 * business instant, and every decision records the id of the set it was made under.
 */

/** After a supplement requested during processing: restart the time limit from zero, or pause it. */
export type SupplementClockPolicy = 'RESTART' | 'PAUSE';

export type TimeLimitUnit = 'working-days' | 'calendar-days' | 'working-hours';

/**
 * Which day a limit in calendar days is counted from (docs/domain/calendar.md §3):
 * - `receipt-date`: the Vietnamese calendar day the dossier (or the supplement) arrived, whatever
 *   the hour and whether or not it is a working day (Civil Code 2015 Art.147(2)–(3); the 15:00 rule
 *   of Decree 61/2018 Art.18 governs the transfer, not the period);
 * - `processing-start-date`: the processing start day, after the 15:00 shift to the next working day
 *   (how motcua counted before; kept so a configuration without the field keeps its figures).
 * Either way `receiptDayCounts` says whether that day is day 1, and a last day that is a day off
 * moves to the next working day (Art.148(5)).
 */
export type CalendarDaysCountFrom = 'receipt-date' | 'processing-start-date';

export type OnlineServiceLevel = 'none' | 'partial' | 'full';

export interface ProcedureVersion {
  /** National catalogue code, e.g. `1.001612`. */
  readonly code: string;
  readonly name: string;
  readonly field: string;
  readonly effectiveFrom: string;
  readonly effectiveTo?: string;
  readonly timeLimit: { readonly amount: number; readonly unit: TimeLimitUnit };
  /** Results handed back at once, with no receipt slip (Decree 61/2018 Art.17). */
  readonly immediateResult: boolean;
  readonly feeDong: number;
  /** The published document list; a supplement request may only ask for these. */
  readonly requiredDocuments: readonly string[];
  readonly onlineLevel: OnlineServiceLevel;
  /** Circular 01 levels (3: online filing, 4: + online payment and result). */
  readonly onlineLevelCircular01?: 1 | 2 | 3 | 4;
  /** May be filed at any desk in the province regardless of boundary (2025 reform). */
  readonly boundaryFree: boolean;
  /** Legal basis of this version (the decision publishing it, the act fixing the limit or fee). */
  readonly legalBasis?: readonly string[];
  /** Caveats about the data, e.g. what is still to confirm. */
  readonly notes?: readonly string[];
}

export type FeedbackKind = 'phan-anh' | 'kien-nghi' | 'khieu-nai' | 'to-cao' | 'gop-y' | 'khen';

/** The kinds of feedback that ask for an answer: all but praise (khen). */
export type AnsweredFeedbackKind = Exclude<FeedbackKind, 'khen'>;

export type IncidentStep = 'acknowledge' | 'investigate' | 'conclude' | 'answer-applicant' | 'decide-discipline';

/**
 * How an incident step's days are counted (docs/domain/conduct-catalogue.md §3): working days of the
 * desk's calendar, or calendar days, whose last day moves to the next working day when it is a day off.
 */
export type IncidentStepDeadlineUnit = Extract<TimeLimitUnit, 'working-days' | 'calendar-days'>;

/** The steps the competent authority may give a longer limit by declaring the case complex: the discipline decision only. */
export type ComplexCaseStep = Extract<IncidentStep, 'decide-discipline'>;

export type EvaluationScale =
  /** Decree 90/2020: excellent / good / completed / not completed. */
  | 'four-levels-decree-90-2020'
  /** Decree 335/2025: 100 points, ≥90 excellent, 70–<90 good, 50–<70 completed, <50 not completed. */
  | 'hundred-points-decree-335-2025';

export type RoundingMode = t.TypeOf<typeof RoundingModeCodec>;

/**
 * A value read from a legal text: `sourced` when checked against the article named in `source`,
 * `to-confirm` when the text leaves it to the rater or a province, or it is not yet checked.
 */
export interface Threshold<T = number> {
  readonly value: T;
  readonly status: 'sourced' | 'to-confirm';
  /** The act and article, or what is still to confirm. */
  readonly source: string;
}

/** Where a rule set's value comes from: its status and source, as a `Threshold` carries its own. */
export type ValueProvenance = Omit<Threshold<never>, 'value'>;

export type FourLevel = 'excellent' | 'good' | 'completed' | 'not-completed';

/**
 * The Decree 90/2020 criteria for each level, as thresholds on the share (%) of an officer's tasks
 * (docs/domain/officers.md §3). Below standard: a task not done on time or to quality; exceeded: done
 * better than required. The general criteria (conduct) are read from substantiated incidents.
 */
export interface FourLevelCriteria {
  /** Recorded with every proposal, e.g. `decree-90-2020-criteria-v1`. */
  readonly version: string;
  /** Good (and excellent): every task on time and to quality, i.e. at most this share below standard. */
  readonly goodBelowStandardAtMost: Threshold;
  /** Excellent: at least this share of tasks exceeded. */
  readonly excellentExceededAtLeast: Threshold;
  /** Completed: at most this share below standard. */
  readonly completedBelowStandardAtMost: Threshold;
  /** Not completed: more than this share below standard. */
  readonly notCompletedBelowStandardAbove: Threshold;
  /** The level of a share between the two thresholds above, which neither article covers. */
  readonly betweenCompletedAndNotCompleted: Threshold<'completed' | 'not-completed'>;
  /** The highest level open to an officer with a substantiated incident of that severity. */
  readonly highestLevelAfterIncident: Readonly<Record<IncidentSeverityLevel, Threshold<FourLevel>>>;
  /** The highest level open to an officer disciplined within the period (the decision's date); absent: no limit. */
  readonly highestLevelWhenDisciplined?: Threshold<FourLevel>;
}

/** How the excellent quota's share of a group becomes a number of officers: `down` reads "not exceed" literally. */
export type QuotaRounding = 'down' | 'half-up' | 'up';

export type IncidentSeverityLevel = 'minor' | 'serious' | 'very-serious';

/**
 * How the officer rating proposal turns facts into points, a setting versioned by `version`. The
 * proposal is input for the unit head, never a rating: the head records the rating as an event.
 *
 * Facts of a period: dossiers the officer handled that were returned in it (on time: early or on the
 * day), citizens' ratings of those dossiers given in it, substantiated incidents reported in it (by
 * severity) and praise received in it.
 *
 * 100-point scale: general = `general` − Σ `deductionBySeverity` (not below 0); task =
 * mean(timeliness, satisfaction), each the mean of `task` per dossier on time (0 if late) or per
 * satisfied rating (0 if not), over the parts measured; praise = `praisePoints` each, at most
 * `praisePointsMax`; points = min(100, general + task + praise), rounded.
 * Four-level scale: an indicative score = min(task %, `ceilingBySeverity` of each substantiated
 * incident) + praise, capped at 100 and rounded; the level is its band.
 */
export interface OfficerRatingProposalPolicy {
  /** Recorded with every proposal, e.g. `officer-rating-proposal-v1`. */
  readonly version: string;
  /** Which due date a dossier's timeliness is judged against: the one in force, or the one before any apology. */
  readonly timelinessAgainst: 'due-date' | 'original-due-date';
  /** A rating is satisfied when its SIPAS `officers` aspect (1–5) is at least this... */
  readonly satisfiedSipasOfficersAtLeast: number;
  /** ...or, without that aspect, when its Circular 01 index 7 (attitude, 0–2) is at least this. */
  readonly satisfiedAttitudeIndexAtLeast: number;
  readonly hundredPoints: {
    readonly general: number;
    readonly task: number;
    readonly deductionBySeverity: Readonly<Record<IncidentSeverityLevel, number>>;
  };
  readonly fourLevels: {
    /** The indicative score cannot exceed this for an officer with a substantiated incident of that severity. */
    readonly ceilingBySeverity: Readonly<Record<IncidentSeverityLevel, number>>;
  };
  readonly praisePoints: number;
  readonly praisePointsMax: number;
  /** Lowest score of each level: excellent ≥ 90, good ≥ 70, completed ≥ 50, else not completed. */
  readonly bands: { readonly excellent: number; readonly good: number; readonly completed: number };
  /** Excellent may be at most this share (%) of those rated good or better in the agency that rates them. */
  readonly excellentQuotaPercent: number;
  /** How the quota's share of a small group becomes a count; absent: `down` (docs/domain/officers.md §4). */
  readonly excellentQuotaRounding?: Threshold<QuotaRounding>;
  /** Decimals the points are rounded to (with the rule set's `indexRounding`). */
  readonly digits: number;
}

/**
 * How Circular 01/2018 (TT01) per-dossier indices and their averages are scored, a setting versioned
 * by `version`; rounding of the averages is the rule set's `indexRounding`.
 */
export interface Circular01ScoringPolicy {
  /** Recorded with every score, e.g. `circular01-scoring-v1`. */
  readonly version: string;
  /** Index 7 (attitude) of a late dossier without a substantiated complaint: the text leaves it open. */
  readonly lateWithoutComplaintAttitude: 0 | 1;
  /**
   * Index 1 and 7 judge the day the result reached the desk (else the return day) against the due date
   * in force or the one before any apology (docs/domain/dossier-lifecycle.md §4, §5: the built-in v1 says the latter).
   */
  readonly timelinessAgainst: 'due-date' | 'original-due-date';
  /** Decimals each averaged index is rounded to (TT01: one). */
  readonly digits: number;
}

export interface RuleSet {
  /** Stable id recorded in events, e.g. `decree-61-2018`. */
  readonly id: string;
  readonly title: string;
  readonly legalBasis: readonly string[];
  /** First day in force (`YYYY-MM-DD`, Vietnam time). */
  readonly effectiveFrom: string;
  /** Last day in force, inclusive; absent while in force. */
  readonly effectiveTo?: string;
  readonly transferCutoff: string;
  /** Whether the day of receipt counts as the first day of the time limit. */
  readonly receiptDayCounts: boolean;
  /** Where a limit in calendar days starts; absent: `processing-start-date` (configurations from before it). */
  readonly calendarDaysCountFrom?: CalendarDaysCountFrom;
  /** The clock after a supplement asked for on review of the dossier (docs/domain/dossier-lifecycle.md §2). */
  readonly supplementClockPolicy: SupplementClockPolicy;
  /**
   * The clock after a supplement whose gap came to light in verification (thẩm tra, xác minh); absent
   * (configurations from before it): `supplementClockPolicy`, as for every supplement.
   */
  readonly supplementClockAfterVerification?: SupplementClockPolicy;
  /** A supplement during processing must be requested within this many working days of receipt. */
  readonly supplementRequestWithinWorkingDays: number;
  /**
   * The day those working days count from (docs/domain/dossier-lifecycle.md §2): the day of receipt, or
   * the processing start day the 15:00 cutoff gives; absent: `processing-start-date` (configurations
   * from before it).
   */
  readonly supplementWindowCountsFrom?: CalendarDaysCountFrom;
  /** At most this many supplement requests during processing. */
  readonly maxSupplementRequests: number;
  readonly apology: {
    /** The apology must be issued at least this many working days before the due date. */
    readonly minWorkingDaysBeforeDue: number;
    readonly maxPerDossier: number;
  };
  /** Working days allowed to answer or forward each kind of feedback. */
  readonly feedbackDeadlineWorkingDays: Readonly<Record<FeedbackKind, number>>;
  /**
   * Working days to forward a matter outside the desk's competence to the competent body (Decree
   * 20/2008; docs/domain/conduct-catalogue.md §4); absent (configurations from before it): 5.
   */
  readonly feedbackForwardingWorkingDays?: number;
  /**
   * The kinds of feedback TT01 index 8 and the first satisfaction ratio of Decision 766 count
   * (docs/domain/indices.md §1, §2); absent (configurations from before it): phản ánh and kiến nghị.
   */
  readonly feedbackKindsMeasured?: readonly AnsweredFeedbackKind[];
  /**
   * Working days the processing body has to correct a returned result that is wrong through its own
   * error, counted from the day the error is reported as a forwarding is (Decree 61/2018 Art.21;
   * docs/domain/dossier-lifecycle.md §7); absent (configurations from before it): 5.
   */
  readonly errorCorrectionWorkingDays?: number;
  /**
   * How each step allowed by `incidentStepDeadlineWorkingDays` is counted; a step not listed, and
   * every step of a configuration without the field (from before it), is counted in working days.
   */
  readonly incidentStepDeadlineUnits?: Readonly<Partial<Record<IncidentStep, IncidentStepDeadlineUnit>>>;
  /**
   * Days allowed for each step of a conduct incident, counted from the day of the step before it: in
   * working days unless `incidentStepDeadlineUnits` counts the step in calendar days (the field keeps
   * its name so that configurations and what-if paths written before the units still read).
   */
  readonly incidentStepDeadlineWorkingDays: Readonly<Record<IncidentStep, number>>;
  /**
   * Days allowed for a step once the competent authority has declared the case complex, counted like
   * the step's ordinary days (same unit, same start; docs/domain/conduct-catalogue.md §3): only the
   * discipline decision, 150 calendar days in the built-in sets. Never fewer than the ordinary days
   * (the codec refuses a set that says so). Absent (configurations from before it): a complex case
   * keeps the ordinary days.
   */
  readonly incidentStepComplexCaseDays?: Readonly<Partial<Record<ComplexCaseStep, number>>>;
  /** The scale officers are rated on, but those of a status `evaluationScaleByStatus` names (see `evaluationScaleOf`). */
  readonly evaluationScale: EvaluationScale;
  /**
   * The scale of officers of a legal status that is not yet, or no longer, `evaluationScale`: the
   * 100-point reform reaches civil servants and public employees on different days
   * (docs/domain/officers.md §2). Absent (configurations from before it): every officer on `evaluationScale`.
   */
  readonly evaluationScaleByStatus?: Readonly<Partial<Record<LegalStatus, EvaluationScale>>>;
  /**
   * The Decree 90/2020 criteria a four-level proposal is decided by; absent in older configurations,
   * which then band the indicative score (`officerRatingProposal.bands`).
   */
  readonly fourLevelCriteria?: FourLevelCriteria;
  /** How read models propose a rating; absent in older configurations, which then use the built-in v1. */
  readonly officerRatingProposal?: OfficerRatingProposalPolicy;
  /** How TT01 indices are scored; absent in older configurations, which then use the built-in v1. */
  readonly circular01Scoring?: Circular01ScoringPolicy;
  readonly indexRounding: RoundingMode;
  /**
   * How a SIPAS figure over several aspects (`overall`, `dossierHandling`) is made from the aspects'
   * answers (docs/domain/indices.md §4): the mean of each aspect's share satisfied, or one share over
   * the answers of all the aspects pooled. Absent in older configurations, which then pool.
   */
  readonly sipasOverall?: SipasOverallMethod;
  /** Years after the violation within which discipline may still be imposed, by severity. */
  readonly disciplineLimitationYears: { readonly reprimandLevel: number; readonly other: number };
  /** Caveats: values not yet checked against the text, and why this set starts or ends where it does. */
  readonly notes?: readonly string[];
  /**
   * Each value's status and source, by its path in the set (`apology.minWorkingDaysBeforeDue`):
   * `sourced` when checked against the article named, `to-confirm` otherwise (docs/domain/README.md).
   * Values that carry their own (`Threshold`s) and ids are not listed; `unsourcedValues` names any
   * other value without an entry.
   */
  readonly provenance?: Readonly<Record<string, ValueProvenance>>;
  /**
   * Roles that may record a fact that already happened with the rules it broke, instead of having it
   * refused (ADR 0010); absent: `system` only (a platform syncing from another system).
   */
  readonly recordingRoles?: readonly ActorRole[];
}

export type SipasOverallMethod = 'mean-of-aspects' | 'pooled-answers';

export interface RuleBook {
  /** All rule sets, ordered by effective date. */
  readonly ruleSets: readonly RuleSet[];
  /** The set in force on the Vietnamese calendar day of `instant` (an ISO instant or a date). */
  inForceAt(instant: string): RuleSet;
  byId(id: string): RuleSet | undefined;
  /** The procedure version in force at `instant`, if the catalogue has that code. */
  procedureAt(code: string, instant: string): ProcedureVersion | undefined;
  readonly procedures: readonly ProcedureVersion[];
}
