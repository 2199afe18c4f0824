import { ruleSetsInOrder } from '../../explain/build.js';
import type { ArithmeticStep } from '../../explain/explanation.js';
import { roundTo } from '../../explain/re-add.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import type { ExplainedFigure } from '../../read-model.js';
import { idOfKeyPart, parseDocumentKey } from '../../vocabulary/document-key.js';
import type { EventPosition } from '../../vocabulary/event-ref.js';
import { parseFigureKey, type SatisfactionDocument, type Tt01DossierDocument } from '../satisfaction-support/documents.js';
import { entriesIn } from '../satisfaction-support/day-list.js';
import { dossierKey, returnedPrefix } from './projection.js';
import { citizenComparison, dossierScores, type Circular01Context, circular01Queries, unitLevelFigure } from './queries.js';
import { CIRCULAR01_DIMENSIONS, DERIVED_INDICES, scoringPolicyOf, UNIT_LEVEL_INDICES, type DerivedIndex, type UnitLevelIndexName } from './scoring.js';

export const CIRCULAR01 = 'circular01';
export const AGGREGATE_METRICS = ['i1', 'i2', 'i3', 'i4', 'i7', 'i5', 'i6', 'i8', 'i9', 'total'] as const;
export const OFFICER_METRICS = ['i1', 'i2', 'i3', 'i4', 'i7', 'total'] as const;
export const DOSSIER_METRICS = ['i1', 'i2', 'i3', 'i4', 'i7'] as const;

