import { isLeft, left, right, type Either } from '../../fp.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import type { BusinessRuleViolated } from '../../kernel/errors.js';
import type { EventStore } from '../../kernel/event-store.js';
import { withinCoveredDays } from '../../rules/rules-in-force.js';
import type { RuleBook } from '../../rules/types.js';
import { cutAsOf, resolveAsOf } from '../as-of.js';
import type { AsOf, Verdict, VerdictDefinition, VerdictDeps, VerdictKind } from '../verdict.js';
import { dossierVerdict, gatherDossierEvents } from './dossier/index.js';
import { feedbackVerdict, gatherFeedbackEvents } from './feedback/index.js';
import { gatherIncidentEvents, incidentVerdict } from './incident/index.js';
import { gatherOfficerEvents, officerSubjectProblem, officerVerdict } from './officer/index.js';

/**
 * A kind of verdict as the registry holds it: its pure `compute` (what an audit bundle's verifier calls
 * again) and how its events are gathered from a store. A new kind (the dossier's, the officer's) is one
 * more entry: a folder under `audit/verdicts/` with both.
 */
export interface VerdictKindEntry<O = unknown> extends VerdictDefinition<O> {
  /** What the subject is, for messages: `incident id`, `dossier code`. */
  readonly subjectName: string;
  /**
   * What is wrong with a subject as asked, if anything (a malformed one, e.g. an officer's period that is
   * no period): asked for before any event is read. `compute` itself judges whatever subject it is
   * given, so a bundle made before a check was added still verifies.
   */
  readonly subjectProblem?: (subject: string) => string | undefined;
  /**
   * The name of the subject's second part, when it has one (an officer's `period`): the subject is
   * `<id>/<part>`, which a command line takes as one argument or as two.
   */
  readonly qualifier?: string;
  /** Every event the verdict may rest on, uncut: `computeVerdictFromStore` cuts them at the moment asked. */
  readonly gather: (store: EventStore, tenantId: string, subject: string) => Promise<readonly RecordedEvent[]>;
}

export const BUILT_IN_VERDICTS: readonly VerdictKindEntry[] = [
  { ...incidentVerdict, subjectName: 'incident id', gather: gatherIncidentEvents } as VerdictKindEntry,
  { ...feedbackVerdict, subjectName: 'feedback id', gather: gatherFeedbackEvents } as VerdictKindEntry,
  { ...dossierVerdict, subjectName: 'dossier code', gather: gatherDossierEvents } as VerdictKindEntry,
  { ...officerVerdict, subjectName: 'officer id and period', subjectProblem: officerSubjectProblem, qualifier: 'period', gather: gatherOfficerEvents } as VerdictKindEntry,
];

export interface VerdictRegistry {
  /** The kinds registered, in registration order. */
  readonly kinds: readonly VerdictKind[];
  definitionOf(kind: VerdictKind): VerdictKindEntry | undefined;
}

export const createVerdictRegistry = (entries: readonly VerdictKindEntry[] = BUILT_IN_VERDICTS): VerdictRegistry => {
  const byKind = new Map<VerdictKind, VerdictKindEntry>();
  for (const entry of entries) {
    if (byKind.has(entry.kind)) throw new Error(`verdict kind ${entry.kind} is registered twice`);
    byKind.set(entry.kind, entry);
  }
  return { kinds: [...byKind.keys()], definitionOf: (kind) => byKind.get(kind) };
};

/** Why no verdict could be given: each with a stable code. */
export type VerdictError =
  | { readonly code: 'VERDICT_KIND_UNKNOWN'; readonly message: string }
  | { readonly code: 'VERDICT_AS_OF_INVALID'; readonly message: string }
  | { readonly code: 'VERDICT_SUBJECT_INVALID'; readonly message: string }
  | { readonly code: 'VERDICT_SUBJECT_NOT_FOUND'; readonly message: string }
  /** A day the verdict needs that no rule set covers, or that the working-day calendar does not compute: the commands' refusals of it. */
  | { readonly code: 'NO_RULE_SET_IN_FORCE' | 'OUTSIDE_CALENDAR'; readonly message: string; readonly details?: Readonly<Record<string, unknown>> };

