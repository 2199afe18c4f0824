import type { RuleBook } from '../../../rules/types.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { countStep, percentSteps, ruleSetsInOrder } from '../../explain/build.js';
import type { ArithmeticStep } from '../../explain/explanation.js';
import type { ExplainedFigure, Figure } from '../../read-model.js';
import { documentPrefix, idOfKeyPart, keyPart, parseDocumentKey } from '../../vocabulary/document-key.js';
import { datedDocumentsIn } from '../../vocabulary/listing.js';
import { orderedPositions } from '../../vocabulary/event-ref.js';
import { isDatedGrain, parsePeriodOf, type DatedGrain } from '../../vocabulary/period.js';
import { dossierKey } from '../dossier-support/index.js';
import { countsKey, returnedDossier, TIMELINESS, type ReturnedDossier, type TimelinessDimension, type TimelinessDocument } from './projection.js';
import {
  countersOf,
  countsAt,
  figureCountsAt,
  figuresOf,
  holds,
  lineageCountsAt,
  TIMELINESS_FIGURE_DIMENSIONS,
  type TimelinessFigureDimension,
  type TimelinessLineageCounts, ruleSetOfPeriod,   ruleSetsCounted,
  TIMELINESS_METRIC_NAMES,
  TIMELINESS_METRICS,
  type Counter,
  type TimelinessMetric,
} from './queries.js';

/** `<tenant>/timeliness/<dimension|lineage>/<id>/<grain>/<period>/<metric>`, parsed; undefined for any other key. */
export const parseTimelinessKey = (key: string) => {
  const parsed = parseDocumentKey(key);
  if (parsed === undefined || parsed.parts.length !== 6) return undefined;
  const [root, dimension, id, grain, period, metric] = parsed.parts as [string, string, string, string, string, string];
  if (root !== TIMELINESS || !(TIMELINESS_FIGURE_DIMENSIONS as readonly string[]).includes(dimension) || !isDatedGrain(grain)) return undefined;
  if (parsePeriodOf(grain, period) === undefined || !(TIMELINESS_METRIC_NAMES as readonly string[]).includes(metric)) return undefined;
  return { tenantId: parsed.tenantId, dimension: dimension as TimelinessFigureDimension, id: idOfKeyPart(id), grain, period, metric: metric as TimelinessMetric };
};

/** Counters judged against a due date: their explanation says which day each dossier was judged on. */
const JUDGED: readonly Counter[] = ['early', 'onDay', 'late', 'lateAgainstOriginal', 'lateWithTimelyApology'];
/** Metrics whose explanation lists each apologised dossier with both of its dates. */
const APOLOGY_DATES_SHOWN: readonly TimelinessMetric[] = ['earlyShare', 'onDayShare', 'lateShare', 'onTimeRate', 'lateAgainstOriginalRate', 'apologyCompliance'];

/**
 * One step per apologised dossier, showing both dates (docs/domain/dossier-lifecycle.md §5): judged
 * against the original due date (1 when late), the apology's new date shown beside it.
 */
const apologisedDossiers = (members: readonly ReturnedDossier[]): ArithmeticStep[] =>
  members
    .filter((member) => member.resolution.dueDate !== member.resolution.originalDueDate)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((member) => {
      const { judgedAt, date, originalDueDate, dueDate, timeliness, timelinessAgainstDueDate } = member.resolution;
      const late = timeliness === 'late' ? 1 : 0;
      return {
        label: `dossier ${member.code}: ${judgedAt === 'ready' ? 'ready at the desk' : 'returned'} ${date}; original due date ${originalDueDate} → ${timeliness} (counted); apology's new date ${dueDate} → ${timelinessAgainstDueDate} (shown only); late`,
        op: 'copy',
        inputs: [late],
        result: late,
      };
    });

/** Records read at once while listing a row's dossiers. */
const READ_AT_ONCE = 256;

/**
 * The dossiers returned in the period that the row counted: the codes its day counters name (for the
 * province, also those its units' day counters name), then their records (`<tenant>/dossier/<code>`).
 */
export const membersOf = async (
  documents: DocumentQuery<TimelinessDocument>,
  tenantId: string,
  dimension: TimelinessDimension,
  id: string,
  grain: DatedGrain,
  period: string,
): Promise<ReturnedDossier[]> => {
  const parsed = parsePeriodOf(grain, period);
  if (parsed === undefined) return [];
  const codes: string[] = [];
  for (const [day, document] of await datedDocumentsIn(documents, documentPrefix(tenantId, TIMELINESS, dimension, keyPart(id), 'day'), parsed, 'day')) {
    if (document.kind !== 'counts' || !('codes' in document)) continue;
    codes.push(...document.codes);
    for (const unit of document.units ?? []) {
      const unitDay = await documents.get(countsKey(tenantId, 'unit', unit, 'day', day));
      if (unitDay?.kind === 'counts' && 'codes' in unitDay) codes.push(...unitDay.codes);
    }
  }
  const members: ReturnedDossier[] = [];
  for (let from = 0; from < codes.length; from += READ_AT_ONCE) {
    const chunk = codes.slice(from, from + READ_AT_ONCE);
    const records = await Promise.all(chunk.map((code) => documents.get(dossierKey(tenantId, code))));
    records.forEach((record, i) => {
      if (record?.kind === 'returned') members.push(returnedDossier(chunk[i] as string, record));
    });
  }
  return members;
};

/**
 * A figure of a row, from the dossiers it counted. A `lineage` figure lists the dossiers of the unit
 * and of every unit merged into it by the period's last day, adds their counts up (one `sum` step per
 * count, naming the units, when a merger applies) and counts the merger events among its contributions.
 */
