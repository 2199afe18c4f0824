import fc from 'fast-check';
import type { EventMetadata, NewEvent, RecordedEvent } from '../../kernel/envelope.js';
import type { EventStore } from '../../kernel/event-store.js';
import { InMemoryEventStore } from '../../kernel/in-memory-event-store.js';
import { isRight } from '../../fp.js';
import { foldInlineSync } from './inline.js';
import { documentKey } from '../vocabulary/document-key.js';
import { defineProjection, type AnyProjection } from './document-projection.js';
import type { DocumentBuild, DocumentStore, ProjectionSlot } from './document-store.js';
import { DocumentSession, foldBatch, type ProjectionFailure } from './fold.js';
import { InMemoryDocumentStore } from './in-memory-document-store.js';

/**
 * Small projections and a small log for the engine's laws: feedback handled on the spot, escalated
 * and closed, in two provinces. Each projection exercises one thing the engine must get right.
 */

export const PROVINCES = ['tn', 'hn'] as const;
export type Province = (typeof PROVINCES)[number];

/** One appended event: `kind` of feedback `feedback` of `province`, on day `day` of March 2026. */
export interface Step {
  readonly province: Province;
  readonly feedback: 'f1' | 'f2' | 'f3' | 'f4';
  readonly kind: 'answer' | 'escalate' | 'close';
  readonly day: number;
  /** An escalation no version of `poisoned` can take. */
  readonly poison?: boolean;
}

export const stepArb: fc.Arbitrary<Step> = fc.record({
  province: fc.constantFrom(...PROVINCES),
  feedback: fc.constantFrom('f1', 'f2', 'f3', 'f4'),
  kind: fc.constantFrom('answer', 'escalate', 'close'),
  day: fc.integer({ min: 1, max: 4 }),
});

export const stepsArb = (maxLength = 30): fc.Arbitrary<Step[]> => fc.array(stepArb, { maxLength });

const date = (day: number) => `2026-03-0${day}`;

export const streamOf = (step: Step): string => `feedback-${step.province}:${step.feedback}`;

export const eventOf = (step: Step): NewEvent => {
  const on = date(step.day);
  const occurredAt = `${on}T09:00:00+07:00`;
  const feedbackId = step.feedback;
  const data =
    step.kind === 'answer'
      ? { type: 'FeedbackAnsweredOnTheSpot', data: { feedbackId, answeredOn: on, occurredAt } }
      : step.kind === 'close'
        ? { type: 'FeedbackClosed', data: { feedbackId, closedOn: on, occurredAt } }
        : {
            type: 'FeedbackEscalated',
            data: { feedbackId, incidentId: step.poison === true ? 'poison' : `i-${feedbackId}`, officerId: 'officer-1', escalatedOn: on, occurredAt },
          };
  return {
    ...data,
    metadata: { occurredAt, actor: { id: 'officer-1', role: 'receptionist' }, tenantId: step.province, correlationId: 'c', causationId: 'c' },
  };
};

export const append = async (eventStore: Pick<EventStore, 'appendToStream'>, steps: readonly Step[]): Promise<void> => {
  for (const step of steps) {
    const result = await eventStore.appendToStream(streamOf(step), [eventOf(step)]);
    if (result._tag === 'Left') throw new Error('append refused');
  }
};

/** Every event of the log, in order. */
/**
 * Two provinces' steps interleaved as `picks` say (true: the next of `own`, false: of `other`, the
 * other list once one runs out), then what is left of both: what the laws over two provinces fold.
 */
export const interleaveSteps = (own: readonly Step[], other: readonly Step[], picks: readonly boolean[]): Step[] => {
  const interleaved: Step[] = [];
  const [a, b] = [[...own], [...other]];
  for (const pick of picks) {
    const next = (pick ? a : b).shift() ?? (pick ? b : a).shift();
    if (next !== undefined) interleaved.push(next);
  }
  interleaved.push(...a, ...b);
  return interleaved;
};

export const readLog = async (eventStore: Pick<EventStore, 'readAll'>): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const page = await eventStore.readAll({ after, maxCount: 1000 });
    events.push(...page.events);
    if (page.isEnd || page.events.length === 0) return events;
    after = page.nextPosition;
  }
};

interface FeedbackData {
  readonly data: { readonly feedbackId: string };
  readonly metadata: EventMetadata;
}
const feedbackKey = (event: FeedbackData, ...kind: string[]) => documentKey(event.metadata.tenantId, ...kind, event.data.feedbackId);

