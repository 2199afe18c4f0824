/**
 * Dossier-side read models: unit board, timeliness, TT01 satisfaction evaluation, SIPAS-style index
 * and the Decision 766 service index, one projection (`createDossierReadModels`) with an
 * `ExplainableReadModel` per figure family. Keys are documented beside each read model.
 */
export { createDossierReadModels, type DossierReadModels, type DossierReadModelsConfig } from './dossier-read-models-projection.js';
export { initialDossierReadModelsState, type DossierReadModelsState, type DossierFacts } from './dossier-facts/state.js';
export { GRAINS as DOSSIER_PERIOD_GRAINS, periodOf as dossierPeriodOf, type Grain as DossierPeriodGrain } from './dossier-facts/periods.js';
export { UNIT_BOARD, unitBoardKey } from './unit-board/unit-board-explain.js';
export { UNIT_BOARD_METRICS } from './unit-board/unit-board.js';
export type { UnitBoardDay, UnitBoardMetric } from './unit-board/unit-board.js';
export { TIMELINESS } from './timeliness/timeliness-explain.js';
export { TIMELINESS_DIMENSIONS, TIMELINESS_METRICS, type TimelinessDimension, type TimelinessFigures, type TimelinessMetric } from './timeliness/timeliness.js';
export { CIRCULAR01 } from './satisfaction/circular01-explain.js';
export {
  agencyBand as circular01AgencyBand,
  officerBand as circular01OfficerBand,
  DERIVED_INDICES as CIRCULAR01_DERIVED_INDICES,
  UNIT_LEVEL_INDICES as CIRCULAR01_UNIT_LEVEL_INDICES,
  type Circular01Dimension,
} from './satisfaction/circular01.js';
export type { Circular01Figures, UnitLevelIndex } from './satisfaction/circular01-figures.js';
export { SIPAS } from './satisfaction/sipas-explain.js';
export { SIPAS_METRICS, type SipasDimension, type SipasMetric } from './satisfaction/sipas.js';
export { UnitLevelInputs, decodeUnitLevelInputs } from './satisfaction/unit-level-inputs.js';
export { SERVICE_INDEX } from './service-index/service-index-explain.js';
export { COMPONENTS as SERVICE_INDEX_COMPONENTS, MAX_POINTS as SERVICE_INDEX_MAX_POINTS, type ServiceIndex, type ComponentFigure } from './service-index/service-index.js';
