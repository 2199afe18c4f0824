import { TenantId } from '../../../kernel/tenant.js';
import type { DocumentQuery, ListQuery } from '../../engine/document-store.js';
import type { KeyPage, ReadModel, ReadModelDeps } from '../../read-model.js';
import { explainIncidentRegister } from './explain.js';
import { groupFigureKeys } from '../conduct-support/figure-documents.js';
import { figureKeyPage } from '../../vocabulary/figure-keys.js';
import { INCIDENT_REGISTER, incidentRegisterProjection, type IncidentRegisterDocument } from './projection.js';
import {
  breachCount,
  incidentCount,
  incidentCounts,
  incidentDimensionValues,
  incidentRows,
  latestAt,
  openIncidents,
  overdueSteps,
  selectBreaches,
  selectIncidents,
} from './queries.js';
import { keyPeriod } from '../../vocabulary/key-period.js';
import { keySubject } from '../../vocabulary/key-subject.js';

type Documents = DocumentQuery<IncidentRegisterDocument>;

/** Figure keys a page at a time; `overdue` keys are listed as of the latest instant of an incident event. */
const keys = async (documents: Documents, query: ListQuery): Promise<KeyPage> => {
  const tenantId = query.prefix.slice(0, query.prefix.indexOf('/'));
  if (!TenantId.is(tenantId)) return { keys: [] };
  const asOf = await latestAt(documents, tenantId);
  const today = asOf === null ? undefined : dayOf(asOf);
  return figureKeyPage(documents, query, (tenant) => [
    groupFigureKeys<IncidentRegisterDocument>(tenant, INCIDENT_REGISTER, (document) => {
    if (document.kind !== 'counts') return [];
    const measures: string[] = [];
    if ((document.reported ?? 0) > 0) measures.push('reported');
    if ((document.substantiated ?? 0) > 0) measures.push('substantiated');
    if ((document.open ?? 0) > 0) measures.push('open');
    if ((document.breaches ?? 0) > 0) measures.push('breaches');
    if (today !== undefined && Object.keys(document.due ?? {}).some((day) => day < today)) measures.push(`overdue@${asOf}`);
    return measures;
    }),
  ]);
};

/**
 * The conduct incident register (sổ theo dõi vụ việc; docs/domain/conduct-catalogue.md) and the rule
 * breaches recorded on facts (docs/adr/0010-record-then-judge.md).
 *
 * Figure keys: `<tenant>/incident-register/<period>/<dimension>/<value>/<measure>[@<asOf>]`
 * - period: `all`, `2026`, `2026-Q1`, `2026-03` or `2026-03-02` (the Vietnamese day the incident was reported);
 * - dimension/value: `total/all`, `category/C01`, `officer/<id>`, `unit/<id>`, `source/hotline`, or
 *   `step/<step>` (only with `open` and `overdue`: the step still due);
 * - measure: `reported`, `open`, `substantiated`, or `overdue@<asOf>` (open with a step past its due
 *   date at that instant), e.g. `thai-nguyen/incident-register/2026-03/total/all/reported` or
 *   `thai-nguyen/incident-register/2026-Q1/unit/TN-01/overdue@2026-03-04T00:00:00+07:00`.
 * Each figure is a count; its step counts the incidents' report events (by global position).
 * Rule breaches recorded on facts of any stream are counted under the measure `breaches`, by
 * `total/all`, `category/<kind>` (the conduct kind the rule maps to), `officer/<id>` or `rule/<code>`,
 * on the day of the fact, e.g. `thai-nguyen/incident-register/2026-03/category/C06/breaches`; the
 * explanation lists each breach. Keys are listed for months, quarters, years and `all`, `overdue` as of
 * the latest instant of an incident event.
 *
 * Documents: `<tenant>/group/<period>/<dimension>/<value>/counts` (reported, substantiated, open, open
 * by earliest due date, breaches; per month, quarter, year and `all`, so any figure but a day's is one
 * read), `<tenant>/incidents/<day>` (the incidents reported that day, by id), `<tenant>/breaches/<day>`
 * (that day's events carrying breaches), `<tenant>/incident/<id>` (its day of report) and
 * `<tenant>/latest` (the latest instant of an incident event).
 */
export const incidentRegisterReadModel = {
  name: INCIDENT_REGISTER,
  description: 'Conduct incidents and recorded rule breaches, by category, officer, unit, source, step and rule',
  projection: incidentRegisterProjection,
  exampleKey: 'incident-register/2026-03/total/all/reported',
  keys,
  explain: explainIncidentRegister,
  periodOfKey: keyPeriod.afterRoot,
  subjectOfKey: keySubject.afterRoot,
  queries: {
    incidentRows,
    openIncidents,
    overdueSteps,
    latestAt,
    selectIncidents,
    incidentCount,
    incidentCounts,
    incidentDimensionValues,
    selectBreaches,
    breachCount,
  },
} satisfies ReadModel<IncidentRegisterDocument> & { readonly queries: unknown };

export type IncidentRegisterReadModel = typeof incidentRegisterReadModel;

/** The read model for the registry of built-in read models: it needs neither calendar nor rule book. */
export const createIncidentRegisterReadModel = (_deps?: ReadModelDeps): IncidentRegisterReadModel => incidentRegisterReadModel;
export {
  INCIDENT_REGISTER,
  incidentRegisterProjection,
  isIncidentOpen,
  type BreachEntry,
  type IncidentCounts,
  type IncidentEntry,
  type IncidentRegisterDocument,
  type PendingStep,
} from './projection.js';
export {
  BREACH_DIMENSIONS,
  BREACH_MEASURE,
  INCIDENT_DIMENSIONS,
  INCIDENT_MEASURES,
  type BreachDimension,
  type CountedBreach,
  type CountedIncident,
  type IncidentDimension,
  type IncidentMeasure,
  type IncidentRow,
  type IncidentSelection,
} from './queries.js';
import { dayOf } from '../../vocabulary/period.js';
export { conductKindOfBreach } from './breach-kinds.js';
