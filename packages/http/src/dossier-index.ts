import {
  checkStoredEvent,
  CLOSED_STATUSES,
  dossierStream,
  isLeft,
  parseProvinceStreamId,
  type Desk,
  type DossierState,
  type DossierStatus,
  type RecordedEvent,
} from '@motcua/core';

/** One row of `GET /dossiers`. */
export interface DossierSummary {
  readonly code: string;
  readonly tenantId: string;
  readonly status: DossierStatus;
  readonly unitId?: string;
  readonly procedureCode?: string;
  readonly applicantId?: string;
  readonly receivedAt?: string;
  readonly dueDate?: string;
  readonly version: number;
}

export interface DossierQuery {
  readonly tenantId: string;
  readonly unitId?: string;
  readonly status?: string;
  readonly procedureCode?: string;
  readonly applicantId?: string;
  /** Only dossiers of these units (the caller's scope); unitless dossiers pass. */
  readonly withinUnits?: readonly string[];
  readonly limit: number;
  /** Position of the last row of the previous page. */
  readonly after?: number;
}

export interface DossierPage {
  readonly items: readonly DossierSummary[];
  /** Pass as `after` for the next page; absent on the last page. */
  readonly next?: number;
}

interface Entry {
  readonly firstPosition: number;
  /**
   * Dropped once the dossier is closed: a province-year holds hundreds of thousands of closed
   * dossiers, and only their summary row is listed. A later event (a rating after the return) folds
   * the stream again from the store, up to the version before it.
   */
  state: DossierState | undefined;
  row: DossierSummary;
}

/**
 * The dossier list, folded in memory from the log by the same decider the desk uses. It pulls: each
 * `caughtUp()` reads the log from its checkpoint to the head in pages, so commands pay nothing for it
 * and a list request sees every command answered before it. The first call (at server start) folds
 * the whole log. Rows are kept in the order dossiers first appeared, so a page cursor is the first
 * position of its last row.
 */
export class DossierIndex {
  private readonly entries = new Map<string, Entry>();
  /** Entries in order of `firstPosition`. */
  private readonly ordered: Entry[] = [];
  private readonly decider;
  private position = 0;
  private pulling: Promise<void> = Promise.resolve();
  /** Events the decider could not apply (a corrupt or unknown event): left out of the list. */
  skipped = 0;

  constructor(private readonly desk: Desk, private readonly pageSize = 2000) {
    this.decider = dossierStream.createDecider({ calendar: desk.calendar, rules: desk.rules });
  }

  /** Resolves when every event appended before the call is in the index. */
  caughtUp(): Promise<void> {
    // One pull at a time; a call made during a pull waits for it, then pulls what came after.
    const next = this.pulling.then(() => this.pull());
    this.pulling = next.catch(() => undefined);
    return next;
  }

  checkpoint(): number {
    return this.position;
  }

  private async pull(): Promise<void> {
    for (;;) {
      const page = await this.desk.store.readAll({ after: this.position, maxCount: this.pageSize });
      for (const event of page.events) {
        if (event.metadata.globalPosition <= this.position) continue;
        await this.apply(event);
        this.position = event.metadata.globalPosition;
      }
      if (page.isEnd || page.events.length === 0) return;
    }
  }

  private async apply(event: RecordedEvent): Promise<void> {
    const { streamId, globalPosition, streamVersion } = event.metadata;
    // The stream id says the dossier's code and its province (docs/adr/0011-province-in-stream-ids.md).
    const parsed = parseProvinceStreamId(streamId);
    if (parsed?.kind !== dossierStream.name) return;
    const decoded = dossierStream.eventCodec.decode({ type: event.type, data: event.data });
    if (isLeft(decoded)) {
      this.skipped++;
      return;
    }
    let entry = this.entries.get(streamId);
    let state: DossierState;
    try {
      const before = entry === undefined ? this.decider.initialState() : (entry.state ?? (await this.foldUpTo(streamId, streamVersion - 1)));
      state = this.decider.evolve(before, { ...decoded.right, metadata: event.metadata } as never);
    } catch {
      this.skipped++;
      return;
    }
    const code = parsed.id;
    if (entry === undefined) {
      entry = { firstPosition: globalPosition, state, row: summary(code, parsed.tenantId, state, streamVersion) };
      this.entries.set(streamId, entry);
      this.ordered.push(entry);
    } else {
      entry.state = state;
      entry.row = summary(code, entry.row.tenantId, state, streamVersion);
    }
    if (CLOSED_STATUSES.includes(state.status)) entry.state = undefined;
  }

  /** The dossier's state after its first `version` events, folded from the store. */
  private async foldUpTo(streamId: string, version: number): Promise<DossierState> {
    const { events } = await this.desk.store.readStream(streamId);
    let state = this.decider.initialState();
    for (const event of events) {
      if (event.metadata.streamVersion > version) break;
      state = this.decider.evolve(state, checkStoredEvent(event, dossierStream.eventCodec) as never);
    }
    return state;
  }

  list(query: DossierQuery): DossierPage {
    const items: DossierSummary[] = [];
    let last = 0;
    const start = query.after === undefined ? 0 : firstIndexAfter(this.ordered, query.after);
    for (let index = start; index < this.ordered.length; index++) {
      const entry = this.ordered[index] as Entry;
      const row = entry.row;
      if (!matches(row, query)) continue;
      if (items.length === query.limit) return { items, next: last };
      items.push(row);
      last = entry.firstPosition;
    }
    return { items };
  }
}

const summary = (code: string, tenantId: string, state: DossierState, version: number): DossierSummary => ({
  code,
  tenantId,
  status: state.status,
  ...(state.receivingUnitId === undefined ? {} : { unitId: state.receivingUnitId }),
  ...(state.procedureCode === undefined ? {} : { procedureCode: state.procedureCode }),
  ...(state.applicantId === undefined ? {} : { applicantId: state.applicantId }),
  ...(state.receivedAt === undefined ? {} : { receivedAt: state.receivedAt }),
  ...(state.dueDate === undefined ? {} : { dueDate: state.dueDate }),
  version,
});

const matches = (row: DossierSummary, query: DossierQuery): boolean =>
  row.tenantId === query.tenantId &&
  (query.unitId === undefined || row.unitId === query.unitId) &&
  (query.status === undefined || row.status === query.status) &&
  (query.procedureCode === undefined || row.procedureCode === query.procedureCode) &&
  (query.applicantId === undefined || row.applicantId === query.applicantId) &&
  (query.withinUnits === undefined || row.unitId === undefined || query.withinUnits.includes(row.unitId));

/** Index of the first entry whose first position is greater than `after`. */
const firstIndexAfter = (entries: readonly Entry[], after: number): number => {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries[middle] as Entry).firstPosition <= after) low = middle + 1;
    else high = middle;
  }
  return low;
};
