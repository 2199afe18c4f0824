import type { RuleBook } from '../../rules/types.js';
import { countStep, explanation, inGlobalOrder, ruleSetsInOrder } from '../../read-side/explain/build.js';
import type { ArithmeticStep, ExplainableReadModel, Explanation } from '../../read-side/explain/explanation.js';
import { roundTo } from '../../read-side/explain/re-add.js';
import { isPeriod } from '../dossier-facts/periods.js';
import { dossiersIn, dossiersOfUnit } from '../dossier-facts/day-index.js';
import { refsOf } from '../dossier-facts/refs.js';
import type { DossierFacts, DossierReadModelsState } from '../dossier-facts/state.js';
import { UNIT_BOARD_METRICS, unitBoardDay, type UnitBoardMetric } from './unit-board.js';

export const UNIT_BOARD = 'unit-board';

/** `board/<unitId>/<YYYY-MM-DD>/<metric>`, metric one of `UNIT_BOARD_METRICS`. */
export const unitBoardKey = (unitId: string, date: string, metric: UnitBoardMetric): string => `board/${unitId}/${date}/${metric}`;

const covers = (spans: readonly [string, string | null][] | undefined, date: string): boolean =>
  spans !== undefined &&
  spans.some(([from, until]) => from <= date && (until === null || date < until));

const DUE_SETTERS = ['DossierReceived', 'SupplementReceived', 'ApologyIssued'];

/** Which dossiers make up a metric on a day, and which of their events show it. */
const MEMBERS: Readonly<Record<Exclude<UnitBoardMetric, 'averageWorkingDaysToReturn'>, { is: (f: DossierFacts, date: string) => boolean; types: string[] }>> = {
  received: { is: (f, date) => f.received === date, types: ['DossierReceived'] },
  dueToday: { is: (f, date) => f.due === date && f.withdrawn !== true, types: DUE_SETTERS },
  overdue: {
    is: (f, date) => f.due !== undefined && f.due < date && (f.closed === undefined || f.closed >= date),
    types: [...DUE_SETTERS, 'ResultReturned', 'DossierWithdrawn'],
  },
  awaitingSupplement: { is: (f, date) => covers(f.supplementSpans, date), types: ['SupplementRequested', 'SupplementReceived', 'DossierWithdrawn'] },
  withAgency: { is: (f, date) => covers(f.agencySpans, date), types: ['ForwardedToAgency', 'ReturnedFromAgency', 'DossierWithdrawn'] },
  returnedEarly: { is: (f, date) => f.returned === date && f.timeliness === 'early', types: ['DossierReceived', 'ResultReturned'] },
  returnedOnTime: { is: (f, date) => f.returned === date && f.timeliness === 'on-time', types: ['DossierReceived', 'ResultReturned'] },
  returnedLate: { is: (f, date) => f.returned === date && f.timeliness === 'late', types: ['DossierReceived', 'ResultReturned'] },
};

export const createUnitBoardReadModel = (rules: RuleBook): ExplainableReadModel<DossierReadModelsState> => {
  const modeOn = (date: string) => rules.inForceAt(date).indexRounding;
  const explain = (state: DossierReadModelsState, key: string): Explanation | undefined => {
    const [root, unitId, date, metric, ...rest] = key.split('/');
    if (root !== 'board' || unitId === undefined || date === undefined || !isPeriod('day', date) || rest.length > 0) return undefined;
    if (!(UNIT_BOARD_METRICS as readonly string[]).includes(metric ?? '')) return undefined;
    const mode = modeOn(date);
    const day = unitBoardDay(state, unitId, date, (v) => roundTo(v, 1, mode));
    if (day === undefined) return undefined;
    // Receipts and returns of the day are indexed by month; dossiers open on the day may be from any month.
    const open = metric === 'dueToday' || metric === 'overdue' || metric === 'awaitingSupplement' || metric === 'withAgency';
    const candidates = open ? dossiersOfUnit(state, unitId) : dossiersIn(state, 'day', date);
    const mine = candidates.filter((f) => f.unit === unitId && f.received !== undefined);
    const base = { readModel: UNIT_BOARD, key };
    if (metric === 'averageWorkingDaysToReturn') {
      const returned = mine.filter((f) => f.returned === date);
      const days = returned.map((f) => f.workingDays ?? 0);
      const total = days.reduce((a, b) => a + b, 0);
      const steps: ArithmeticStep[] = [
        { label: 'working days from receipt to return, per dossier returned that day', op: 'sum', inputs: days, result: total },
        { label: 'mean working days', op: 'ratio', inputs: [total, returned.length], result: returned.length === 0 ? 0 : total / returned.length },
      ];
      const mean = steps[1]?.result ?? 0;
      steps.push({ label: 'rounded to 1 decimal', op: 'round', inputs: [mean], digits: 1, mode, result: roundTo(mean, 1, mode) });
      return explanation({
        ...base,
        value: day.averageWorkingDaysToReturn,
        ...(returned.length === 0 ? { notMeasured: 'no dossier was returned that day', steps: [] } : { steps }),
        ruleSetVersions: ruleSetsInOrder(rules, [...returned.map((f) => f.ruleSet ?? ''), rules.inForceAt(date).id].filter(Boolean)),
        contributions: inGlobalOrder(returned.flatMap((f) => refsOf(f, ['DossierReceived', 'ResultReturned']))),
      });
    }
    const rule = MEMBERS[metric as keyof typeof MEMBERS];
    const members = mine.filter((f) => rule.is(f, date));
    return explanation({
      ...base,
      value: day[metric as keyof typeof MEMBERS],
      ruleSetVersions: ruleSetsInOrder(rules, members.map((f) => f.ruleSet ?? '').filter(Boolean)),
      contributions: inGlobalOrder(members.flatMap((f) => refsOf(f, rule.types))),
      steps: [countStep(`dossiers of ${unitId}: ${metric} on ${date}`, members.length)],
    });
  };
  const keys = (state: DossierReadModelsState): string[] => {
    const days = new Map<string, Set<string>>();
    for (const [key, board] of Object.entries(state.board)) {
      const unitId = key.slice(0, key.lastIndexOf('/'));
      const ofUnit = days.get(unitId) ?? new Set<string>();
      days.set(unitId, ofUnit);
      for (const counts of Object.values(board)) for (const day of Object.keys(counts)) ofUnit.add(day);
    }
    return [...days].flatMap(([unitId, ofUnit]) => [...ofUnit].sort().flatMap((date) => UNIT_BOARD_METRICS.map((metric) => unitBoardKey(unitId, date, metric))));
  };
  return { name: UNIT_BOARD, keys, explain };
};
