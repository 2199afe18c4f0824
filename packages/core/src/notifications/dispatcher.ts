import type { DocumentStore } from '../read-side/engine/document-store.js';
import { DEFAULT_RETRY, retryDelayMs, type RetryPolicy } from './backoff.js';
import { cursorKey, deadKey, queueKey, WebhookDeliveries, type WebhookDelivery } from './deliveries.js';
import { OUTBOX_PROJECTION, outboxMessageKey, outboxMessageOf, outboxMessagePrefix, type OutboxMessage } from './outbox.js';
import { webhookHeaders } from './standard-webhooks.js';
import { signingSecrets, wants, WebhookSubscriptions, type WebhookSubscription } from './subscription.js';

/** One POST to a receiver. */
export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

/** What a sender throws when the receiver did not answer within `timeoutMs`. */
export class WebhookTimeout extends Error {
  override readonly name = 'WebhookTimeout';
}

/** Sends a request and gives the receiver's status code; throws when no answer came (refused, reset; `WebhookTimeout` when timed out). */
export type WebhookSender = (request: WebhookRequest) => Promise<number>;

export interface DispatcherOptions {
  /** The store holding the outbox projection's documents, subscriptions and deliveries. */
  readonly documents: DocumentStore;
  readonly send: WebhookSender;
  readonly retry?: Partial<RetryPolicy>;
  /** Messages taken from the outbox, and deliveries sent, per province and tick; default 100. */
  readonly batchSize?: number;
  /** Per request; default 10 s. */
  readonly timeoutMs?: number;
  /** Milliseconds since the epoch; default `Date.now`. */
  readonly now?: () => number;
  /** In [0, 1), for the jitter; default `Math.random`. */
  readonly random?: () => number;
  /** Told of a tick that failed (the store did not answer); the loop goes on. */
  readonly onError?: (error: unknown) => void;
}

export interface TickReport {
  /** Deliveries created from new outbox messages. */
  readonly queued: number;
  readonly delivered: number;
  /** Attempts that failed and were scheduled again. */
  readonly retried: number;
  /** Deliveries given up, now dead letters. */
  readonly dead: number;
}

/** The body a receiver gets: the Standard Webhooks payload shape, the same bytes at every attempt. */
export const webhookBody = (message: OutboxMessage): string =>
  JSON.stringify({ type: message.type, timestamp: message.occurredAt, data: { tenantId: message.tenantId, eventType: message.eventType, position: message.position, ...message.data } });

/**
 * Moves outbox messages to the subscriptions that want them and posts them (docs/notifications.md).
 * At least once: a delivery leaves the queue only after its receiver answered 2xx, so a crash between the
 * answer and that write sends it again, with the same `webhook-id`. One dispatcher per store: two would
 * both send (still at least once, receivers drop the duplicates by id).
 */
export class WebhookDispatcher {
  private readonly deliveries: WebhookDeliveries;
  private readonly subscriptions: WebhookSubscriptions;
  private readonly retry: RetryPolicy;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly batch: number;
  private running: Promise<TickReport> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;

  constructor(private readonly options: DispatcherOptions) {
    this.deliveries = new WebhookDeliveries(options.documents);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.subscriptions = new WebhookSubscriptions(options.documents, this.now);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.batch = options.batchSize ?? 100;
  }