/** Every position per feedback, in order: an event skipped or folded twice shows. */
export const seen = (name = 'seen') => {
  const handler = {
    touches: (event: FeedbackData) => [feedbackKey(event, 'feedback')],
    evolve: (document: { readonly positions: readonly number[] } | undefined, event: FeedbackData) => ({
      positions: [...(document?.positions ?? []), event.metadata.globalPosition],
    }),
  };
  return defineProjection<{ readonly positions: readonly number[] }>({
    name,
    version: 1,
    handlers: { FeedbackAnsweredOnTheSpot: handler, FeedbackEscalated: handler, FeedbackClosed: handler },
  });
};

/** `seen` of a second version counting events instead: what a version bump rebuilds. */
export const seenV2 = (name = 'seen') => {
  const handler = {
    touches: (event: FeedbackData) => [feedbackKey(event, 'feedback')],
    evolve: (document: { readonly count: number } | undefined) => ({ count: (document?.count ?? 0) + 1 }),
  };
  return defineProjection<{ readonly count: number }>({
    name,
    version: 2,
    handlers: { FeedbackAnsweredOnTheSpot: handler, FeedbackEscalated: handler, FeedbackClosed: handler },
  });
};

/** Two documents per event, the second reading the first as just evolved: per day, and the province's busiest day. */
export const daily = defineProjection<{ readonly count: number; readonly busiest?: number }>({
  name: 'daily',
  version: 1,
  handlers: {
    FeedbackAnsweredOnTheSpot: {
      touches: (event) => [documentKey(event.metadata.tenantId, 'day', event.data.answeredOn), documentKey(event.metadata.tenantId, 'total')],
      evolve: (document, event, key, documents) =>
        key.endsWith('/total')
          ? {
              count: (document?.count ?? 0) + 1,
              busiest: Math.max(document?.busiest ?? 0, documents.get(documentKey(event.metadata.tenantId, 'day', event.data.answeredOn))?.count ?? 0),
            }
          : { count: (document?.count ?? 0) + 1 },
    },
  },
});

/** Feedback open after an answer: a close deletes it, and names it only when it exists (`touches` reads documents). */
export const open = defineProjection<{ readonly since: string; readonly escalations: number }>({
  name: 'open',
  version: 1,
  handlers: {
    FeedbackAnsweredOnTheSpot: {
      touches: (event) => [feedbackKey(event, 'open')],
      evolve: (document, event) => ({ since: event.data.answeredOn, escalations: document?.escalations ?? 0 }),
    },
    FeedbackEscalated: {
      touches: (event, documents) => (documents.get(feedbackKey(event, 'open')) === undefined ? [] : [feedbackKey(event, 'open')]),
      evolve: (document) => (document === undefined ? undefined : { ...document, escalations: document.escalations + 1 }),
    },
    FeedbackClosed: {
      touches: (event, documents) => (documents.get(feedbackKey(event, 'open')) === undefined ? [] : [feedbackKey(event, 'open')]),
      evolve: () => undefined,
    },
  },
});

/** Counts escalations and throws on a poisoned one. */
export const poisoned = defineProjection<{ readonly escalations: number }>({
  name: 'poisoned',
  version: 1,
  handlers: {
    FeedbackEscalated: {
      touches: (event) => [feedbackKey(event, 'escalated')],
      evolve: (document, event) => {
        if (event.data.incidentId === 'poison') throw new Error(`cannot take the escalation of ${event.data.feedbackId}`);
        return { escalations: (document?.escalations ?? 0) + 1 };
      },
    },
  },
});

/**
 * Two documents per escalation, the feedback's and the province's total, the second throwing on a
 * poisoned one: what the first evolved must not reach the documents either.
 */
export const poisonedPair = defineProjection<{ readonly escalations: number }>({
  name: 'poisoned-pair',
  version: 1,
  handlers: {
    FeedbackEscalated: {
      touches: (event) => [feedbackKey(event, 'escalated'), documentKey(event.metadata.tenantId, 'total')],
      evolve: (document, event, key) => {
        if (key.endsWith('/total') && event.data.incidentId === 'poison') throw new Error(`cannot total the escalation of ${event.data.feedbackId}`);
        return { escalations: (document?.escalations ?? 0) + 1 };
      },
    },
  },
});

/**
 * `poisoned` and `poisonedPair` evolving, instead of throwing, a document that cannot be stored (a
 * `BigInt` is no JSON value): the store refuses the commit, and the event must fail its province the same.
 */
