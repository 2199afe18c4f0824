import { toVietnamDate } from '../calendar/dates.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import type { EventStore } from '../kernel/event-store.js';
import { createRuleBook } from '../rules/rule-book.js';
import type { RuleBook } from '../rules/types.js';
import { eventTypesOf } from '../read-side/engine/document-projection.js';
import { documentQuery, type DocumentStore } from '../read-side/engine/document-store.js';
import { DocumentSession, foldBatch } from '../read-side/engine/fold.js';
import { InMemoryDocumentStore } from '../read-side/engine/in-memory-document-store.js';
import { eventRefResolver } from '../read-side/engine/event-ref-resolver.js';
import type { Explanation } from '../read-side/explain/explanation.js';
import { resolveExplanation, type ReadModel, type ReadModelDeps } from '../read-side/read-model.js';
import { createReadModels } from '../read-side/registry.js';
import { parseDocumentKey } from '../read-side/vocabulary/document-key.js';
import { isLeft, right, type Either } from '../fp.js';
import { isPositionAsOf, isWithin, judgingInstant, resolveAsOf } from './as-of.js';
import type { AsOf } from './verdict.js';

/**
 * The rule book as it stood at `asOf`: the rule sets already in force on its day, so a set added
 * since, even one effective earlier, does not answer for then (docs/domain/rules-in-time.md §3). By
 * position, the day the province's log reached it (`resolveAsOf`); without a day, the book as given. The last of them
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
 * A projection's documents as they stood at `asOf`, folded afresh in memory over the log cut there
 * (`isWithin`): one province's, or every province's when none is named. Also the last event folded.
 */
export const documentsAsOf = async (input: {
  readonly eventStore: Pick<EventStore, 'readAll'>;
  readonly projection: ReadModel<unknown>['projection'];
  readonly asOf: AsOf;
  readonly province?: string;
}): Promise<{ readonly documents: DocumentStore; readonly globalPosition: number }> => {
  const { eventStore, projection, asOf, province } = input;
  const types = eventTypesOf(projection);
  const store = new InMemoryDocumentStore();
  const session = new DocumentSession<unknown>(() => undefined);
  let folded = 0;
  for (let after = 0; ; ) {
    const page = await eventStore.readAll({ after, maxCount: PAGE, types });
    const events: RecordedEvent[] = [];
    for (const event of page.events) {
      // A province's documents are its own: another province's events, which a fold could fail on, are no
      // part of them, nor of the position they name (docs/read-side.md).
      if (!isWithin(event, asOf) || (province !== undefined && event.metadata.tenantId !== province)) continue;
      events.push(event);
      folded = Math.max(folded, event.metadata.globalPosition);
    }
    const result = foldBatch(projection, session, 0, events);
    if (result.failure !== undefined) throw new Error(`${projection.name} stopped at position ${result.failure.globalPosition}: ${result.failure.message}`);
    after = page.nextPosition;
    // By position, nothing after it can be within.
    if (page.isEnd || page.events.length === 0 || (isPositionAsOf(asOf) && after >= asOf.globalPosition)) break;
  }
  store.sync.commit(projection.name, { version: projection.version, checkpoint: folded, documents: session.take(), fresh: true });
  return { documents: store, globalPosition: folded };
};

/**
 * A read-model figure as it stood at a moment (docs/audit.md, "As of any moment"): the read model's
 * projection folded afresh, in memory, over the log cut at `asOf` (by global position: what the log
 * knew then; by business time: what happened by then, late entries included), and the figure explained
 * there under the rules in force then (`rulesAsOf`). The moment is resolved as a verdict's is
 * (`resolveAsOf`): a position is read in the province's own log, refused past its last event, and its
 * rules are those of the day the log reached it. The live documents are not read: a figure of the
 * past costs one pass over the projection's event types, which is what an inspector asks once.
 * Left: why the moment cannot be asked; right: the figure, or undefined when there was none then.
 */
export const figureAsOf = async (input: {
  readonly eventStore: Pick<EventStore, 'readAll' | 'headPosition'>;
  readonly deps: ReadModelDeps;
  /** A read model of the registry, by name. */
  readonly readModel: string;
  readonly key: string;
  readonly asOf: AsOf;
  /** The instant a position before the province's first event is judged at; default the machine's clock. */
  readonly now?: () => Date;
}): Promise<Either<string, FigureAsOf | undefined>> => {
  const { eventStore } = input;
  const probe = createReadModels(input.deps).byName(input.readModel);
  if (probe === undefined) throw new Error(`no read model is named ${input.readModel}`);
  const province = parseDocumentKey(input.key)?.tenantId;
  // A key names its province; one that does not has no figure, and its moment is taken as given.
  const resolved = province === undefined ? right(input.asOf) : await resolveAsOf(eventStore, province, input.asOf, input.now ?? (() => new Date()));
  if (isLeft(resolved)) return resolved;
  const asOf = resolved.right;
  const { documents, globalPosition: folded } = await documentsAsOf({ eventStore, projection: probe.projection, asOf, ...(province === undefined ? {} : { province }) });
  const instant = judgingInstant(asOf, []);
  const rulesOn = instant === undefined ? undefined : toVietnamDate(instant);
  const readModel: ReadModel<unknown> | undefined = createReadModels({ ...input.deps, rules: rulesAsOf(input.deps.rules, rulesOn) }).byName(input.readModel);
  const figure = await readModel?.explain(documentQuery(documents, probe.projection.name), input.key);
  if (figure === undefined) return right(undefined);
  return right({
    explanation: await resolveExplanation(figure, eventRefResolver(eventStore)),
    globalPosition: folded,
    ...(rulesOn === undefined ? {} : { rulesOn }),
  });
};
