import { isLeft, t } from '../fp.js';
import type { DocumentStore } from '../read-side/engine/document-store.js';
import { documentKey, documentPrefix } from '../read-side/vocabulary/document-key.js';
import type { OutboxMessage } from './outbox.js';

/** One message on its way to one subscription. */
export interface WebhookDelivery {
  readonly kind: 'delivery';
  /** `dlv_<subscription>_<position, 12 digits>`: one per subscription and message, in the log's order. */
  readonly id: string;
  readonly tenantId: string;
  readonly subscriptionId: string;
  readonly message: OutboxMessage;
  /** Attempts made so far. */
  readonly attempts: number;
  /** When the next attempt is due, in ms since the epoch. */
  readonly dueAt: number;
  readonly queuedAt: string;
  readonly lastAttemptAt?: string;
  /** The receiver's status code, or the network error, of the last failed attempt. */
  readonly lastError?: string;
  /** Set once it is given up. */
  readonly deadAt?: string;
}

/** How far a subscription has taken the outbox. */
interface Cursor {
  readonly kind: 'cursor';
  readonly after: number;
}

type DeliveryDocument = WebhookDelivery | Cursor;

export const DELIVERIES = 'webhook-deliveries';
const VERSION = 1;
const TIME_DIGITS = 15;

/**
 * Keys of `webhook-deliveries`: `<tenant>/cursor/<subscription>`, `<tenant>/queue/<due ms>/<delivery>`
 * (a province's due deliveries list in the order they fall due) and `<tenant>/dead/<delivery>`.
 */
export const cursorKey = (tenantId: string, subscriptionId: string): string => documentKey(tenantId, 'cursor', subscriptionId);
export const queueKey = (delivery: Pick<WebhookDelivery, 'tenantId' | 'dueAt' | 'id'>): string =>
  documentKey(delivery.tenantId, 'queue', String(Math.max(0, delivery.dueAt)).padStart(TIME_DIGITS, '0'), delivery.id);
export const queuePrefix = (tenantId: string): string => documentPrefix(tenantId, 'queue');
export const deadKey = (tenantId: string, id: string): string => documentKey(tenantId, 'dead', id);
export const deadPrefix = (tenantId: string): string => documentPrefix(tenantId, 'dead');

const StoredDelivery = t.type({ kind: t.literal('delivery'), id: t.string, tenantId: t.string, subscriptionId: t.string, attempts: t.number, dueAt: t.number, queuedAt: t.string, message: t.type({ id: t.string, type: t.string, tenantId: t.string, position: t.number, data: t.type({ dossierCode: t.string, status: t.string }) }) });
const StoredCursor = t.type({ kind: t.literal('cursor'), after: t.number });

const decodeDelivery = (key: string, value: unknown): WebhookDelivery => {
  if (isLeft(StoredDelivery.decode(value))) throw new Error(`${DELIVERIES}: document ${key} is not a webhook delivery`);
  return value as WebhookDelivery;
};

/** The deliveries, queue and dead letters in a document store; each write is one commit. */
export class WebhookDeliveries {
  constructor(private readonly documents: DocumentStore) {}

  async cursor(tenantId: string, subscriptionId: string): Promise<number | undefined> {
    const key = cursorKey(tenantId, subscriptionId);
    const value = (await this.documents.getMany(DELIVERIES, [key])).get(key);
    if (value === undefined) return undefined;
    const decoded = StoredCursor.decode(value);
    if (isLeft(decoded)) throw new Error(`${DELIVERIES}: document ${key} is not a cursor`);
    return decoded.right.after;
  }

  /** Deliveries due at `nowMs` in a province, earliest first. */
  async due(tenantId: string, nowMs: number, limit: number): Promise<readonly WebhookDelivery[]> {
    const page = await this.documents.list(DELIVERIES, { prefix: queuePrefix(tenantId), limit });
    return page.documents.map(([key, value]) => decodeDelivery(key, value)).filter((delivery) => delivery.dueAt <= nowMs);
  }

  async dead(tenantId: string, limit: number, after?: string): Promise<{ readonly deliveries: readonly WebhookDelivery[]; readonly next?: string }> {
    const page = await this.documents.list(DELIVERIES, { prefix: deadPrefix(tenantId), limit, ...(after === undefined ? {} : { after }) });
    return { deliveries: page.documents.map(([key, value]) => decodeDelivery(key, value)), ...(page.next === undefined ? {} : { next: page.next }) };
  }

  async queued(tenantId: string, limit: number): Promise<readonly WebhookDelivery[]> {
    const page = await this.documents.list(DELIVERIES, { prefix: queuePrefix(tenantId), limit });
    return page.documents.map(([key, value]) => decodeDelivery(key, value));
  }

  /** Writes changes in one commit: documents to put, keys to delete. */
  async write(puts: readonly (readonly [string, DeliveryDocument])[], deletes: readonly string[] = []): Promise<void> {
    const documents = new Map<string, unknown>();
    for (const key of deletes) documents.set(key, undefined);
    for (const [key, value] of puts) documents.set(key, value);
    if (documents.size > 0) await this.documents.commit(DELIVERIES, { version: VERSION, checkpoint: 0, documents });
  }

  /** A dead letter back in the queue, due now, its attempts counted afresh; false when there is none by that id. */
  async redrive(tenantId: string, id: string, nowMs: number): Promise<boolean> {
    if (id.includes('/') || id.length === 0) return false;
    const key = deadKey(tenantId, id);
    const value = (await this.documents.getMany(DELIVERIES, [key])).get(key);
    if (value === undefined) return false;
    const { deadAt: _deadAt, ...dead } = decodeDelivery(key, value);
    const queued: WebhookDelivery = { ...dead, attempts: 0, dueAt: nowMs };
    await this.write([[queueKey(queued), queued]], [key]);
    return true;
  }
}