const unstorableOf = (projection: typeof poisoned, name: string) =>
  defineProjection<{ readonly escalations: number }>({
    name,
    version: 1,
    handlers: {
      FeedbackEscalated: {
        touches: (projection.handlers.FeedbackEscalated as NonNullable<typeof projection.handlers.FeedbackEscalated>).touches,
        evolve: (document, event, key, documents) => {
          try {
            return (projection.handlers.FeedbackEscalated as NonNullable<typeof projection.handlers.FeedbackEscalated>).evolve(document, event, key, documents);
          } catch {
            return { escalations: BigInt(document?.escalations ?? 0) as unknown as number };
          }
        },
      },
    },
  });
export const unstorable = unstorableOf(poisoned, 'unstorable');
export const unstorablePair = unstorableOf(poisonedPair, 'unstorable-pair');

export const healthy: readonly AnyProjection[] = [seen(), daily, open];

/**
 * The documents a build gives when the events of a province a handler throws on stop there: each
 * province's events folded alone, up to (not including) its first failing one, in memory. The
 * failures are those events, in province order.
 */
export const foldedPerProvince = (projection: AnyProjection, events: readonly RecordedEvent[]) => {
  const documents: Record<string, unknown> = {};
  const failures: { tenantId: string; globalPosition: number }[] = [];
  for (const tenantId of [...new Set(events.map((event) => event.metadata.tenantId))].sort()) {
    const own = events.filter((event) => event.metadata.tenantId === tenantId);
    let stop = own.length;
    for (let count = 1; count <= own.length && stop === own.length; count++) {
      try {
        foldedFromZero(projection, own.slice(0, count));
      } catch {
        stop = count - 1;
      }
    }
    Object.assign(documents, foldedFromZero(projection, own.slice(0, stop)));
    if (stop < own.length) failures.push({ tenantId, globalPosition: (own[stop] as RecordedEvent).metadata.globalPosition });
  }
  return { documents: Object.fromEntries(Object.entries(documents).sort(([a], [b]) => (a < b ? -1 : 1))), failures };
};

/** Every document of a copy, by key. */
export const documentsOf = async (store: DocumentStore, name: string, slot: ProjectionSlot = 'live', prefix = ''): Promise<Record<string, unknown>> => {
  const documents: Record<string, unknown> = {};
  for (let after: string | undefined; ; ) {
    const page = await store.list(name, { prefix, limit: 7, ...(after === undefined ? {} : { after }) }, slot);
    for (const [key, document] of page.documents) documents[key] = document;
    if (page.next === undefined) return documents;
    after = page.next;
  }
};

