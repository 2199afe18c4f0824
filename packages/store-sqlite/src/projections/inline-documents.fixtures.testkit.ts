// Document projections and events for the inline tests: a projection that touches a per-dossier
// document (created on the first return, deleted on the second) and three counters per event, one
// that fails on a marked officer, and one that stops the process in the middle of the transaction.
import { defineProjection, documentKey, type EventStore, type NewEvent, type RecordedEvent } from '@motcua/core';

export interface Counted {
  readonly count: number;
  readonly last: number;
}

export const returns = defineProjection<Counted>({
  name: 'returns',
  version: 1,
  handlers: {
    ResultReturned: {
      touches: (event) => {
        const { tenantId } = event.metadata;
        return [
          documentKey(tenantId, 'dossier', event.data.dossierCode),
          documentKey(tenantId, 'day', event.data.returnDate),
          documentKey(tenantId, 'officer', event.data.officerId, event.data.returnDate),
          documentKey(tenantId, 'timeliness', event.data.timeliness),
        ];
      },
      evolve: (document, event, key) => {
        const last = event.metadata.globalPosition;
        if (key.includes('/dossier/')) return document === undefined ? { count: 1, last } : undefined;
        return { count: (document?.count ?? 0) + 1, last };
      },
    },
  },
});

export const POISON_OFFICER = 'officer-poison';

/** Fails on the returns of `POISON_OFFICER`. */
export const strict = defineProjection<Counted>({
  name: 'strict',
  version: 1,
  handlers: {
    ResultReturned: {
      touches: (event) => [documentKey(event.metadata.tenantId, 'all')],
      evolve: (document, event) => {
        if (event.data.officerId === POISON_OFFICER) throw new Error(`cannot count ${event.data.dossierCode}`);
        return { count: (document?.count ?? 0) + 1, last: event.metadata.globalPosition };
      },
    },
  },
});

export const CRASH_OFFICER = 'officer-crash';

/** Kills its process, inside the append's transaction, on a return by `CRASH_OFFICER`. */
export const crashing = defineProjection<Counted>({
  name: 'crashing',
  version: 1,
  handlers: {
    ResultReturned: {
      touches: (event) => [documentKey(event.metadata.tenantId, 'all')],
      evolve: (document, event) => {
        if (event.data.officerId === CRASH_OFFICER) process.kill(process.pid, 'SIGKILL');
        return { count: (document?.count ?? 0) + 1, last: event.metadata.globalPosition };
      },
    },
  },
});

export interface Return {
  readonly tenantId: string;
  readonly dossier: number;
  readonly officerId: string;
  readonly returnDate: string;
  readonly late: boolean;
}

/** The code of the `dossier`th dossier. */
const dossierCodeOf = (dossier: number): string => `000.00.15.H12-260302-${String(dossier).padStart(4, '0')}`;

/** The stream of the return's dossier, where its `ResultReturned` belongs. */
export const returnStream = ({ tenantId, dossier }: Return): string => `dossier-${tenantId}:${dossierCodeOf(dossier)}`;

/** A `ResultReturned` to append. */
export const resultReturned = ({ tenantId, dossier, officerId, returnDate, late }: Return): NewEvent => ({
  type: 'ResultReturned',
  data: {
    dossierCode: dossierCodeOf(dossier),
    occurredAt: `${returnDate}T09:00:00+07:00`,
    officerId,
    via: 'counter',
    returnDate,
    dueDate: returnDate,
    originalDueDate: returnDate,
    timeliness: late ? 'late' : 'on-time',
    timelinessAgainstOriginal: late ? 'late' : 'on-time',
  },
  metadata: {
    occurredAt: `${returnDate}T09:00:00+07:00`,
    actor: { id: officerId, role: 'receptionist' },
    tenantId,
    correlationId: 'c',
    causationId: 'c',
  },
});

/** Every event of the log, in order. */
export const wholeLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: 1000 });
    events.push(...page.events);
    if (page.isEnd) return events;
    after = page.nextPosition;
  }
};

/** The projections a worker thread of the rebuild tests builds from (`rebuildInWorkers`' `projectionsFrom`). */
export const fixtureProjections = () => [returns, strict];