/** One figure of circular01 with its arithmetic and events (positions), from its documents. */
export const explainCircular01 = (context: Circular01Context) => {
  const { rules } = context;
  const queries = circular01Queries(context);

  const explainDossier = async (documents: DocumentQuery<SatisfactionDocument>, key: string, tenantId: string, code: string, metric: string): Promise<ExplainedFigure | undefined> => {
    const at = (DOSSIER_METRICS as readonly string[]).indexOf(metric);
    const dossier = await documents.get(dossierKey(tenantId, code));
    if (dossier?.kind !== 'tt01' || at < 0) return undefined;
    const policy = scoringPolicyOf(rules, dossier.ruleSet);
    const scores = dossierScores(rules, dossier);
    if (scores === undefined) return undefined;
    const score = scores[at] as number;
    const citizen = citizenComparison(rules, dossier).find((c) => `i${c.index}` === metric);
    return {
      readModel: CIRCULAR01,
      key,
      value: score,
      ...(citizen === undefined ? {} : { label: `citizen ${citizen.citizen}${citizen.disagree ? ', disagrees' : ', agrees'}` }),
      ruleSetVersions: ruleSetsInOrder(rules, [dossier.ruleSet ?? '']).filter(Boolean).concat(policy.version),
      contributions: dossier.positions,
      steps: [{ label: `${metric} of ${code} under ${policy.version}`, op: 'copy', inputs: [score], result: score }],
    };
  };

  const explainAggregate = async (documents: DocumentQuery<SatisfactionDocument>, key: string): Promise<ExplainedFigure | undefined> => {
    const parsed = parseFigureKey(key, 'tt01', CIRCULAR01_DIMENSIONS, AGGREGATE_METRICS);
    if (parsed === undefined) return undefined;
    const { tenantId, dimension, id, period, metric } = parsed;
    if (dimension === 'officer' && !(OFFICER_METRICS as readonly string[]).includes(metric)) return undefined;
    const figures = await queries.circular01(documents, tenantId, dimension, id, period.grain, period.key);
    if (figures === undefined) return undefined;
    const { ruleSet } = figures;
    const mode = ruleSet.indexRounding;
    const { digits, version } = scoringPolicyOf(rules, ruleSet.id);
    const members: Tt01DossierDocument[] = [];
    for (const entry of await entriesIn(documents, returnedPrefix(tenantId, dimension, id), period)) {
      const dossier = await documents.get(dossierKey(tenantId, entry.ref));
      if (dossier?.kind === 'tt01') members.push(dossier);
    }
    const scored = members.map((dossier) => dossierScores(rules, dossier) ?? [0, 0, 0, 0, 0]);
    const steps: ArithmeticStep[] = [];
    const contributions: EventPosition[] = [];
    const meanSteps = (index: DerivedIndex): number => {
      const i = DERIVED_INDICES.indexOf(index);
      const scores = scored.map((s) => s[i] ?? 0);
      const sum = scores.reduce((a, b) => a + b, 0);
      const mean = members.length === 0 ? 0 : sum / members.length;
      const rounded = roundTo(mean, digits, mode);
      steps.push(
        { label: `index ${index}: scores of ${members.length} dossiers`, op: 'sum', inputs: scores, result: sum },
        { label: `index ${index}: mean`, op: 'ratio', inputs: [sum, members.length], result: mean },
        { label: `index ${index}`, op: 'round', inputs: [mean], digits, mode, result: rounded },
      );
      return rounded;
    };
    const unitLevelSteps = async (index: UnitLevelIndexName): Promise<number | null> => {
      if (dimension === 'officer') return null;
      const found = await unitLevelFigure(documents, ruleSet, queries.inputsOf(tenantId), tenantId, dimension, id, period, index, true);
      if (found.figure.value === null) return null;
      contributions.push(...found.contributions);
      steps.push(...found.steps);
      return found.figure.value;
    };
    const base = {
      readModel: CIRCULAR01,
      key,
      ruleSetVersions: [...ruleSetsInOrder(rules, [ruleSet.id, ...members.map((f) => f.ruleSet ?? '').filter(Boolean)]), version],
    };
    if (metric === 'total') {
      contributions.push(...members.flatMap((f) => f.positions));
      const parts = DERIVED_INDICES.map(meanSteps);
      const derived = parts.reduce((a, b) => a + b, 0);
      steps.push({ label: 'indices 1, 2, 3, 4, 7', op: 'sum', inputs: parts, result: derived });
      let total = roundTo(derived, digits, mode);
      steps.push({ label: 'indices 1, 2, 3, 4, 7, rounded', op: 'round', inputs: [derived], digits, mode, result: total });
      if (dimension !== 'officer') {
        const unit: (number | null)[] = [];
        for (const index of UNIT_LEVEL_INDICES) unit.push(await unitLevelSteps(index));
        const given = unit.filter((value): value is number => value !== null);
        if (given.length < unit.length) {
          return { ...base, value: null, notMeasured: figures.notMeasured ?? 'not measured', contributions, steps };
        }
        const all = [total, ...given];
        const sum = all.reduce((a, b) => a + b, 0);
        total = roundTo(sum, digits, mode);
        steps.push(
          { label: 'indices 1–9', op: 'sum', inputs: all, result: sum },
          { label: 'total of 18', op: 'round', inputs: [sum], digits, mode, result: total },
        );
      }
      steps.push({ label: 'band', op: 'band', inputs: [total], result: total, band: figures.band ?? '' });
      return { ...base, value: figures.total, label: figures.band ?? '', contributions, steps };
    }
    const index = metric.slice(1);
    const derivedIndex = DERIVED_INDICES.find((i) => i === index);
    if (derivedIndex !== undefined) {
      contributions.push(...members.flatMap((f) => f.positions));
      meanSteps(derivedIndex);
      return { ...base, value: figures.means[derivedIndex], contributions, steps };
    }
    const unitIndex = UNIT_LEVEL_INDICES.find((i) => i === index);
    if (figures.unitLevel === undefined || unitIndex === undefined) return undefined;
    const value = await unitLevelSteps(unitIndex);
    const given = figures.unitLevel[unitIndex];
    return { ...base, value, ...(given.notMeasured === undefined ? {} : { notMeasured: given.notMeasured }), contributions, steps };
  };

  return async (documents: DocumentQuery<SatisfactionDocument>, key: string): Promise<ExplainedFigure | undefined> => {
    const parsed = parseDocumentKey(key);
    const parts = parsed?.parts ?? [];
    if (parsed !== undefined && parts.length === 4 && parts[0] === 'tt01' && parts[1] === 'dossier') {
      return explainDossier(documents, key, parsed.tenantId, idOfKeyPart(parts[2] as string), parts[3] as string);
    }
    return explainAggregate(documents, key);
  };
};
