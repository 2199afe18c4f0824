import { readFigure, readModelDocuments, type ExplainedFigure, type Figure, type ReadModel } from '@motcua/core';
import type { ReadSide } from '../read-side.js';

/**
 * What a report reads: figures by read model and key, their explanations (for a count that is one
 * step of a figure's arithmetic), figure keys under a prefix, and documents under a prefix (to find
 * the units seen in a province). Keys are full keys, province first; a report builds keys of the
 * caller's province only.
 */
export interface FigureReader {
  readonly figure: (readModel: string, key: string) => Promise<Figure | undefined>;
  readonly explain: (readModel: string, key: string) => Promise<ExplainedFigure | undefined>;
  readonly keys: (readModel: string, prefix: string) => Promise<readonly string[]>;
  readonly documentKeys: (readModel: string, prefix: string) => Promise<readonly string[]>;
  readonly documents: (readModel: string, prefix: string) => Promise<readonly (readonly [key: string, document: unknown])[]>;
}

const PAGE = 1000;

/** Reads the read side's live documents in process, as the figure routes do. */
export const readSideFigures = (readSide: ReadSide): FigureReader => {
  const byName = new Map<string, ReadModel<unknown>>(readSide.readModels.map((readModel) => [readModel.name, readModel as ReadModel<unknown>]));
  const modelOf = (name: string): ReadModel<unknown> => {
    const found = byName.get(name);
    if (found === undefined) throw new Error(`the read side serves no read model ${name}`);
    return found;
  };
  const documentsOf = (name: string) => readModelDocuments(readSide.documents, modelOf(name));
  return {
    figure: (name, key) => readFigure(modelOf(name), documentsOf(name), key),
    explain: (name, key) => modelOf(name).explain(documentsOf(name), key),
    keys: async (name, prefix) => {
      const all: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await modelOf(name).keys(documentsOf(name), { prefix, limit: PAGE, ...(after === undefined ? {} : { after }) });
        all.push(...page.keys.filter((key) => key.startsWith(prefix)));
        if (page.next === undefined) return all;
        after = page.next;
      }
    },
    documents: async (name, prefix) => {
      const all: (readonly [string, unknown])[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await documentsOf(name).list({ prefix, limit: PAGE, ...(after === undefined ? {} : { after }) });
        all.push(...page.documents);
        if (page.next === undefined) return all;
        after = page.next;
      }
    },
    documentKeys: async (name, prefix) => {
      const all: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await documentsOf(name).list({ prefix, limit: PAGE, ...(after === undefined ? {} : { after }) });
        all.push(...page.documents.map(([key]) => key));
        if (page.next === undefined) return all;
        after = page.next;
      }
    },
  };
};
