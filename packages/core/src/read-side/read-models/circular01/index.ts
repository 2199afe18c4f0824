/**
 * TT01 satisfaction evaluation (Circular 01/2018, docs/domain/indices.md §1): per-dossier indices
 * 1, 2, 3, 4, 7 derived from the dossier's events, their means per officer, unit and province, and
 * for units and provinces the unit-level indices 5, 6, 9 (inputs) and 8 (from feedback, else an input,
 * else 2: none received; 0 with a protracted feedback case in the inputs).
 *
 * Figure keys:
 * - `<tenant>/tt01/dossier/<dossierCode>/<i1|i2|i3|i4|i7>` (label: the citizen's own score and whether it disagrees);
 * - `<tenant>/tt01/<officer|unit|province>/<id>/<month|quarter|year>/<period>/<metric>`, metric `i1`…`i4`,
 *   `i7`, `total`, and for units and provinces `i5`, `i6`, `i8`, `i9`.
 *
 * Documents (`projection.ts`): `<tenant>/dossier/<code>`, `<tenant>/incident/<incidentId>`,
 * `<tenant>/scores/<dimension>/<id>/<YYYY-MM>` (returned dossiers counted by what their indices are
 * scored from), `<tenant>/returned/<dimension>/<id>/<YYYY-MM-DD>` (the dossiers behind them: a head,
 * and its sealed chunks `…/<YYYY-MM-DD>/<nnnn>`, `satisfaction-support/day-list.ts`), and the
 * feedback documents `<tenant>/feedback/<id>`, `<tenant>/feedback-counts/<unit|province>/<id>/<YYYY-MM>`,
 * `<tenant>/feedback-days/<unit|province>/<id>/<YYYY-MM-DD>` (a day list like the other). The scoring policy, its rounding and the
 * unit-level inputs are applied at query time: a new rule set or new inputs need no rebuild.
 */
import type { DocumentQuery, ListQuery } from '../../engine/document-store.js';
import type { KeyPage, ReadModel, ReadModelDeps } from '../../read-model.js';
import { documentPrefix } from '../../vocabulary/document-key.js';
import type { SatisfactionDocument } from '../satisfaction-support/documents.js';
import { figureKeyPage, type FigureKeySource } from '../../vocabulary/figure-keys.js';
import { CIRCULAR01, DOSSIER_METRICS, AGGREGATE_METRICS, OFFICER_METRICS, explainCircular01 } from './explain.js';
import { circular01Projection } from './projection.js';
import { circular01Queries } from './queries.js';
import { profileOf } from './scoring.js';
import { periodsOfMonth } from '../../vocabulary/period.js';
import { keyPeriod } from '../../vocabulary/key-period.js';
import { keySubject } from '../../vocabulary/key-subject.js';

export { circular01Projection, CIRCULAR01_PROJECTION } from './projection.js';
export { CIRCULAR01, AGGREGATE_METRICS as CIRCULAR01_METRICS } from './explain.js';
export type { Circular01Figures, DossierIndices, UnitLevelIndex } from './queries.js';
export { agencyBand, officerBand, DERIVED_INDICES, UNIT_LEVEL_INDICES, CIRCULAR01_DIMENSIONS, type Circular01Dimension } from './scoring.js';
export { UnitLevelInputs, decodeUnitLevelInputs } from '../satisfaction-support/unit-level-inputs.js';
export type { SatisfactionDocument } from '../satisfaction-support/documents.js';

const keySources = (tenantId: string): FigureKeySource<SatisfactionDocument>[] => [
  {
    figurePrefix: `${tenantId}/tt01/dossier/`,
    documentPrefix: documentPrefix(tenantId, 'dossier'),
    groupParts: 1,
    expand: (code, documents) =>
      documents.flatMap(([, dossier]) =>
        dossier.kind === 'tt01' && profileOf(dossier) !== undefined ? DOSSIER_METRICS.map((metric) => `${tenantId}/tt01/dossier/${code}/${metric}`) : [],
      ),
  },
  {
    figurePrefix: `${tenantId}/tt01/`,
    documentPrefix: documentPrefix(tenantId, 'scores'),
    groupParts: 2,
    expand: (scope, documents) => {
      const metrics = scope.startsWith('officer/') ? OFFICER_METRICS : AGGREGATE_METRICS;
      const periods = new Set(documents.flatMap(([key]) => periodsOfMonth(key.slice(key.lastIndexOf('/') + 1)).map(({ grain, key: period }) => `${grain}/${period}`)));
      return [...periods].flatMap((period) => metrics.map((metric) => `${tenantId}/tt01/${scope}/${period}/${metric}`));
    },
  },
];

/** Figure keys under `query.prefix` (which begins with a province), a page at a time. */
const keys = (documents: DocumentQuery<SatisfactionDocument>, query: ListQuery): Promise<KeyPage> => {
  return figureKeyPage(documents, query, keySources);
};

export const createCircular01ReadModel = (deps: ReadModelDeps) => {
  const context = { rules: deps.rules, inputs: deps.inputs ?? {} };
  const { circular01, dossierIndices } = circular01Queries(context);
  const readModel: ReadModel<SatisfactionDocument> & { readonly queries: { readonly circular01: typeof circular01; readonly dossierIndices: typeof dossierIndices } } = {
    name: CIRCULAR01,
    description: 'TT01 (Circular 01/2018) satisfaction evaluation: per-dossier indices and their means per officer, unit and province',
    projection: circular01Projection,
    exampleKey: 'tt01/unit/tn-hcc/month/2026-03/total',
    keys,
    explain: explainCircular01(context),
    periodOfKey: keyPeriod.afterGrain,
    subjectOfKey: keySubject.afterGrain,
    queries: { circular01, dossierIndices },
  };
  return readModel;
};
