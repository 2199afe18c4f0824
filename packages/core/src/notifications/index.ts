/**
 * Status notifications (docs/notifications.md): the transactional outbox (a projection of the one
 * engine), webhook subscriptions per province, the dispatcher with retries and dead letters, and
 * Standard Webhooks signing.
 */
export { notificationOutboxProjection, outboxMessageKey, OUTBOX_PROJECTION, NOTIFICATION_TYPES, NOTIFIABLE_STATUSES, type NotificationType, type OutboxMessage, type OutboxDocument } from './outbox.js';
export { newWebhookSecret, isWebhookSecret, signWebhook, verifyWebhook, webhookHeaders, type WebhookVerification } from './standard-webhooks.js';
export { WebhookSubscriptions, wants, signingSecrets, SUBSCRIPTIONS, type WebhookSubscription, type NewSubscription } from './subscription.js';
export { WebhookDeliveries, DELIVERIES, type WebhookDelivery } from './deliveries.js';
export { retryDelayMs, DEFAULT_RETRY, type RetryPolicy } from './backoff.js';
export { WebhookDispatcher, WebhookTimeout, webhookBody, type DispatcherOptions, type TickReport, type WebhookRequest, type WebhookSender } from './dispatcher.js';
