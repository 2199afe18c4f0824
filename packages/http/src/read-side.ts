import {
  dossierListProjection,
  InMemoryDocumentStore,
  ProjectionEngine,
  type ActorRole,
  type AnyProjection,
  type DocumentStore,
  type EventStore,
  type ReadModel,
} from '@motcua/core';
import { httpProblems, type Problem } from './problem.js';

/**
 * What the server reads besides streams: the read models it answers for
 * (`GET /read-models/{name}/{key}` and `.../{key}/explain`), and the store holding their projections'
 * live documents and the dossier list's (`GET /dossiers`). Figure keys and documents begin with the
 * province (`<tenantId>/…`): a caller is only ever shown its own province's, read by key.
 */
export interface ReadSide {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each read model has its own document type
  readonly readModels: readonly ReadModel<any>[];
  /** Holds the live documents of every read model's projection and of `dossierListProjection`. */
  readonly documents: DocumentStore;
  /** Who may read each read model, by name; default director, inspector, system. */
  readonly roles?: Readonly<Record<string, readonly ActorRole[]>>;
  /**
   * Resolves once the documents reflect every append answered before the call (read your writes).
   * Leave it out when the store folds the projections inside each append's transaction.
   */
  readonly caughtUp?: () => Promise<void>;
  /** Called when the server closes (e.g. to stop an engine the read side runs). */
  readonly close?: () => Promise<void>;
}

/** Who may read a read model when `ReadSide.roles` does not say. */
export const DEFAULT_READERS: readonly ActorRole[] = ['director', 'inspector', 'system'];

/** The roles that may read the read model `name` on `readSide`. */
export const readersOf = (readSide: Pick<ReadSide, 'roles'>, name: string): readonly ActorRole[] => readSide.roles?.[name] ?? DEFAULT_READERS;

/**
 * A read side in memory for a server given none: the dossier list, folded by the projection engine
 * from the log and caught up before each listing. No figures: pass a `ReadSide` with the registry's
 * read models (`createReadModels`) over a store's documents for those.
 */
export const serverReadSide = async (eventStore: EventStore): Promise<ReadSide> => {
  const documents = new InMemoryDocumentStore();
  const engine = new ProjectionEngine({ eventStore, documentStore: documents, projections: [dossierListProjection] });
  await engine.start();
  return { readModels: [], documents, caughtUp: () => engine.caughtUp(), close: () => engine.stop() };
};

/**
 * Why `projection`'s documents cannot be read now by a caller of province `tenantId`, if they cannot:
 * not built, being rebuilt for a new version, stopped for every province (a copy an earlier version
 * stopped whole), or stopped for this province at an event it could not fold, which the answer names
 * (503 each). Another province's failure is no concern of this caller and is never named to it: a
 * province is a wall (docs/read-side.md, "A province that fails"). Waits first for an asynchronous
 * read side to catch up, so a caller reads its own writes.
 */
export const unreadable = async (readSide: ReadSide, projection: AnyProjection, what: string, tenantId: string): Promise<Problem | undefined> => {
  await readSide.caughtUp?.();
  const header = await readSide.documents.header(projection.name);
  if (header === undefined) return httpProblems.unavailable(`${what} is not built yet`);
  if (header.version !== projection.version) return httpProblems.unavailable(`${what} is being rebuilt`);
  if (header.status === 'failed') return httpProblems.unavailable(`${what} stopped at an event it could not fold; see the projection report`);
  const failure = header.provinceFailures?.find((failed) => failed.tenantId === tenantId);
  if (failure === undefined) return undefined;
  return httpProblems.unavailable(
    `${what} stopped for your province at the event it could not fold: position ${failure.globalPosition}, ${failure.eventType} of stream ${failure.streamId} (version ${failure.streamVersion}); it answers again once rebuilt`,
  );
};