  /** One pass: new messages queued for every subscription, then every due delivery tried once. Ticks never overlap. */
  tick(): Promise<TickReport> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Ticks every `intervalMs` until `stop`. */
  start(intervalMs = 1000): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = () => {
      this.tick()
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, intervalMs);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async pass(): Promise<TickReport> {
    const subscriptions = await this.subscriptions.everywhere();
    let queued = 0;
    for (const subscription of subscriptions) queued += await this.enqueue(subscription);
    const report = { queued, delivered: 0, retried: 0, dead: 0 };
    const byId = new Map(subscriptions.map((subscription) => [`${subscription.tenantId}/${subscription.id}`, subscription]));
    const bySubscription = new Map<WebhookSubscription, WebhookDelivery[]>();
    for (const tenantId of new Set(subscriptions.map((subscription) => subscription.tenantId))) {
      for (const delivery of await this.deliveries.due(tenantId, this.now(), this.batch)) {
        const subscription = byId.get(`${tenantId}/${delivery.subscriptionId}`);
        // Its subscription was deleted: nothing more to send.
        if (subscription === undefined) await this.deliveries.write([], [queueKey(delivery)]);
        else bySubscription.set(subscription, [...(bySubscription.get(subscription) ?? []), delivery]);
      }
    }
    // Receivers side by side, each one's deliveries in order; a receiver that lets a request time out
    // gets no more this tick, so one unreachable host cannot hold the others back.
    await Promise.all(
      [...bySubscription].map(async ([subscription, due]) => {
        for (const delivery of due) {
          const outcome = await this.attempt(subscription, delivery);
          report[outcome === 'timed-out' ? 'retried' : outcome] += 1;
          if (outcome === 'timed-out') break;
        }
      }),
    );
    return report;
  }

  /** New outbox messages of the subscription's province: a delivery for each it wants, with the cursor, in one commit. */
  private async enqueue(subscription: WebhookSubscription): Promise<number> {
    const { tenantId, id } = subscription;
    const after = (await this.deliveries.cursor(tenantId, id)) ?? subscription.startAfter;
    const page = await this.options.documents.list(OUTBOX_PROJECTION, { prefix: outboxMessagePrefix(tenantId), after: outboxMessageKey(tenantId, after), limit: this.batch });
    const messages = page.documents.map(([key, document]) => outboxMessageOf(key, document));
    const last = messages[messages.length - 1];
    if (last === undefined) return 0;
    const nowMs = this.now();
    const queuedAt = new Date(nowMs).toISOString();
    const created: WebhookDelivery[] = messages
      .filter((message) => wants(subscription, message))
      .map((message) => ({ kind: 'delivery', id: `dlv_${id.replace(/^sub_/, '')}_${String(message.position).padStart(12, '0')}`, tenantId, subscriptionId: id, message, attempts: 0, dueAt: nowMs, queuedAt }));
    await this.deliveries.write([...created.map((delivery) => [queueKey(delivery), delivery] as const), [cursorKey(tenantId, id), { kind: 'cursor', after: last.position }]]);
    return created.length;
  }

  private async attempt(subscription: WebhookSubscription, delivery: WebhookDelivery): Promise<'delivered' | 'retried' | 'timed-out' | 'dead'> {
    const nowMs = this.now();
    const body = webhookBody(delivery.message);
    let error: string;
    let timedOut = false;
    try {
      const status = await this.options.send({
        url: subscription.url,
        headers: { 'content-type': 'application/json', ...webhookHeaders(signingSecrets(subscription, nowMs), delivery.message.id, Math.floor(nowMs / 1000), body) },
        body,
        timeoutMs: this.options.timeoutMs ?? 10_000,
      });
      error = status >= 200 && status < 300 ? '' : `HTTP ${status}`;
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message : String(thrown);
      timedOut = thrown instanceof WebhookTimeout;
    }
    // A store that fails here fails the tick: the delivery stays queued and is sent again, same id.
    if (error === '') {
      await this.deliveries.write([], [queueKey(delivery)]);
      return 'delivered';
    }
    const attempts = delivery.attempts + 1;
    const tried = { ...delivery, attempts, lastAttemptAt: new Date(nowMs).toISOString(), lastError: error.slice(0, 500) };
    if (attempts >= this.retry.maxAttempts) {
      const dead: WebhookDelivery = { ...tried, deadAt: tried.lastAttemptAt };
      await this.deliveries.write([[deadKey(delivery.tenantId, delivery.id), dead]], [queueKey(delivery)]);
      return 'dead';
    }
    const next: WebhookDelivery = { ...tried, dueAt: nowMs + retryDelayMs(this.retry, attempts, this.random()) };
    await this.deliveries.write([[queueKey(next), next]], [queueKey(delivery)]);
    return timedOut ? 'timed-out' : 'retried';
  }
}
