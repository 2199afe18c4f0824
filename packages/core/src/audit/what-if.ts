import type { WorkingDayCalendar } from '../calendar/types.js';
import { isLeft, left, right, type Either } from '../fp.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import type { EventStore } from '../kernel/event-store.js';
import { createRuleBook } from '../rules/rule-book.js';
import type { RuleBook, RuleSet } from '../rules/types.js';
import type { AsOf, Verdict, VerdictDefinition, VerdictDeps, VerdictStep } from './verdict.js';
import { verdictInputsFromStore, withinCoverage, type VerdictError, type VerdictRequest, type VerdictStoreOptions } from './verdicts/registry.js';

/**
 * What-if (docs/audit.md, "What-if"; ADR 0003): the same verdict computed twice from the same events
 * and the same moment, once with the rules and calendar given (the base) and once with an
 * alternative (a rule book whose rule sets carry another value, another calendar version), side by
 * side, with each difference named.
 *
 * The events are not decided again: a due date, a clock policy or a rating an event records is the
 * one the rules in force gave then, and stays the one judged. Where a kind judges recorded values, the
 * alternative shows in the steps that recompute them (`recomputedDueDate`, `rulePolicy`…): what the
 * other rules would have given, beside what was decided. `recordedFacts` says so in words.
 */

type Scalar = string | number | boolean | null;

/** One value the alternative changes: a rule-set field, or the calendar version. */
export interface WhatIfChange {
  readonly what: 'rule' | 'calendar';
  /** The rule set changed (`rule` only). */
  readonly ruleSetId?: string;
  /** The rule-set field by its path (`supplementClockPolicy`, `incidentStepDeadlineWorkingDays.acknowledge`), or `version`. */
  readonly field: string;
  readonly base?: Scalar;
  readonly alternative?: Scalar;
  /** Whether the base verdict applied that rule set (a change to a set it never read cannot move it). */
  readonly applied: boolean;
}

/** One difference between the two verdicts: where it is, what it was and what it becomes. */
export interface VerdictDifference {
  /** `outcome`: a field of the answer; `step`: a step's finding, rule, values or events; `step-added`/`step-removed`; `versions`; `events`. */
  readonly in: 'outcome' | 'step' | 'step-added' | 'step-removed' | 'versions' | 'events';
  /** The step, by its id, for the step differences. */
  readonly stepId?: string;
  /** What differs: `outcome.deadlines[0].status`, `values.recomputedDueDate`, `finding`, `rule.ruleSetId`, `calendarVersions`. */
  readonly name: string;
  /** The base's value (absent: the base has none). Lists and texts are given whole. */
  readonly base?: Scalar;
  readonly alternative?: Scalar;
  /** The difference in one line of plain words. */
  readonly description: string;
}

export interface WhatIfSide<O = unknown> {
  readonly label: string;
  readonly calendarVersion: string;
  readonly verdict: Verdict<O>;
}

export interface WhatIf<O = unknown> {
  readonly kind: Verdict['kind'];
  readonly tenantId: string;
  readonly subject: string;
  /** The moment both verdicts are computed as of. */
  readonly asOf: Verdict['asOf'];
  readonly base: WhatIfSide<O>;
  readonly alternative: WhatIfSide<O> & { readonly changes: readonly WhatIfChange[] };
  /** Whether the answer itself (the outcome) differs. */
  readonly outcomeChanged: boolean;
  readonly differences: readonly VerdictDifference[];
  /** ADR 0003 in words: what was decided under which rules, and what the alternative can and cannot change. */
  readonly recordedFacts: string;
}

/** The alternative to compute with: a rule book, a calendar, or both; what is not given is the base's. */
export interface WhatIfAlternative {
  /** How reports name it, e.g. `supplementClockPolicy = PAUSE`; default: the changes listed. */
  readonly label?: string;
  readonly rules?: RuleBook;
  readonly calendar?: WorkingDayCalendar;
}

/**
 * A rule book like `rules` in which the rule sets named (by default all) are replaced by a variant:
 * `change` as fields to set (`{ supplementClockPolicy: 'PAUSE' }`) or as a function of the set. The
 * variant keeps its id, since the events name it, so the verdict under it reads the variant's values
 * wherever it reads the recorded set's. A variant the rule-set codec refuses throws, as `createRuleBook`
 * does: values from outside go through `parseWhatIf`.
 */
