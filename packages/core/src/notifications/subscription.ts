import { randomBytes } from 'node:crypto';
import { isLeft, t } from '../fp.js';
import type { DossierStatus } from '../dossier/state.js';
import type { DocumentStore } from '../read-side/engine/document-store.js';
import { documentKey, documentPrefix } from '../read-side/vocabulary/document-key.js';
import type { NotificationType, OutboxMessage } from './outbox.js';
import { isWebhookSecret, newWebhookSecret } from './standard-webhooks.js';

/**
 * A province's webhook subscription (docs/notifications.md): where to post, which messages, and the
 * secret that signs them. Kept as a document of `webhook-subscriptions` in the server's document store,
 * not as events: a secret must be replaceable and erasable, and the log is never rewritten.
 */
export interface WebhookSubscription {
  readonly id: string;
  readonly tenantId: string;
  readonly url: string;
  /** Message types sent; empty: all of them. */
  readonly types: readonly NotificationType[];
  /** Statuses sent (the status after the change); empty: all of them. */
  readonly statuses: readonly DossierStatus[];
  readonly secret: string;
  /** The secret before the last rotation, still signing beside the new one until `previousSecretUntil`. */
  readonly previousSecret?: string;
  readonly previousSecretUntil?: string;
  readonly createdAt: string;
  /** Messages of events after this global position are sent (the log's head when it was created). */
  readonly startAfter: number;
}

export const SUBSCRIPTIONS = 'webhook-subscriptions';
const VERSION = 1;

const Stored = t.intersection([
  t.type({
    id: t.string,
    tenantId: t.string,
    url: t.string,
    types: t.array(t.string),
    statuses: t.array(t.string),
    secret: t.string,
    createdAt: t.string,
    startAfter: t.number,
  }),
  t.partial({ previousSecret: t.string, previousSecretUntil: t.string }),
]);

/** A subscription read back, checked: a row that is not one is an error naming its key. */
const decode = (key: string, value: unknown): WebhookSubscription => {
  const decoded = Stored.decode(value);
  if (isLeft(decoded) || !isWebhookSecret(decoded.right.secret)) throw new Error(`${SUBSCRIPTIONS}: document ${key} is not a webhook subscription`);
  return decoded.right as WebhookSubscription;
};

const subscriptionKey = (tenantId: string, id: string): string => documentKey(tenantId, id);

/** Does `subscription` want `message`? */
export const wants = (subscription: WebhookSubscription, message: OutboxMessage): boolean =>
  (subscription.types.length === 0 || subscription.types.includes(message.type)) &&
  (subscription.statuses.length === 0 || subscription.statuses.includes(message.data.status));

/** The secrets that sign a delivery at `nowMs`: the current one, then the previous one during its grace period. */
export const signingSecrets = (subscription: WebhookSubscription, nowMs: number): readonly string[] =>
  subscription.previousSecret !== undefined && subscription.previousSecretUntil !== undefined && Date.parse(subscription.previousSecretUntil) > nowMs
    ? [subscription.secret, subscription.previousSecret]
    : [subscription.secret];

export interface NewSubscription {
  readonly tenantId: string;
  readonly url: string;
  readonly types?: readonly NotificationType[];
  readonly statuses?: readonly DossierStatus[];
  readonly startAfter: number;
}

/** Subscriptions in a document store; every call but `everywhere` stays inside one province. */
export class WebhookSubscriptions {
  constructor(
    private readonly documents: DocumentStore,
    private readonly now: () => number = Date.now,
    private readonly ids: () => string = () => randomBytes(9).toString('base64url'),
  ) {}

  async create(input: NewSubscription): Promise<WebhookSubscription> {
    const subscription: WebhookSubscription = {
      id: `sub_${this.ids()}`,
      tenantId: input.tenantId,
      url: input.url,
      types: [...(input.types ?? [])],
      statuses: [...(input.statuses ?? [])],
      secret: newWebhookSecret(),
      createdAt: new Date(this.now()).toISOString(),
      startAfter: input.startAfter,
    };
    await this.put(subscription);
    return subscription;
  }

  async get(tenantId: string, id: string): Promise<WebhookSubscription | undefined> {
    if (id.includes('/') || id.length === 0) return undefined;
    const key = subscriptionKey(tenantId, id);
    const value = (await this.documents.getMany(SUBSCRIPTIONS, [key])).get(key);
    return value === undefined ? undefined : decode(key, value);
  }

  async list(tenantId: string): Promise<readonly WebhookSubscription[]> {
    return this.page(documentPrefix(tenantId));
  }

  /** Every province's subscriptions: what the dispatcher serves. */
  async everywhere(): Promise<readonly WebhookSubscription[]> {
    return this.page('');
  }

  /** A new secret; the old one keeps signing beside it for `graceMs` so receivers can switch without a gap. */
  async rotate(tenantId: string, id: string, graceMs: number): Promise<WebhookSubscription | undefined> {
    const current = await this.get(tenantId, id);
    if (current === undefined) return undefined;
    const rotated: WebhookSubscription = {
      ...current,
      secret: newWebhookSecret(),
      previousSecret: current.secret,
      previousSecretUntil: new Date(this.now() + graceMs).toISOString(),
    };
    await this.put(rotated);
    return rotated;
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    if ((await this.get(tenantId, id)) === undefined) return false;
    await this.documents.commit(SUBSCRIPTIONS, { version: VERSION, checkpoint: 0, documents: new Map([[subscriptionKey(tenantId, id), undefined]]) });
    return true;
  }

  private async put(subscription: WebhookSubscription): Promise<void> {
    await this.documents.commit(SUBSCRIPTIONS, { version: VERSION, checkpoint: 0, documents: new Map([[subscriptionKey(subscription.tenantId, subscription.id), subscription]]) });
  }

  private async page(prefix: string): Promise<readonly WebhookSubscription[]> {
    const found: WebhookSubscription[] = [];
    let after: string | undefined;
    do {
      const page = await this.documents.list(SUBSCRIPTIONS, { prefix, limit: 500, ...(after === undefined ? {} : { after }) });
      for (const [key, value] of page.documents) found.push(decode(key, value));
      after = page.next;
    } while (after !== undefined);
    return found;
  }
}