/**
 * What `compute` gives, or, when it meets a day no rule set of `rules` covers or a year the calendar does
 * not compute (a what-if value counting past the calendar's last day, a fact of the log dated on a day
 * the rules given do not cover), the refusal a command dated that day gets, not a crash.
 */
export const withinCoverage = <R>(rules: Pick<RuleBook, 'ruleSets'>, compute: () => R): Either<VerdictError, R> => {
  const judged = withinCoveredDays(rules, () => right(compute()));
  if (!isLeft(judged)) return judged;
  const { code, message, details } = judged.left as BusinessRuleViolated & { readonly code: 'NO_RULE_SET_IN_FORCE' | 'OUTSIDE_CALENDAR' };
  return left({ code, message, ...(details === undefined ? {} : { details }) });
};

export interface VerdictRequest {
  readonly kind: VerdictKind;
  readonly tenantId: string;
  readonly subject: string;
  /** Absent: the whole log, open deadlines judged `now`. */
  readonly asOf?: AsOf;
}

export interface VerdictStoreOptions {
  readonly registry?: VerdictRegistry;
  readonly now?: () => Date;
}

/**
 * What a verdict on `request` is computed from, read from a store: the kind's definition, the moment
 * resolved, and the subject's events cut at it (`computeVerdictFromStore`, `whatIfFromStore`).
 */
export const verdictInputsFromStore = async (
  store: EventStore,
  request: VerdictRequest,
  options: VerdictStoreOptions = {},
): Promise<Either<VerdictError, { readonly definition: VerdictDefinition; readonly events: readonly RecordedEvent[]; readonly context: { readonly tenantId: string; readonly subject: string; readonly asOf: AsOf } }>> => {
  const registry = options.registry ?? createVerdictRegistry();
  const definition = registry.definitionOf(request.kind);
  if (definition === undefined) {
    return left({ code: 'VERDICT_KIND_UNKNOWN', message: `no ${request.kind} verdict yet (kinds: ${registry.kinds.join(', ')})` });
  }
  const malformed = definition.subjectProblem?.(request.subject);
  if (malformed !== undefined) return left({ code: 'VERDICT_SUBJECT_INVALID', message: malformed });
  const asOf = await resolveAsOf(store, request.tenantId, request.asOf, options.now ?? (() => new Date()));
  if (isLeft(asOf)) return left({ code: 'VERDICT_AS_OF_INVALID', message: asOf.left });
  const gathered = await definition.gather(store, request.tenantId, request.subject);
  if (gathered.length === 0) {
    return left({ code: 'VERDICT_SUBJECT_NOT_FOUND', message: `no ${request.kind} with ${definition.subjectName} ${request.subject} in province ${request.tenantId}` });
  }
  return right({ definition, events: cutAsOf(gathered, asOf.right), context: { tenantId: request.tenantId, subject: request.subject, asOf: asOf.right } });
};

/**
 * A verdict from a store: the moment resolved (a position is judged when the province's log reached it), the
 * kind's events gathered and cut at that moment, then computed. A subject without any event in the
 * store is not found; one whose events all come after the moment gets its "not yet" verdict.
 */
export const computeVerdictFromStore = async (
  store: EventStore,
  request: VerdictRequest,
  deps: VerdictDeps,
  options: VerdictStoreOptions = {},
): Promise<Either<VerdictError, { readonly verdict: Verdict; readonly events: readonly RecordedEvent[] }>> => {
  const found = await verdictInputsFromStore(store, request, options);
  if (isLeft(found)) return found;
  const { definition, events, context } = found.right;
  const computed = withinCoverage(deps.rules, () => definition.compute(events, context, deps));
  if (isLeft(computed)) return computed;
  const verdict = computed.right;
  const used = new Set(verdict.events);
  return right({ verdict, events: events.filter((event) => used.has(event.metadata.globalPosition)) });
};