export const ruleBookVariant = (
  rules: RuleBook,
  change: Partial<RuleSet> | ((set: RuleSet) => RuleSet),
  ruleSetIds?: readonly string[],
): RuleBook =>
  createRuleBook(
    rules.ruleSets.map((set) =>
      ruleSetIds !== undefined && !ruleSetIds.includes(set.id) ? set : typeof change === 'function' ? { ...change(set), id: set.id } : { ...set, ...change, id: set.id },
    ),
    rules.procedures,
  );

// ---------------------------------------------------------------------------------------------- diffs

/** Leaves of a JSON value by path: `a.b[0].c` → scalar; an empty object or list is a leaf of its own. */
const leaves = (value: unknown, path: string, into: Map<string, Scalar>): Map<string, Scalar> => {
  if (Array.isArray(value)) {
    if (value.length === 0) into.set(path, '[]');
    value.forEach((item, i) => leaves(item, `${path}[${i}]`, into));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) into.set(path, '{}');
    for (const [key, v] of entries) leaves(v, path === '' ? key : `${path}.${key}`, into);
  } else if (value !== undefined) {
    into.set(path, typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : String(value));
  }
  return into;
};

const shown = (value: Scalar | undefined): string => (value === undefined ? 'absent' : JSON.stringify(value));

const diffLeaves = (
  base: unknown,
  alternative: unknown,
  prefix: string,
  make: (name: string, b: Scalar | undefined, a: Scalar | undefined) => VerdictDifference,
): VerdictDifference[] => {
  const b = leaves(base, prefix, new Map());
  const a = leaves(alternative, prefix, new Map());
  const names = [...new Set([...b.keys(), ...a.keys()])];
  return names.filter((name) => b.get(name) !== a.get(name)).map((name) => make(name, b.get(name), a.get(name)));
};

const listText = (list: readonly (string | number)[]): string => list.join(', ');

const stepDifferences = (base: VerdictStep, alternative: VerdictStep): VerdictDifference[] => {
  const stepId = base.id;
  const out: VerdictDifference[] = [];
  const add = (name: string, b: Scalar | undefined, a: Scalar | undefined, description: string) =>
    out.push({ in: 'step', stepId, name, ...(b === undefined ? {} : { base: b }), ...(a === undefined ? {} : { alternative: a }), description });
  out.push(
    ...diffLeaves(base.values ?? {}, alternative.values ?? {}, 'values', (name, b, a) => ({
      in: 'step',
      stepId,
      name,
      ...(b === undefined ? {} : { base: b }),
      ...(a === undefined ? {} : { alternative: a }),
      description: `step ${stepId}: ${name.slice('values.'.length)} ${shown(b)} → ${shown(a)}`,
    })),
  );
  for (const field of ['ruleSetId', 'field', 'source'] as const) {
    const b = base.rule?.[field];
    const a = alternative.rule?.[field];
    if (b !== a) add(`rule.${field}`, b, a, `step ${stepId}: rule ${field} ${shown(b)} → ${shown(a)}`);
  }
  if (listText(base.events) !== listText(alternative.events)) {
    add('events', listText(base.events), listText(alternative.events), `step ${stepId}: rests on events ${listText(base.events) || 'none'} → ${listText(alternative.events) || 'none'}`);
  }
  if (base.finding !== alternative.finding) add('finding', base.finding, alternative.finding, `step ${stepId}: the finding reads "${alternative.finding}" instead of "${base.finding}"`);
  return out;
};

/**
 * Every difference between two verdicts of one subject, by step `id`: the outcome's fields, then each
 * step (its values, rule, events and finding; a step only one side has), then the versions and events.
 * Two verdicts that are equal give none.
 */
