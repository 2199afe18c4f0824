import type { AnyProjection } from './engine/document-projection.js';
import type { ReadModel, ReadModelDeps } from './read-model.js';
import { createCircular01ReadModel } from './read-models/circular01/index.js';
import { dossierListProjection } from './read-models/dossier-list/index.js';
import { createFeedbackComplianceReadModel } from './read-models/feedback-compliance/index.js';
import { incidentRegisterReadModel } from './read-models/incident-register/index.js';
import { createOfficerRatingReadModel } from './read-models/officer-rating/index.js';
import { praiseReadModel } from './read-models/praise/index.js';
import { createServiceIndexReadModel } from './read-models/service-index/index.js';
import { createSipasReadModel } from './read-models/sipas/index.js';
import { createTimelinessReadModel } from './read-models/timeliness/index.js';
import { createUnitBoardReadModel } from './read-models/unit-board/index.js';
import { withinRules } from './within-rules.js';

/** What `createReadModels` takes beside the desk's calendar and rule book. */
export interface ReadModelsOptions {
  /**
   * The embedder's own read models, listed after the built-in ones in `all`, `projections` and
   * `byName`, so whatever takes the registry (the HTTP server's `readSide.readModels`, the projection
   * engine, a store's inline option) takes them too; each answers a period no rule set covers as the
   * built-in ones do. A name, or a projection name, already taken throws.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each read model has its own document type
  readonly extra?: readonly ReadModel<any>[];
}

/**
 * The built-in read models, built on the desk's calendar and rule book, and the embedder's `extra`
 * ones: what the HTTP server serves, the CLI rebuilds and explains, and an embedder runs with the
 * projection engine or a store's inline option. Each is its own projection (versioned and rebuilt
 * alone) in its own folder under `read-side/read-models/`; to add a built-in one, write the folder and
 * add it here; an embedder passes its own as `extra` (docs/contributing.md).
 */
export const createReadModels = (deps: ReadModelDeps, options: ReadModelsOptions = {}) => {
  // A figure of a period no rule set covers is one no read model has.
  const guarded = withinRules(deps.rules);
  const readModels = {
    unitBoard: guarded(createUnitBoardReadModel(deps)),
    timeliness: guarded(createTimelinessReadModel(deps)),
    circular01: guarded(createCircular01ReadModel(deps)),
    sipas: guarded(createSipasReadModel(deps)),
    serviceIndex: guarded(createServiceIndexReadModel(deps)),
    incidentRegister: guarded(incidentRegisterReadModel),
    feedbackCompliance: guarded(createFeedbackComplianceReadModel(deps)),
    praise: guarded(praiseReadModel),
    officerRating: guarded(createOfficerRatingReadModel(deps)),
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each read model has its own document type
  const all: readonly ReadModel<any>[] = [...Object.values(readModels), ...(options.extra ?? []).map(guarded)];
  const projections: readonly AnyProjection[] = [...all.map((readModel) => readModel.projection), dossierListProjection];
  refuseTwice('read models', all.map((readModel) => readModel.name));
  refuseTwice('projections', projections.map((projection) => projection.name));
  return {
    ...readModels,
    /** Every read model with figures, in the order they are listed, the `extra` ones last. */
    all,
    /** The dossier list (`listDossiers`): a projection without figures. */
    dossierList: dossierListProjection,
    /** Every projection the read side runs: each read model's, and the dossier list. */
    projections,
    /** The read model named `name` (its `name`, as in URLs and on the CLI). */
    byName: (name: string) => all.find((readModel) => readModel.name === name),
  };
};

const refuseTwice = (what: string, names: readonly string[]): void => {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new Error(`two ${what} are named ${name}: give the extra read model another name`);
    seen.add(name);
  }
};

export type ReadModels = ReturnType<typeof createReadModels>;

/**
 * What building each built-in projection from position 0 costs, relative to the others: its fold
 * and the documents it writes, in tenths of a CPU second per million events of the province-year
 * slice of `bench:read-models` (bench/README.md), as its `--costs` prints them. Builds side by side
 * are balanced by it (`balanceBuildGroups`); only the proportions matter.
 */
export const BUILD_COSTS: Readonly<Record<string, number>> = {
  'unit-board': 200,
  circular01: 180,
  timeliness: 152,
  'dossier-list': 135,
  'officer-rating': 115,
  'service-index-766': 108,
  sipas: 51,
  'incident-register': 23,
  'feedback-compliance': 5,
  praise: 3,
};
