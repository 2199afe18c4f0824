import type { WorkingDayCalendar } from '../calendar/types.js';
import { dossierStreamId } from '../dossier/decider.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import type { RuleBook } from '../rules/types.js';
import { changeOf, DOSSIER_READ_MODEL_EVENT_TYPES, type Change } from './dossier-facts/changes.js';
import { tableChanges, touch, untilFirstCommit } from './engine/table-changes.js';
import { evolveFacts } from './dossier-facts/facts.js';
import { lastDayOf, type Grain } from './dossier-facts/periods.js';
import { noteDay, noteUnit } from './dossier-facts/day-index.js';
import { remember } from './dossier-facts/refs.js';
import { initialDossierReadModelsState, newDossierFacts, withAllTables, type DossierReadModelsState } from './dossier-facts/state.js';
import type { Projection } from './engine/projection.js';
import { byProvince, byProvinceReadModel, type ProvinceTables } from './by-province.js';
import type { ExplainableReadModel } from '../read-side/explain/explanation.js';
import { roundTo } from '../read-side/explain/re-add.js';
import { applyToCircular01, citizenComparison, derivedIndices, scoringPolicyOf, type Circular01Dimension } from './satisfaction/circular01.js';
import { createCircular01ReadModel } from './satisfaction/circular01-explain.js';
import { circular01Figures } from './satisfaction/circular01-figures.js';
import { applyToFeedback } from './satisfaction/feedback-handling.js';
import { applyRatingToSipas, type SipasDimension, type SipasMetric } from './satisfaction/sipas.js';
import { createSipasReadModel, sipasIndex } from './satisfaction/sipas-explain.js';
import type { UnitLevelInputs } from './satisfaction/unit-level-inputs.js';
import { applyReceiptToIntake, serviceIndex, type ServiceIndexDimension } from './service-index/service-index.js';
import { createServiceIndexReadModel } from './service-index/service-index-explain.js';
import { applyReturnToTimeliness, timelinessFigures, type TimelinessDimension } from './timeliness/timeliness.js';
import { createTimelinessReadModel } from './timeliness/timeliness-explain.js';
import { applyToUnitBoard, unitBoardDay } from './unit-board/unit-board.js';
import { createUnitBoardReadModel } from './unit-board/unit-board-explain.js';

export interface DossierReadModelsConfig {
  /** The working-day calendar the average working days to return are counted on. */
  readonly calendar: WorkingDayCalendar;
  /** Rule sets: TT01 scoring policy, rounding, apology notice. */
  readonly rules: RuleBook;
  /** Figures no event carries, by province (tenant id); decode each with `decodeUnitLevelInputs`. */
  readonly inputs?: Readonly<Record<string, UnitLevelInputs>>;
  /** Projection name; default `dossier-read-models`. */
  readonly name?: string;
}

type DossierChange = Exclude<Change, { kind: 'complaint-reported' | 'complaint-concluded' | 'feedback-received' | 'feedback-handled' }>;

/**
 * The dossier-side read models as one projection over the log (one read of each event feeds all of
 * them): the unit board, timeliness statistics, TT01 satisfaction evaluation, the SIPAS-style index
 * and the Decision 766 service index, each with an `ExplainableReadModel` over the shared state.
 * The state is updated in place (`mutable`): it holds per-dossier facts and counter rows, and copying
 * it per event would make a build quadratic.
 */