/** The documents of `projection` folded from zero over `events` in one go, in memory. */
export const foldedFromZero = (projection: AnyProjection, events: readonly RecordedEvent[], prefix = ''): Record<string, unknown> => {
  const session = new DocumentSession<unknown>(() => undefined);
  const folded = foldBatch(projection, session, 0, events);
  if (folded.failure !== undefined) throw new Error(`${projection.name} failed at ${folded.failure.globalPosition}: ${folded.failure.message}`);
  const documents: Record<string, unknown> = {};
  for (const [key, document] of [...session.take()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (document !== undefined && key.startsWith(prefix)) documents[key] = JSON.parse(JSON.stringify(document)) as unknown;
  }
  return documents;
};

/** Forwards every call to `inner`; the wrappers below (and tests' own) change one. */
export const forward = (inner: DocumentStore): DocumentStore => ({
  header: (name, slot) => inner.header(name, slot),
  getMany: (name, keys, slot) => inner.getMany(name, keys, slot),
  list: (name, query, slot) => inner.list(name, query, slot),
  commit: (name, commit, slot) => inner.commit(name, commit, slot),
  promoteShadow: (name) => inner.promoteShadow(name),
  drop: (name, slot) => inner.drop(name, slot),
  names: () => inner.names(),
});

/**
 * A store whose `nth` commit fails before writing anything (a crash at that commit); `sticky`: every
 * later one too. With `builds`, it offers the inner store's builds in bulk, whose writes to their
 * scratch area and whose `finish` count as commits and fail the same way.
 */
export const crashingAt = (inner: DocumentStore, nth: number, sticky = false, builds = false): DocumentStore => {
  let commits = 0;
  const crashes = () => {
    commits++;
    return commits === nth || (sticky && commits > nth);
  };
  const { startBuild } = inner;
  return {
    ...forward(inner),
    commit: (name, commit, slot) => (crashes() ? Promise.reject(new Error('crash')) : inner.commit(name, commit, slot)),
    ...(!builds || startBuild === undefined
      ? {}
      : {
          sync: inner.sync,
          startBuild: (name: string, slot: ProjectionSlot): DocumentBuild => {
            const build = startBuild.call(inner, name, slot);
            return {
              write: (documents) => {
                if (crashes()) throw new Error('crash');
                build.write(documents);
              },
              get: (key) => build.get(key),
              finish: (commit) => (crashes() ? Promise.reject(new Error('crash')) : build.finish(commit)),
              discard: () => build.discard(),
            };
          },
        }),
  };
};

/** Without the inner store's builds in bulk: every copy commits its documents to the store as it goes. */
export const withoutBuilds = (inner: DocumentStore): DocumentStore => ({ ...forward(inner), ...(inner.sync === undefined ? {} : { sync: inner.sync }) });

/** The inner store, counting the builds in bulk it starts. */
export const countingBuilds = (inner: DocumentStore) => {
  let started = 0;
  const { startBuild } = inner;
  const store: DocumentStore = {
    ...withoutBuilds(inner),
    ...(startBuild === undefined
      ? {}
      : {
          startBuild: (name: string, slot: ProjectionSlot) => {
            started++;
            return startBuild.call(inner, name, slot);
          },
        }),
  };
  return { store, started: () => started };
};

/** Holds every commit to `slot` until `release`; counts the commits held. */
export const gated = (inner: DocumentStore, gatedSlot: ProjectionSlot) => {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let waiting = 0;
  const store: DocumentStore = {
    ...forward(inner),
    commit: async (name, commit, slot = 'live') => {
      if (slot === gatedSlot) {
        waiting++;
        await gate;
      }
      return inner.commit(name, commit, slot);
    },
  };
  return { store, release: () => open(), waiting: () => waiting };
};

/**
 * A store whose copy `name` in `slot` reads as stopped whole at `failure` (as a version before
 * failures per province left a copy) until its next commit.
 */
export const stoppedWhole = (inner: DocumentStore, name: string, slot: ProjectionSlot, failure: ProjectionFailure): DocumentStore => {
  let stopped = true;
  return {
    ...forward(inner),
    header: async (copy, at = 'live') => {
      const header = await inner.header(copy, at);
      return stopped && copy === name && at === slot && header !== undefined ? { ...header, status: 'failed', failure } : header;
    },
    commit: (copy, commit, at = 'live') => {
      if (copy === name && at === slot) stopped = false;
      return inner.commit(copy, commit, at);
    },
  };
};

/** Records the slots written to, to check who writes live copies. */
export const watched = (inner: DocumentStore) => {
  const written: ProjectionSlot[] = [];
  const store: DocumentStore = {
    ...forward(inner),
    commit: (name, commit, slot = 'live') => {
      written.push(slot);
      return inner.commit(name, commit, slot);
    },
  };
  return { store, written };
};

export const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  // A deadline in time, not in turns of the event loop: a loaded machine (or a database server) may
  // take many turns to answer, and a count of turns would fail a test that is only slow.
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition never held within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
};

/** The stores of one test, over persistence that outlives `close` (files, or objects kept in memory). */
export interface EngineWorld {
  open(): Promise<{ readonly eventStore: EventStore; readonly documentStore: DocumentStore }>;
  /**
   * Instead of `open`, for a store that can fold projections inside each append's transaction: the
   * stores of the world with `projections` folded so (the engine runs none of them).
   */
  openInline?(projections: readonly AnyProjection[]): Promise<{ readonly eventStore: EventStore; readonly documentStore: DocumentStore }>;
  close(): Promise<void>;
}

/** An in-memory event store whose appends fold `projections` into `documents` inline (`foldInlineSync`), as SQLite does in its transaction. */
export class InlineInMemoryEventStore extends InMemoryEventStore {
  private readonly appended: RecordedEvent[] = [];

  constructor(
    private readonly inline: readonly AnyProjection[],
    private readonly inlineDocuments: InMemoryDocumentStore,
  ) {
    super();
  }

  override async appendToStream(...args: Parameters<InMemoryEventStore['appendToStream']>): ReturnType<InMemoryEventStore['appendToStream']> {
    const result = await super.appendToStream(...args);
    if (isRight(result)) {
      this.appended.push(...result.right.events);
      const readAfter = (position: number, limit: number) => this.appended.filter((event) => event.metadata.globalPosition > position).slice(0, limit);
      foldInlineSync(this.inline, this.inlineDocuments.sync, { readAfter });
    }
    return result;
  }
}

/** A world in memory: `open` hands back the same stores, so a "restart" keeps what was committed. */
export const inMemoryWorld = (): EngineWorld => {
  const eventStore = new InMemoryEventStore();
  const documentStore = new InMemoryDocumentStore();
  return {
    open: () => Promise.resolve({ eventStore, documentStore }),
    openInline: (projections) => Promise.resolve({ eventStore: new InlineInMemoryEventStore(projections, documentStore), documentStore }),
    close: () => Promise.resolve(),
  };
};
