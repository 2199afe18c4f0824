import { evaluationPeriodOf } from '../../../officer/evaluation.js';
import { isTenantId } from '../../../kernel/tenant.js';
import type { RuleBook } from '../../../rules/index.js';
import type { DocumentQuery, ListQuery } from '../../engine/document-store.js';
import type { ExplainedFigure, KeyPage } from '../../read-model.js';
import { idOfKeyPart, keyPart, parseDocumentKey } from '../../vocabulary/document-key.js';
import { orderedPositions } from '../../vocabulary/event-ref.js';
import { periodsOfMonth } from '../../vocabulary/period.js';
import { asKind, hasFacts, keys, OFFICER_RATING, type OfficerRatingDocument as D } from './documents.js';
import { assignmentsOf, officerMonths, periodFacts, unitInForce } from './period-facts.js';
import { listAll } from '../../vocabulary/listing.js';
import { groupVersionsOf, ratingRulesFor, rulesOfOfficer, versionsOf, type RatingRules } from './policy.js';
import { isProposalMeasure, PROPOSAL_MEASURES, proposalFigures, type RatingFigure } from './proposal.js';
import { agencyExcellentShare, agencyMembersOf, excellentShare, membersOf, servingIn } from './unit-cap.js';

/** `<tenantId>/officer-rating/<scope>/<id>/<kind>/<period>/<measure>`, the id possibly holding `/`. */
export const parseFigureKey = (key: string) => {
  const parsed = parseDocumentKey(key);
  if (parsed === undefined || parsed.parts[0] !== OFFICER_RATING || parsed.parts.length !== 6) return undefined;
  const scope = parsed.parts[1];
  if (scope !== 'officer' && scope !== 'unit' && scope !== 'agency') return undefined;
  const [part, kind, period, measure] = parsed.parts.slice(2) as [string, string, string, string];
  return { tenantId: parsed.tenantId, scope, id: idOfKeyPart(part), kind, period, measure } as const;
};

// Ids are key parts (`keyPart`), as in the documents: an id holding `/` or `%` keeps the keys in the documents' order.
const officerFigureKey = (tenantId: string, officerId: string, kind: string, period: string, measure: string) =>
  `${tenantId}/${OFFICER_RATING}/officer/${keyPart(officerId)}/${kind}/${period}/${measure}`;
const groupFigureKey = (scope: 'unit' | 'agency', tenantId: string, id: string, kind: string, period: string) =>
  `${tenantId}/${OFFICER_RATING}/${scope}/${keyPart(id)}/${kind}/${period}/excellent-share`;

/** The month, quarter and year of a month, each with its rules (periods before the first rule set have none). */
const rulesOfMonth = (rules: RuleBook, month: string): RatingRules[] =>
  periodsOfMonth(month).flatMap(({ key }) => {
    const ratingRules = ratingRulesFor(rules, key);
    return ratingRules === undefined ? [] : [ratingRules];
  });

/** The periods in which the officer has facts a proposal is made from. */
const factPeriods = async (documents: DocumentQuery<D>, tenantId: string, officerId: string, rules: RuleBook): Promise<Map<string, RatingRules>> => {
  const periods = new Map<string, RatingRules>();
  for (const [month, document] of await officerMonths(documents, tenantId, officerId)) {
    if (hasFacts(document)) for (const ratingRules of rulesOfMonth(rules, month)) periods.set(ratingRules.period.key, ratingRules);
  }
  return periods;
};

const officerKeys = async (documents: DocumentQuery<D>, tenantId: string, officerId: string, rules: RuleBook): Promise<string[]> => {
  const found: string[] = [];
  for (const { period } of (await factPeriods(documents, tenantId, officerId, rules)).values()) {
    for (const measure of PROPOSAL_MEASURES) found.push(officerFigureKey(tenantId, officerId, period.grain, period.key, measure));
  }
  const prefix = keys.evaluations(tenantId, officerId);
  for (const [key] of await listAll(documents, prefix)) {
    const period = key.slice(prefix.length);
    const grain = evaluationPeriodOf(period)?.grain;
    if (grain !== undefined && ratingRulesFor(rules, period) !== undefined) found.push(officerFigureKey(tenantId, officerId, grain, period, 'recorded'));
  }
  return found.sort();
};

const unitKeys = async (documents: DocumentQuery<D>, tenantId: string, unitId: string, rules: RuleBook): Promise<string[]> => {
  const found = new Set<string>();
  for (const officerId of await membersOf(documents, tenantId, unitId)) {
    const officer = asKind.assignments(await documents.get(keys.assignments(tenantId, officerId)));
    for (const ratingRules of (await factPeriods(documents, tenantId, officerId, rules)).values()) {
      if (unitInForce(officer, ratingRules)?.unitId === unitId) found.add(groupFigureKey('unit', tenantId, unitId, ratingRules.period.grain, ratingRules.period.key));
    }
  }
  return [...found].sort();
};

/** The periods in which an officer the agency rates serves at a desk and has facts. */
const agencyKeys = async (documents: DocumentQuery<D>, tenantId: string, agencyId: string, rules: RuleBook): Promise<string[]> => {
  const found = new Set<string>();
  for (const officerId of await agencyMembersOf(documents, tenantId, agencyId)) {
    const officer = asKind.assignments(await documents.get(keys.assignments(tenantId, officerId)));
    if (officer?.ratingAgency?.[0] !== agencyId) continue;
    for (const ratingRules of (await factPeriods(documents, tenantId, officerId, rules)).values()) {
      if (unitInForce(officer, ratingRules) !== undefined) found.add(groupFigureKey('agency', tenantId, agencyId, ratingRules.period.grain, ratingRules.period.key));
    }
  }
  return [...found].sort();
};