export const explainTimeliness = async (rules: RuleBook, documents: DocumentQuery<TimelinessDocument>, key: string): Promise<ExplainedFigure | undefined> => {
  const parsed = parseTimelinessKey(key);
  if (parsed === undefined) return undefined;
  const { tenantId, dimension, id, grain, period, metric } = parsed;
  // A lineage figure's counters are read once, for the figure and its explanation.
  const lineage: TimelinessLineageCounts | undefined = dimension === 'lineage' ? await lineageCountsAt(documents, tenantId, id, grain, period) : undefined;
  const counts = dimension === 'lineage' ? lineage?.counts : await countsAt(documents, tenantId, dimension, id, grain, period);
  const ruleSet = ruleSetOfPeriod(rules, grain, period);
  if (counts === undefined || ruleSet === undefined) return undefined;
  const figures = figuresOf(rules, counts, grain, period);
  const scopes: readonly (readonly [TimelinessDimension, string])[] = lineage === undefined ? [[dimension as TimelinessDimension, id]] : lineage.byUnit.map(([unit]) => ['unit', unit] as const);
  const byScope: ReturnedDossier[][] = [];
  for (const [scope, scopeId] of scopes) byScope.push(await membersOf(documents, tenantId, scope, scopeId, grain, period));
  const members = byScope.flat();
  // With a merger, each count is the sum of the units' own.
  const summed = lineage !== undefined && lineage.lineage.mergers.length > 0;
  const units = scopes.map(([, unit]) => unit).join(', ');
  const spec: { count: Counter } | { part: readonly Counter[]; whole: Counter } = TIMELINESS_METRICS[metric];
  const steps: ArithmeticStep[] = [];
  const count = (counter: Counter) => {
    const counted = members.filter((member) => holds(rules, counter, member));
    const n = counted.length;
    if (summed) {
      const perUnit = byScope.map((unitMembers) => unitMembers.filter((member) => holds(rules, counter, member)).length);
      steps.push({ label: `dossiers ${counter} of ${units}`, op: 'sum', inputs: perUnit, result: n });
    }
    if (!JUDGED.includes(counter)) {
      steps.push(countStep(`dossiers ${counter}`, n));
      return n;
    }
    // Which day each was judged on: the result's arrival at the desk, or the return for a log without it.
    const atReady = counted.filter((member) => member.resolution.judgedAt === 'ready').length;
    steps.push(
      countStep(`dossiers ${counter}, judged on the day the result reached the desk, against the original due date`, atReady),
      countStep(`dossiers ${counter}, judged on the return day (no ResultReady recorded), against the original due date`, n - atReady),
      { label: `dossiers ${counter}`, op: 'sum', inputs: [atReady, n - atReady], result: n },
    );
    return n;
  };
  if (APOLOGY_DATES_SHOWN.includes(metric)) steps.push(...apologisedDossiers(members));
  let notMeasured: string | undefined;
  if ('count' in spec) {
    count(spec.count);
  } else {
    const parts = spec.part.map(count);
    const part = parts.reduce((a, b) => a + b, 0);
    if (parts.length > 1) steps.push({ label: 'numerator', op: 'sum', inputs: parts, result: part });
    const whole = count(spec.whole);
    if (whole === 0) notMeasured = `no dossier ${spec.whole} in ${period}`;
    else steps.push(...percentSteps(metric, part, whole, 1, ruleSet.indexRounding));
  }
  const used = 'count' in spec ? members.filter((member) => holds(rules, spec.count, member)) : members;
  // The share of three or more trips rests on the visits in person too.
  const positions = used.flatMap((member) => (metric === 'threeOrMoreTripsShare' ? [...member.events, ...member.visits] : member.events));
  return {
    readModel: TIMELINESS,
    key,
    value: figures?.[metric] ?? null,
    ...(notMeasured === undefined ? {} : { notMeasured }),
    ruleSetVersions: ruleSetsInOrder(rules, [ruleSet.id, ...used.flatMap((member) => [member.ruleSet ?? '', member.apology?.ruleSet ?? '']).filter(Boolean)]),
    contributions: orderedPositions(lineage === undefined ? positions : [...positions, ...lineage.lineage.mergers.map((merger) => merger.p)]),
    steps,
  };
};

/**
 * The figure of `key` from its row's counters alone, without listing the dossiers behind it: the
 * figure part of `explainTimeliness` (its value, why it is not measured, and the rule sets of the
 * period and of the dossiers and apologies it rests on).
 */
export const timelinessFigure = async (rules: RuleBook, documents: DocumentQuery<TimelinessDocument>, key: string): Promise<Figure | undefined> => {
  const parsed = parseTimelinessKey(key);
  if (parsed === undefined) return undefined;
  const { tenantId, dimension, id, grain, period, metric } = parsed;
  const counts = await figureCountsAt(documents, tenantId, dimension, id, grain, period);
  const ruleSet = ruleSetOfPeriod(rules, grain, period);
  if (counts === undefined || ruleSet === undefined) return undefined;
  const spec: { count: Counter } | { part: readonly Counter[]; whole: Counter } = TIMELINESS_METRICS[metric];
  const notMeasured = 'whole' in spec && countersOf(rules, counts)[spec.whole] === 0 ? `no dossier ${spec.whole} in ${period}` : undefined;
  return {
    readModel: TIMELINESS,
    key,
    value: figuresOf(rules, counts, grain, period)?.[metric] ?? null,
    ...(notMeasured === undefined ? {} : { notMeasured }),
    ruleSetVersions: ruleSetsInOrder(rules, [ruleSet.id, ...ruleSetsCounted(rules, counts, metric)]),
  };
};
