import { isLeft, type ActorRole, type Desk, type DomainError } from '@motcua/core';
import type { BusinessTime } from './business-time.js';

export type StreamKind = 'dossiers' | 'officers' | 'incidents' | 'feedback' | 'units';

/** A seed command the desk refused: the generator broke a rule, which is a bug in the generator. */
export class SeedCommandRejected extends Error {
  constructor(
    readonly commandType: string,
    readonly entityId: string,
    readonly error: DomainError,
  ) {
    super(`seed command ${commandType} for ${entityId} was refused: ${error.message}${'code' in error ? ` (${error.code})` : ''}`);
    this.name = 'SeedCommandRejected';
  }
}

export interface SeedCounters {
  commands: number;
  /** Events appended now; commands already applied by an earlier run append nothing. */
  eventsAppended: number;
  replayedCommands: number;
}

/**
 * Sends commands through the desk with an idempotency key per (stream, step): running the seed again
 * replays the stored results instead of appending, and an interrupted seed resumes where it stopped.
 */
export class SeedSession {
  readonly counters: SeedCounters = { commands: 0, eventsAppended: 0, replayedCommands: 0 };
  /** When set, each command waits for its business time (`occurredAt`) to come round. */
  businessTime: BusinessTime | undefined;
  /**
   * When set, moved to a minute after each command's business time before it is sent: the demo is
   * recorded as a live desk records it, so its facts are not late entries.
   */
  clock: { set(at: Date): void } | undefined;
  private readonly steps = new Map<string, number>();

  constructor(
    readonly desk: Desk,
    readonly tenantId: string,
    private readonly keyPrefix: string,
  ) {}

  /** Waits until business time reaches `instant` (at once without a business time): facts before it are recorded. */
  async reach(instant: string): Promise<void> {
    if (this.businessTime !== undefined) await this.businessTime.at(instant);
  }

  /** The idempotency key of the first command the seed sends: present when a seed already ran. */
  static firstKey(keyPrefix: string, streamId: string): string {
    return `${keyPrefix}:${streamId}:1`;
  }

  async send<State>(
    kind: StreamKind,
    entityId: string,
    type: string,
    data: Record<string, unknown>,
    actor: { readonly id: string; readonly role: ActorRole },
  ): Promise<State> {
    if (this.businessTime !== undefined) await this.businessTime.at(String(data.occurredAt));
    this.clock?.set(new Date(Date.parse(String(data.occurredAt)) + 60_000));
    const api = this.desk[kind];
    const streamId = api.streamId(this.tenantId, entityId);
    const step = (this.steps.get(streamId) ?? 0) + 1;
    this.steps.set(streamId, step);
    const result = await api.handle(
      { type, data },
      { actor, tenantId: this.tenantId, idempotencyKey: `${this.keyPrefix}:${streamId}:${step}` },
    );
    if (isLeft(result)) throw new SeedCommandRejected(type, entityId, result.left);
    this.counters.commands++;
    if (result.right.replayed) this.counters.replayedCommands++;
    else this.counters.eventsAppended += result.right.events.length;
    return result.right.state as State;
  }
}

/** `2026-03-02` + `09:15` → `2026-03-02T09:15:00+07:00` (desk time, Asia/Ho_Chi_Minh). */
export const at = (date: string, time: string): string => `${date}T${time}:00+07:00`;

/** Minutes after midnight → `HH:MM`. */
export const clockTime = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
