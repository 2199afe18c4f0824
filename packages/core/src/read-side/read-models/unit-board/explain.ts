import type { RuleBook } from '../../../rules/types.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { countStep, ruleSetsInOrder } from '../../explain/build.js';
import type { ArithmeticStep } from '../../explain/explanation.js';
import { roundTo } from '../../explain/re-add.js';
import type { ExplainedFigure } from '../../read-model.js';
import { documentPrefix, idOfKeyPart, keyPart, parseDocumentKey } from '../../vocabulary/document-key.js';
import { orderedPositions } from '../../vocabulary/event-ref.js';
import { parsePeriodOf, periodOf } from '../../vocabulary/period.js';
import { limitOf, UNIT_BOARD, type BoardDossier, type BoardEventType, type Span, type UnitBoardDocument } from './projection.js';
import { boardCountsOn, boardDayOf, boardLineageOn, NO_BOARD_COUNTS, UNIT_BOARD_METRICS, type UnitBoardMetric } from './queries.js';
import { listAll } from '../../vocabulary/listing.js';

/** The root of the lineage boards' figure keys: `<tenant>/board-lineage/<unitId>/<YYYY-MM-DD>/<metric>`. */
export const BOARD_LINEAGE = 'board-lineage';

/** `<tenant>/<board|board-lineage>/<unitId>/<YYYY-MM-DD>/<metric>`, parsed; undefined for any other key. */
export const parseUnitBoardKey = (key: string) => {
  const parsed = parseDocumentKey(key);
  if (parsed === undefined || parsed.parts.length !== 4) return undefined;
  const [root, unitId, date, metric] = parsed.parts as [string, string, string, string];
  if ((root !== 'board' && root !== BOARD_LINEAGE) || parsePeriodOf('day', date) === undefined || !(UNIT_BOARD_METRICS as readonly string[]).includes(metric)) return undefined;
  return { tenantId: parsed.tenantId, unitId: idOfKeyPart(unitId), date, metric: metric as UnitBoardMetric, lineage: root === BOARD_LINEAGE };
};

const covers = (spans: readonly Span[] | undefined, date: string): boolean =>
  spans !== undefined && spans.some(([from, until]) => from <= date && (until === null || date < until));

const DUE_SETTERS: readonly BoardEventType[] = ['DossierReceived', 'SupplementReceived', 'ApologyIssued'];
/** A return is judged against the original due date (its receipt, supplements and apology) on the ready day, else the return day. */
const RETURN_EVENTS: readonly BoardEventType[] = [...DUE_SETTERS, 'ResultReady', 'ResultReturned'];

/** Which dossiers make up a figure on a day, and which of their events show it. */
const MEMBERS: Readonly<Record<Exclude<UnitBoardMetric, 'averageWorkingDaysToReturn'>, { is: (f: BoardDossier, date: string) => boolean; types: readonly BoardEventType[] }>> = {
  received: { is: (f, date) => f.received === date, types: ['DossierReceived'] },
  dueToday: { is: (f, date) => f.due === date && f.withdrawn !== true, types: DUE_SETTERS },
  // Against the due date before any apology, until the result reached the desk (else its return or withdrawal).
  overdue: {
    is: (f, date) => {
      const until = f.ready ?? f.closed;
      return limitOf(f) < date && (until === undefined || until >= date);
    },
    types: [...DUE_SETTERS, 'ResultReady', 'ResultReturned', 'DossierWithdrawn'],
  },
  awaitingSupplement: { is: (f, date) => covers(f.supplement, date), types: ['SupplementRequested', 'SupplementReceived', 'DossierWithdrawn'] },
  withAgency: { is: (f, date) => covers(f.agency, date), types: ['ForwardedToAgency', 'ReturnedFromAgency', 'DossierWithdrawn'] },
  returnedEarly: { is: (f, date) => f.returned === date && f.timeliness === 'early', types: RETURN_EVENTS },
  returnedOnTime: { is: (f, date) => f.returned === date && f.timeliness === 'on-time', types: RETURN_EVENTS },
  returnedLate: { is: (f, date) => f.returned === date && f.timeliness === 'late', types: RETURN_EVENTS },
};

const positionsOf = (dossiers: readonly BoardDossier[], types: readonly BoardEventType[]) => {
  const positions: number[] = [];
  for (const { refs } of dossiers) for (let i = 0; i + 1 < refs.length; i += 2) if (types.includes(refs[i + 1] as BoardEventType)) positions.push(refs[i] as number);
  return orderedPositions(positions);
};