export const diffVerdicts = (base: Verdict, alternative: Verdict): readonly VerdictDifference[] => {
  const out: VerdictDifference[] = diffLeaves(base.outcome, alternative.outcome, 'outcome', (name, b, a) => ({
    in: 'outcome',
    name,
    ...(b === undefined ? {} : { base: b }),
    ...(a === undefined ? {} : { alternative: a }),
    description: `${name} ${shown(b)} → ${shown(a)}`,
  }));
  const alternativeSteps = new Map(alternative.steps.map((step) => [step.id, step]));
  const baseIds = new Set(base.steps.map((step) => step.id));
  for (const step of base.steps) {
    const other = alternativeSteps.get(step.id);
    if (other === undefined) out.push({ in: 'step-removed', stepId: step.id, name: 'step', base: step.finding, description: `step ${step.id} is not reached: "${step.finding}"` });
    else out.push(...stepDifferences(step, other));
  }
  for (const step of alternative.steps) {
    if (!baseIds.has(step.id)) out.push({ in: 'step-added', stepId: step.id, name: 'step', alternative: step.finding, description: `step ${step.id} is added: "${step.finding}"` });
  }
  for (const name of ['ruleSetVersions', 'calendarVersions'] as const) {
    const b = listText(base[name]);
    const a = listText(alternative[name]);
    if (b !== a) out.push({ in: 'versions', name, base: b, alternative: a, description: `${name} ${b || 'none'} → ${a || 'none'}` });
  }
  if (listText(base.events) !== listText(alternative.events)) {
    out.push({ in: 'events', name: 'events', base: listText(base.events), alternative: listText(alternative.events), description: `rests on events ${listText(base.events)} → ${listText(alternative.events)}` });
  }
  return out;
};

/** Rule-set fields that say where a value comes from, not what it is: never a change of rules. */
const NOT_RULES = new Set(['title', 'notes', 'provenance', 'legalBasis']);

/** The values the alternative changes, rule set by rule set, then the calendar version. */
export const whatIfChanges = (base: VerdictDeps, alternative: VerdictDeps, applied: readonly string[] = []): readonly WhatIfChange[] => {
  const changes: WhatIfChange[] = [];
  const ids = [...new Set([...base.rules.ruleSets.map((set) => set.id), ...alternative.rules.ruleSets.map((set) => set.id)])];
  for (const ruleSetId of ids) {
    const strip = (set: RuleSet | undefined) => (set === undefined ? undefined : Object.fromEntries(Object.entries(set).filter(([key]) => !NOT_RULES.has(key))));
    const b = base.rules.byId(ruleSetId);
    const a = alternative.rules.byId(ruleSetId);
    if (b === a) continue;
    const isApplied = applied.includes(ruleSetId);
    if (b === undefined || a === undefined) {
      changes.push({ what: 'rule', ruleSetId, field: '(rule set)', ...(b === undefined ? {} : { base: ruleSetId }), ...(a === undefined ? {} : { alternative: ruleSetId }), applied: isApplied });
      continue;
    }
    for (const d of diffLeaves(strip(b), strip(a), '', (name, bv, av) => ({ in: 'outcome', name, ...(bv === undefined ? {} : { base: bv }), ...(av === undefined ? {} : { alternative: av }), description: '' }))) {
      changes.push({ what: 'rule', ruleSetId, field: d.name, ...(d.base === undefined ? {} : { base: d.base }), ...(d.alternative === undefined ? {} : { alternative: d.alternative }), applied: isApplied });
    }
  }
  if (base.calendar.version !== alternative.calendar.version) {
    changes.push({ what: 'calendar', field: 'version', base: base.calendar.version, alternative: alternative.calendar.version, applied: true });
  }
  return changes;
};

const changeText = (change: WhatIfChange): string =>
  change.what === 'calendar' ? `calendar ${shown(change.alternative)} instead of ${shown(change.base)}` : `${change.ruleSetId} ${change.field} = ${shown(change.alternative)} instead of ${shown(change.base)}`;

/** The changes in words: those to rule sets the verdict applied (and the calendar) first; the others counted. */
const changesText = (changes: readonly WhatIfChange[]): string => {
  const applied = changes.filter((change) => change.applied);
  const others = [...new Set(changes.filter((change) => !change.applied).map((change) => change.ruleSetId))];
  if (applied.length === 0) return `${changes.map(changeText).join('; ')} (rule sets this verdict did not apply)`;
  return applied.map(changeText).join('; ') + (others.length === 0 ? '' : ` (and the same in ${others.length} rule set${others.length === 1 ? '' : 's'} this verdict did not apply: ${others.join(', ')})`);
};