/**
 * The figure keys of one section (officers or units), owner by owner in key order: the owners are the
 * ids under `documentsBase` (`<tenantId>/officer/` or `<tenantId>/unit/`), read one at a time from the
 * first whose figure keys could follow `after` and start with `prefix`.
 */
async function* sectionKeys(
  documents: DocumentQuery<D>,
  figureBase: string,
  documentsBase: string,
  { prefix, after }: Omit<ListQuery, 'limit'>,
  keysOf: (id: string) => Promise<string[]>,
): AsyncGenerator<string> {
  if (!(figureBase.startsWith(prefix) || prefix.startsWith(figureBase))) return;
  // Figure keys name the owner by the key part its documents use.
  const firstPart = (key: string) => {
    const rest = key.slice(figureBase.length);
    return rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : rest;
  };
  const within = prefix.startsWith(figureBase) ? `${documentsBase}${firstPart(prefix)}` : documentsBase;
  let cursor: string | undefined;
  if (after !== undefined && after >= figureBase) {
    if (!after.startsWith(figureBase)) return;
    cursor = `${documentsBase}${firstPart(after)}`;
  }
  for (;;) {
    const page = await documents.list({ prefix: within, limit: 1, ...(cursor === undefined ? {} : { after: cursor }) });
    const first = page.documents[0];
    if (first === undefined) return;
    const part = first[0].slice(documentsBase.length).split('/')[0] as string;
    for (const key of await keysOf(idOfKeyPart(part))) if (key.startsWith(prefix) && (after === undefined || key > after)) yield key;
    // Past every document of this owner: they all begin with `<part>/`.
    cursor = `${documentsBase}${part}/\uffff`;
  }
}

/** Figure keys starting with `query.prefix`, a page at a time (agencies, officers, then units: `agency` < `officer` < `unit`). */
export const figureKeys =
  (rules: RuleBook) =>
  async (documents: DocumentQuery<D>, query: ListQuery): Promise<KeyPage> => {
    const tenantId = query.prefix.slice(0, Math.max(0, query.prefix.indexOf('/')));
    if (!isTenantId(tenantId) || query.limit <= 0) return { keys: [] };
    const base = `${tenantId}/${OFFICER_RATING}/`;
    const sections = [
      sectionKeys(documents, `${base}agency/`, keys.agencies(tenantId), query, (id) => agencyKeys(documents, tenantId, id, rules)),
      sectionKeys(documents, `${base}officer/`, keys.officers(tenantId), query, (id) => officerKeys(documents, tenantId, id, rules)),
      sectionKeys(documents, `${base}unit/`, keys.units(tenantId), query, (id) => unitKeys(documents, tenantId, id, rules)),
    ];
    const found: string[] = [];
    for (const section of sections) {
      for await (const key of section) {
        if (found.length === query.limit) return { keys: found, next: found[found.length - 1] as string };
        found.push(key);
      }
    }
    return { keys: found };
  };

const explained = (key: string, figure: RatingFigure, ruleSetVersions: readonly string[]): ExplainedFigure => ({
  readModel: OFFICER_RATING,
  key,
  value: figure.value,
  ...(figure.label === undefined ? {} : { label: figure.label }),
  ...(figure.notMeasured === undefined ? {} : { notMeasured: figure.notMeasured }),
  ruleSetVersions,
  contributions: orderedPositions(figure.positions),
  steps: figure.steps,
});

/** One figure with its arithmetic and its events, computed from the documents under the rules of its period. */
export const explainFigure =
  (rules: RuleBook) =>
  async (documents: DocumentQuery<D>, key: string): Promise<ExplainedFigure | undefined> => {
    const parsed = parseFigureKey(key);
    const ratingRules = parsed && ratingRulesFor(rules, parsed.period);
    if (parsed === undefined || ratingRules === undefined || ratingRules.period.grain !== parsed.kind) return undefined;
    const { tenantId, id, measure } = parsed;
    const versions = groupVersionsOf(ratingRules);
    if (parsed.scope === 'unit') {
      if (measure !== 'excellent-share') return undefined;
      return { ...explained(key, await excellentShare(documents, tenantId, id, ratingRules, true), versions), officers: await servingIn(documents, tenantId, id, ratingRules) };
    }
    if (parsed.scope === 'agency') {
      return measure === 'excellent-share' ? explained(key, await agencyExcellentShare(documents, tenantId, id, ratingRules, true), versions) : undefined;
    }
    if (measure === 'recorded') {
      const recorded = asKind.evaluation(await documents.get(keys.evaluation(tenantId, id, parsed.period)));
      if (recorded === undefined) return explained(key, { value: null, notMeasured: 'no evaluation recorded for this period', steps: [], positions: [] }, versions);
      const { score, level, position } = recorded;
      return explained(
        key,
        score === undefined
          ? { value: null, label: level, notMeasured: 'rated on four levels, without points', steps: [], positions: [position] }
          : { value: score, label: level, steps: [{ label: 'recorded score', op: 'copy', inputs: [score], result: score }], positions: [position] },
        [recorded.ruleSetId],
      );
    }
    if (!isProposalMeasure(measure)) return undefined;
    const officerRules = rulesOfOfficer(ratingRules, await assignmentsOf(documents, tenantId, id));
    const figures = proposalFigures(await periodFacts(documents, tenantId, id, officerRules), officerRules);
    return explained(key, figures[measure], versionsOf(officerRules));
  };