export const createDossierReadModels = (config: DossierReadModelsConfig) => {
  const { calendar, rules } = config;
  const inputsOf = (tenantId: string): UnitLevelInputs => config.inputs?.[tenantId] ?? {};

  const onDossier = (state: DossierReadModelsState, change: DossierChange, event: RecordedEvent): void => {
    const existing = state.dossiers[change.code];
    if (change.kind === 'rated' && existing?.rated !== undefined) return; // rated once (the decider refuses a second)
    // Everything that may throw comes before the first update.
    const workingDays =
      change.kind === 'returned' && existing?.received !== undefined ? calendar.workingDaysBetween(existing.received, change.date) : undefined;
    const required = change.kind === 'apology' ? (rules.byId(change.ruleSet)?.apology.minWorkingDaysBeforeDue ?? 1) : 0;
    const facts = existing ?? newDossierFacts(event.metadata.streamId, event.metadata.tenantId);
    if (existing === undefined) state.dossiers[change.code] = facts;
    touch(state.dossiers, change.code);
    applyToUnitBoard(state, change, facts, workingDays);
    const { received, returned, closed } = facts;
    evolveFacts(facts, change, workingDays);
    if (change.kind === 'received' || change.kind === 'returned' || change.kind === 'withdrawn' || (change.kind === 'rated' && facts.rated !== undefined)) {
      noteDay(state, change.code, change.date, change.kind === 'received' ? [] : [received, returned, closed]);
    }
    if (change.kind === 'received' && received === undefined) noteUnit(state, change.unit, change.code, change.date);
    remember(facts, event);
    switch (change.kind) {
      case 'received':
        applyReceiptToIntake(state, facts);
        return;
      case 'apology':
        facts.apology = { date: change.date, workingDaysBefore: change.workingDaysBefore, required, ruleSet: change.ruleSet };
        return;
      case 'returned':
        applyReturnToTimeliness(state, facts);
        applyToCircular01(state, facts, rules);
        return;
      case 'rated':
        applyRatingToSipas(state, facts);
        return;
      default:
        return;
    }
  };

  const handle = (stored: DossierReadModelsState, event: RecordedEvent): DossierReadModelsState => {
    const change = changeOf(event);
    if (change === undefined) return stored;
    const state = withAllTables(stored);
    const { streamId, streamVersion, globalPosition } = event.metadata;
    switch (change.kind) {
      case 'complaint-reported':
        state.incidents[change.incident] = [change.code, streamVersion, globalPosition];
        touch(state.incidents, change.incident);
        return state;
      case 'complaint-concluded': {
        const reported = state.incidents[change.incident];
        if (reported === undefined || !change.substantiated) return state;
        const [code, reportVersion, reportPosition] = reported;
        const facts = (state.dossiers[code] ??= newDossierFacts(dossierStreamId(event.metadata.tenantId, code), event.metadata.tenantId));
        touch(state.dossiers, code);
        facts.complaint = true;
        (facts.otherRefs ??= []).push([streamId, reportVersion, reportPosition, 'IncidentReported'], [streamId, streamVersion, globalPosition, event.type]);
        applyToCircular01(state, facts, rules);
        return state;
      }
      case 'feedback-received':
      case 'feedback-handled':
        applyToFeedback(state, change, event);
        return state;
      default:
        onDossier(state, change, event);
        return state;
    }
  };

  const inOneProvince: Projection<DossierReadModelsState> = {
    name: config.name ?? 'dossier-read-models',
    // 2: praise (khen) no longer counts as feedback to handle; 3: unit board counts kept by month;
    // 4: dossiers indexed by day (those with events, and receipts per unit); 5: kept by province.
    version: 5,
    mutable: true,
    eventTypes: DOSSIER_READ_MODEL_EVENT_TYPES,
    changes: tableChanges<DossierReadModelsState>(),
    initialState: () => untilFirstCommit(initialDossierReadModelsState()),
    handle,
  };
  /** Kept by province: unit, officer and feedback ids are a province's own. */
  const projection = byProvince(inOneProvince);

  // A state loaded from a store may lack its empty tables: every reader fills them in first.
  const complete = (readModel: ExplainableReadModel<DossierReadModelsState>): ExplainableReadModel<DossierReadModelsState> => ({
    name: readModel.name,
    keys: (state) => readModel.keys(withAllTables(state)),
    explain: (state, key) => readModel.explain(withAllTables(state), key),
  });
  /** Keys `<tenantId>/<key>`; a read model on inputs gets its province's. */
  const byProvinceOn = (create: (inputs: UnitLevelInputs) => ExplainableReadModel<DossierReadModelsState>) => {
    const built = new Map<string, ExplainableReadModel<DossierReadModelsState>>();
    const of = (tenantId: string) => {
      let readModel = built.get(tenantId);
      if (readModel === undefined) built.set(tenantId, (readModel = complete(create(inputsOf(tenantId)))));
      return readModel;
    };
    return byProvinceReadModel(projection, { name: create({}).name, of });
  };
  const readModels = {
    unitBoard: byProvinceReadModel(projection, complete(createUnitBoardReadModel(rules))),
    timeliness: byProvinceReadModel(projection, complete(createTimelinessReadModel(rules))),
    circular01: byProvinceOn((inputs) => createCircular01ReadModel(rules, inputs)),
    sipas: byProvinceReadModel(projection, complete(createSipasReadModel(rules))),
    serviceIndex: byProvinceOn((inputs) => createServiceIndexReadModel(rules, inputs)),
  };

  const modeAt = (grain: Grain, period: string) => rules.inForceAt(lastDayOf(grain, period)).indexRounding;
  const of = (state: ProvinceTables, tenantId: string) => withAllTables(projection.province(state, tenantId));

  /** The figures readers ask for in one province, straight from the counters (no scan of dossiers). */
  const queries = {
    unitBoard: (state: ProvinceTables, tenantId: string, unitId: string, date: string) =>
      unitBoardDay(of(state, tenantId), unitId, date, (value) => roundTo(value, 1, modeAt('day', date))),
    timeliness: (state: ProvinceTables, tenantId: string, dimension: TimelinessDimension, id: string, grain: Grain, period: string) =>
      timelinessFigures(of(state, tenantId), dimension, id, grain, period, modeAt(grain, period)),
    circular01: (state: ProvinceTables, tenantId: string, dimension: Circular01Dimension, id: string, grain: Grain, period: string) =>
      circular01Figures(of(state, tenantId), rules, inputsOf(tenantId), dimension, id, grain, period),
    sipas: (state: ProvinceTables, tenantId: string, dimension: SipasDimension, id: string, grain: Grain, period: string, metric: SipasMetric = 'overall') =>
      sipasIndex(of(state, tenantId), dimension, id, grain, period, metric, rules),
    serviceIndex: (state: ProvinceTables, tenantId: string, dimension: ServiceIndexDimension, id: string, grain: Grain, period: string) =>
      serviceIndex(of(state, tenantId), rules, inputsOf(tenantId), dimension, id, grain, period),
    /** A dossier's derived TT01 indices beside the citizen's own, with disagreements flagged. */
    dossierIndices: (state: ProvinceTables, tenantId: string, code: string) => {
      const facts = of(state, tenantId).dossiers[code];
      if (facts === undefined) return undefined;
      const policy = scoringPolicyOf(rules, facts.ruleSet);
      const derived = derivedIndices(facts, policy);
      return { policy: policy.version, derived, citizen: facts.citizen, comparison: citizenComparison(facts, rules) };
    },
  };

  return { projection, readModels, all: Object.values(readModels), queries };
};

export type DossierReadModels = ReturnType<typeof createDossierReadModels>;
