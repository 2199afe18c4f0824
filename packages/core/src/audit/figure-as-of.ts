import { toVietnamDate } from '../calendar/dates.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import type { EventStore } from '../kernel/event-store.js';
import { createRuleBook } from '../rules/rule-book.js';
import type { RuleBook } from '../rules/types.js';
import { eventTypesOf } from '../read-side/engine/document-projection.js';
import { documentQuery } from '../read-side/engine/document-store.js';
import { DocumentSession, foldBatch } from '../read-side/engine/fold.js';
import { InMemoryDocumentStore } from '../read-side/engine/in-memory-document-store.js';
import { eventRefResolver } from '../read-side/engine/event-ref-resolver.js';
import type { Explanation } from '../read-side/explain/explanation.js';
import { resolveExplanation, type ReadModel, type ReadModelDeps } from '../read-side/read-model.js';
import { createReadModels } from '../read-side/registry.js';
import { parseDocumentKey } from '../read-side/vocabulary/document-key.js';
import { isPositionAsOf, isWithin } from './as-of.js';
import type { AsOf } from './verdict.js';

/**
 * The rule book as it stood at `asOf`: the rule sets already in force on its day, so a set added
 * since, even one effective earlier, does not answer for then (docs/domain/rules-in-time.md §3). By
 * position, the day of the last event taken in; without a day, the book as given. The last of them
 * is open-ended, as it was while no set followed it: its end date is the day before its successor.
 */
export const rulesAsOf = (rules: RuleBook, day: string | undefined): RuleBook => {
  if (day === undefined) return rules;
  const then = rules.ruleSets.filter((ruleSet) => ruleSet.effectiveFrom <= day);
  const last = then.at(-1);
  if (then.length === rules.ruleSets.length || last === undefined) return rules;
  const { effectiveTo: _endedBySuccessor, ...openEnded } = last;
  return createRuleBook([...then.slice(0, -1), openEnded], rules.procedures);
};

/** Events read per page while a figure's projection is folded as of a moment. */
const PAGE = 1000;

export interface FigureAsOf {
  readonly explanation: Explanation;
  /** The last event folded, and the day whose rules the figure was computed under. */
  readonly globalPosition: number;
  readonly rulesOn?: string;
}

/**
 * A read-model figure as it stood at a moment (docs/audit.md, "As of any moment"): the read model's
 * projection folded afresh, in memory, over the log cut at `asOf` (by global position: what the log
 * knew then; by business time: what happened by then, late entries included), and the figure explained
 * there under the rules in force then (`rulesAsOf`). The live documents are not read: a figure of the
 * past costs one pass over the projection's event types, which is what an inspector asks once.
 */
export const figureAsOf = async (input: {
  readonly eventStore: Pick<EventStore, 'readAll'>;
  readonly deps: ReadModelDeps;
  /** A read model of the registry, by name. */
  readonly readModel: string;
  readonly key: string;
  readonly asOf: AsOf;
}): Promise<FigureAsOf | undefined> => {
  const { eventStore, asOf } = input;
  const probe = createReadModels(input.deps).byName(input.readModel);
  if (probe === undefined) throw new Error(`no read model is named ${input.readModel}`);
  const types = eventTypesOf(probe.projection);
  const store = new InMemoryDocumentStore();
  const session = new DocumentSession<unknown>(() => undefined);
  let folded = 0;
  let lastDay: string | undefined;
  const province = parseDocumentKey(input.key)?.tenantId;
  for (let after = 0; ; ) {
    const page = await eventStore.readAll({ after, maxCount: PAGE, types });
    const events: RecordedEvent[] = [];
    for (const event of page.events) {
      // The figure is one province's: another province's events, which a fold could fail on, are no part
      // of it, nor of the position and the rules' day it names (docs/read-side.md).
      if (!isWithin(event, asOf) || (province !== undefined && event.metadata.tenantId !== province)) continue;
      events.push(event);
      folded = Math.max(folded, event.metadata.globalPosition);
      const day = toVietnamDate(event.metadata.occurredAt);
      if (lastDay === undefined || day > lastDay) lastDay = day;
    }
    const result = foldBatch(probe.projection, session, 0, events);
    if (result.failure !== undefined) throw new Error(`${probe.projection.name} stopped at position ${result.failure.globalPosition}: ${result.failure.message}`);
    after = page.nextPosition;
    // By position, nothing after it can be within.
    if (page.isEnd || page.events.length === 0 || (isPositionAsOf(asOf) && after >= asOf.globalPosition)) break;
  }
  store.sync.commit(probe.projection.name, { version: probe.projection.version, checkpoint: folded, documents: session.take(), fresh: true });
  const rulesOn = isPositionAsOf(asOf) ? lastDay : toVietnamDate(asOf.businessTime);
  const readModel: ReadModel<unknown> | undefined = createReadModels({ ...input.deps, rules: rulesAsOf(input.deps.rules, rulesOn) }).byName(input.readModel);
  const figure = await readModel?.explain(documentQuery(store, probe.projection.name), input.key);
  if (figure === undefined) return undefined;
  return {
    explanation: await resolveExplanation(figure, eventRefResolver(eventStore)),
    globalPosition: folded,
    ...(rulesOn === undefined ? {} : { rulesOn }),
  };
};
