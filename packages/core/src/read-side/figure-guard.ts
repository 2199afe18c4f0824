import type { ReadModel } from './read-model.js';

/**
 * `readModel`, answering each key `absent` names as a key it has no figure for (its `explain` and
 * `figure` give undefined, before reading a document), and reading every other key through `around`.
 * What the registry's and the server's wrappers (`withinRules`, `withNamedSubjects`) are made of.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each read model has its own document type
export const guardFigures = <M extends ReadModel<any>>(
  readModel: M,
  absent: (key: string) => boolean | Promise<boolean>,
  around: <T>(read: () => Promise<T | undefined>) => Promise<T | undefined> = (read) => read(),
): M => {
  const { explain, figure } = readModel;
  return {
    ...readModel,
    explain: async (documents, key) => ((await absent(key)) ? undefined : around(() => explain(documents, key))),
    ...(figure === undefined ? {} : { figure: async (documents, key) => ((await absent(key)) ? undefined : around(() => figure(documents, key))) }),
  } satisfies ReadModel<unknown> as M;
};