/** The dossiers the board may count on `date`: those still open, and those closed and filed under the day's month. */
const candidatesOn = async (documents: DocumentQuery<UnitBoardDocument>, tenantId: string, unitId: string, date: string): Promise<BoardDossier[]> => {
  const byCode = new Map<string, BoardDossier>();
  for (const prefix of [documentPrefix(tenantId, 'board-open', keyPart(unitId)), documentPrefix(tenantId, 'board-closed', keyPart(unitId), periodOf(date, 'month'))]) {
    for (const [, document] of await listAll(documents, prefix)) if (document.kind === 'dossier') byCode.set(document.code, document);
  }
  return [...byCode.values()];
};

/**
 * A figure of a unit's board on a day, from the dossiers it counts: zeros for a unit with none (a key
 * about a unit its province's log never names has no figure: `withNamedSubjects`). A lineage board's figure (`board-lineage`)
 * counts the dossiers of the unit and of every unit merged into it by that day, with one `sum` step
 * naming the units when a merger applies, and counts the merger events among its contributions.
 */
export const explainUnitBoard = async (rules: RuleBook, documents: DocumentQuery<UnitBoardDocument>, key: string): Promise<ExplainedFigure | undefined> => {
  const parsed = parseUnitBoardKey(key);
  if (parsed === undefined) return undefined;
  const { tenantId, unitId, date, metric } = parsed;
  const lineage = parsed.lineage ? await boardLineageOn(documents, tenantId, unitId, date) : undefined;
  // A unit without a board (no dossier yet, in its lineage too) counts zeros: nothing happened that day.
  const counts = parsed.lineage ? lineage?.counts : await boardCountsOn(documents, tenantId, unitId, date);
  const day = boardDayOf(rules, unitId, date, counts ?? NO_BOARD_COUNTS);
  const mode = rules.inForceAt(date).indexRounding;
  const units = lineage === undefined ? [unitId] : lineage.units;
  const byUnit: BoardDossier[][] = [];
  for (const unit of units) byUnit.push(await candidatesOn(documents, tenantId, unit, date));
  const mine = byUnit.flat();
  const mergers = lineage?.lineage.mergers.map((merger) => merger.p) ?? [];
  // With a merger, a count is the sum of the units' own.
  const sumOver = (is: (f: BoardDossier) => boolean, label: string, total: number): ArithmeticStep[] =>
    mergers.length === 0 ? [] : [{ label: `${label} of ${units.join(', ')}`, op: 'sum', inputs: byUnit.map((own) => own.filter(is).length), result: total }];
  const base = { readModel: UNIT_BOARD, key };
  if (metric === 'averageWorkingDaysToReturn') {
    const returned = mine.filter((f) => f.returned === date);
    const days = returned.map((f) => f.workingDays ?? 0);
    const total = days.reduce((a, b) => a + b, 0);
    const mean = returned.length === 0 ? 0 : total / returned.length;
    const steps: ArithmeticStep[] = [
      ...sumOver((f) => f.returned === date, 'dossiers returned that day', returned.length),
      { label: 'working days from receipt to return, per dossier returned that day', op: 'sum', inputs: days, result: total },
      { label: 'mean working days', op: 'ratio', inputs: [total, returned.length], result: mean },
      { label: 'rounded to 1 decimal', op: 'round', inputs: [mean], digits: 1, mode, result: roundTo(mean, 1, mode) },
    ];
    return {
      ...base,
      value: day.averageWorkingDaysToReturn,
      ...(returned.length === 0 ? { notMeasured: 'no dossier was returned that day', steps: [] } : { steps }),
      ruleSetVersions: ruleSetsInOrder(rules, [...returned.map((f) => f.ruleSet), rules.inForceAt(date).id]),
      contributions: orderedPositions([...positionsOf(returned, ['DossierReceived', 'ResultReturned']), ...mergers]),
    };
  }
  const rule = MEMBERS[metric];
  const members = mine.filter((f) => rule.is(f, date));
  return {
    ...base,
    value: day[metric],
    ruleSetVersions: ruleSetsInOrder(rules, members.map((f) => f.ruleSet)),
    contributions: orderedPositions([...positionsOf(members, rule.types), ...mergers]),
    steps: [...sumOver((f) => rule.is(f, date), `dossiers ${metric} on ${date}`, members.length), countStep(`dossiers of ${unitId}: ${metric} on ${date}`, members.length)],
  };
};