const recordedFactsText = (base: Verdict, changes: readonly WhatIfChange[], outcomeChanged: boolean, differences: number): string => {
  const recorded =
    `The facts were decided under the rules and calendar they record (rule set${base.ruleSetVersions.length === 1 ? '' : 's'} ${listText(base.ruleSetVersions) || 'none'}` +
    `${base.calendarVersions.length === 0 ? '' : `, calendar${base.calendarVersions.length === 1 ? '' : 's'} ${listText(base.calendarVersions)}`}; ADR 0003): ` +
    'the due dates, clock policies and decisions they record are not decided again, and stay the ones judged.';
  if (changes.length === 0) return `${recorded} The alternative is the same as the base: nothing differs.`;
  if (differences === 0) return `${recorded} With ${changesText(changes)}, nothing in this verdict differs: it does not read the values changed.`;
  return (
    `${recorded} With ${changesText(changes)}, ` +
    (outcomeChanged
      ? 'the answer differs where the verdict reads those values itself (working days counted, lawfulness, scales), as listed.'
      : 'the answer is the same; the steps that recompute from the rules show what the alternative would have given, as listed.')
  );
};

/**
 * The what-if of a verdict: `definition.compute` with the base deps and with the alternative, on the
 * same events and moment, diffed step by step. Pure, like `compute`.
 */
export const whatIf = <O>(
  definition: VerdictDefinition<O>,
  events: readonly RecordedEvent[],
  subject: { readonly tenantId: string; readonly subject: string; readonly asOf?: AsOf },
  base: VerdictDeps,
  alternative: WhatIfAlternative,
): WhatIf<O> => {
  const alternativeDeps: VerdictDeps = { rules: alternative.rules ?? base.rules, calendar: alternative.calendar ?? base.calendar };
  const baseVerdict = definition.compute(events, subject, base);
  const alternativeVerdict = definition.compute(events, subject, alternativeDeps);
  const changes = whatIfChanges(base, alternativeDeps, baseVerdict.ruleSetVersions);
  const differences = diffVerdicts(baseVerdict, alternativeVerdict);
  const outcomeChanged = differences.some((d) => d.in === 'outcome');
  return {
    kind: baseVerdict.kind,
    tenantId: baseVerdict.tenantId,
    subject: baseVerdict.subject,
    asOf: baseVerdict.asOf,
    base: { label: 'as recorded', calendarVersion: base.calendar.version, verdict: baseVerdict },
    alternative: {
      label: alternative.label ?? (changes.length === 0 ? 'the same rules and calendar' : changesText(changes)),
      calendarVersion: alternativeDeps.calendar.version,
      verdict: alternativeVerdict,
      changes,
    },
    outcomeChanged,
    differences,
    recordedFacts: recordedFactsText(baseVerdict, changes, outcomeChanged, differences.length),
  };
};

/**
 * A what-if from a store: the moment resolved once (so both sides judge open deadlines at the same
 * instant), the kind's events gathered and cut, then `whatIf`. The errors are `computeVerdictFromStore`'s.
 */
export const whatIfFromStore = async (
  store: EventStore,
  request: VerdictRequest,
  base: VerdictDeps,
  alternative: WhatIfAlternative,
  options: VerdictStoreOptions = {},
): Promise<Either<VerdictError, WhatIf>> => {
  const found = await verdictInputsFromStore(store, request, options);
  if (isLeft(found)) return found;
  const { definition, events, context } = found.right;
  return withinCoverage(base.rules, () => whatIf(definition, events, context, base, alternative));
};

/** The events a what-if rests on: those either side's verdict names, in log order, once each. */
export const whatIfEvents = (compared: WhatIf): readonly number[] =>
  [...new Set([...compared.base.verdict.events, ...compared.alternative.verdict.events])].sort((a, b) => a - b);

// -------------------------------------------------------------------------------- alternatives in words

type Settable = string | number | boolean;

const valueOf = (text: string): Settable => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text === 'true' ? true : text === 'false' ? false : text);

const hasPath = (target: unknown, path: readonly string[]): boolean => {
  let at: unknown = target;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return at === null || typeof at !== 'object';
};

const withPath = (target: Readonly<Record<string, unknown>>, path: readonly string[], value: Settable): Record<string, unknown> => {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) return { ...target, [head]: value };
  const inner = target[head];
  return { ...target, [head]: withPath(inner !== null && typeof inner === 'object' ? (inner as Record<string, unknown>) : {}, rest, value) };
};

/** What names and documents a rule set, not one of its rules. */
const NOT_SETTABLE = new Set(['id', 'title', 'provenance']);

/**
 * The fields that can be set where `path` went wrong: under its longest beginning that the rule sets
 * have as an object (`apology.` for `apology.maxPerDay`), else at the top; an object field is shown
 * as `name.…`.
 */
