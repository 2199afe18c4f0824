import type { DocumentQuery } from '../../engine/document-store.js';
import type { ExplainedFigure } from '../../read-model.js';
import { distinct, parseFigureKey } from '../conduct-support/figure-documents.js';
import { INCIDENT_REGISTER, type IncidentRegisterDocument } from './projection.js';
import {
  BREACH_DIMENSIONS,
  BREACH_MEASURE,
  INCIDENT_DIMENSIONS,
  INCIDENT_MEASURES,
  selectBreaches,
  selectIncidents,
  type BreachDimension,
  type IncidentDimension,
  type IncidentMeasure,
} from './queries.js';

const among =
  <T extends string>(values: readonly T[]) =>
  (value: string): value is T =>
    (values as readonly string[]).includes(value);
const isIncidentDimension = among<IncidentDimension>(INCIDENT_DIMENSIONS);
const isIncidentMeasure = among<IncidentMeasure>(INCIDENT_MEASURES);
const isBreachDimension = among<BreachDimension>(BREACH_DIMENSIONS);

/** One figure: a count of incidents (their report events as inputs) or of breaches (each breach as recorded). */
export const explainIncidentRegister = async (documents: DocumentQuery<IncidentRegisterDocument>, key: string): Promise<ExplainedFigure | undefined> => {
  const parsed = parseFigureKey(INCIDENT_REGISTER, key);
  if (parsed === undefined) return undefined;
  const { tenantId, period, dimension, value, measure, asOf } = parsed;
  if (measure === BREACH_MEASURE) {
    if (asOf !== undefined || !isBreachDimension(dimension) || (dimension === 'total' && value !== 'all')) return undefined;
    const counted = await selectBreaches(documents, tenantId, period, dimension, value);
    const positions = counted.map((c) => c.entry.position);
    return {
      readModel: INCIDENT_REGISTER,
      key,
      value: counted.length,
      ruleSetVersions: distinct(counted.map((c) => c.breach.ruleSetId)),
      contributions: positions,
      steps: [{ label: 'rule breaches recorded (the events carrying them, by global position)', op: 'count', inputs: positions, result: counted.length }],
      breaches: counted.map(({ entry, breach, kind }) => ({ ...breach, event: entry.position, ...(kind === undefined ? {} : { kind }) })),
    };
  }
  if (!isIncidentDimension(dimension) || !isIncidentMeasure(measure)) return undefined;
  if ((measure === 'overdue') !== (asOf !== undefined)) return undefined;
  if (dimension === 'step' && measure !== 'open' && measure !== 'overdue') return undefined;
  if (dimension === 'total' && value !== 'all') return undefined;
  const counted = await selectIncidents(documents, tenantId, { period, dimension, value, measure, ...(asOf === undefined ? {} : { asOf }) });
  const positions = counted.map((c) => c.entry.reported);
  return {
    readModel: INCIDENT_REGISTER,
    key,
    value: counted.length,
    ruleSetVersions: distinct(counted.flatMap((c) => c.ruleSetIds)),
    contributions: counted.flatMap((c) => c.positions),
    steps: [{ label: `${measure} incidents (report events by global position)`, op: 'count', inputs: positions, result: counted.length }],
  };
};