const fieldsToSet = (sets: readonly RuleSet[], path: readonly string[]): string => {
  const objectAt = (set: RuleSet, prefix: readonly string[]): Record<string, unknown> | undefined => {
    const at = prefix.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), set);
    return at !== null && typeof at === 'object' && !Array.isArray(at) ? (at as Record<string, unknown>) : undefined;
  };
  let prefix = path.slice(0, -1);
  while (prefix.length > 0 && !sets.some((set) => objectAt(set, prefix) !== undefined)) prefix = prefix.slice(0, -1);
  const names = new Set<string>();
  for (const set of sets) {
    for (const [key, value] of Object.entries(objectAt(set, prefix) ?? {})) {
      if (prefix.length === 0 && NOT_SETTABLE.has(key)) continue;
      names.add(`${[...prefix, key].join('.')}${value !== null && typeof value === 'object' ? '.…' : ''}`);
    }
  }
  return `fields that can be set: ${[...names].sort().join(', ')}`;
};

const SPEC = /^(?:([a-z0-9][a-z0-9.-]*):)?([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9-]+)*)=(.{1,200})$/;

/**
 * An alternative as a user writes it (`motcua audit <kind> … --what-if`): `field=value` sets a rule-set
 * value in every rule set that has it (`supplementClockPolicy=PAUSE`, `evaluationScale=four-levels-decree-90-2020`,
 * `indexRounding=half-even`, `incidentStepDeadlineWorkingDays.acknowledge=2`), `<ruleSetId>:field=value`
 * in that set only, and `calendar=<version>` takes a published calendar version. Numbers and
 * `true`/`false` are read as such. A field no rule set has, a value of the wrong type or one the rule-set
 * codec refuses, an unknown rule set or calendar version is refused with the reason.
 */
export const parseWhatIf = (
  specs: readonly string[],
  base: VerdictDeps,
  calendars: { readonly has: (version: string) => boolean; readonly calendarFor: (version: string) => WorkingDayCalendar },
): Either<string, WhatIfAlternative> => {
  let sets = base.rules.ruleSets;
  let calendar: WorkingDayCalendar | undefined;
  for (const spec of specs) {
    const match = SPEC.exec(spec.trim());
    if (match === null) return left(`what-if "${spec}": write field=value (e.g. supplementClockPolicy=PAUSE), <ruleSetId>:field=value or calendar=<version>`);
    const [, ruleSetId, field, text] = match as unknown as [string, string | undefined, string, string];
    if (field === 'calendar' && ruleSetId === undefined) {
      if (!calendars.has(text)) return left(`what-if "${spec}": no calendar version ${text} is published here`);
      calendar = calendars.calendarFor(text);
      continue;
    }
    if (ruleSetId !== undefined && !sets.some((set) => set.id === ruleSetId)) return left(`what-if "${spec}": no rule set ${ruleSetId} (${sets.map((set) => set.id).join(', ')})`);
    const path = field.split('.');
    const value = valueOf(text);
    const targets = sets.filter((set) => (ruleSetId === undefined || set.id === ruleSetId) && hasPath(set, path));
    if (targets.length === 0) {
      const scope = sets.filter((set) => ruleSetId === undefined || set.id === ruleSetId);
      return left(`what-if "${spec}": ${ruleSetId === undefined ? `no rule set has a field ${field}` : `${ruleSetId} has no field ${field}`}; ${fieldsToSet(scope, path)}`);
    }
    const wrong = targets.find((set) => {
      const current = path.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], set);
      return current !== null && typeof current !== typeof value;
    });
    if (wrong !== undefined) return left(`what-if "${spec}": ${field} is a ${typeof path.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], wrong)}`);
    const changed = new Set(targets.map((set) => set.id));
    sets = sets.map((set) => (changed.has(set.id) ? (withPath(set as unknown as Record<string, unknown>, path, value) as unknown as RuleSet) : set));
  }
  if (sets === base.rules.ruleSets) return right(calendar === undefined ? {} : { calendar });
  try {
    const rules = createRuleBook(sets, base.rules.procedures);
    return right({ rules, ...(calendar === undefined ? {} : { calendar }) });
  } catch (error) {
    return left(`what-if ${specs.join(' ')}: ${error instanceof Error ? error.message : String(error)}`);
  }
};
